from django.apps import AppConfig


class LessonsConfig(AppConfig):
    name = "parcours.lessons"
    verbose_name = "Retours d'expérience"
