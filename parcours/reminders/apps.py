from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "parcours.reminders"
    label = "reminders"
    verbose_name = "Rappels et courriels"
