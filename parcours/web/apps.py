from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "parcours.web"
    verbose_name = "Pages"
