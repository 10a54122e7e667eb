from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "parcours.dossiers"
    label = "dossiers"
    verbose_name = "Dossiers"
