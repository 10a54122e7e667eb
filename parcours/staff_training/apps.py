from django.apps import AppConfig


class StaffTrainingConfig(AppConfig):
    name = "parcours.staff_training"
    verbose_name = "Formation des tuteurs et formateurs"
