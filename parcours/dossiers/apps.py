from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "parcours.dossiers"
    label = "dossiers"
    verbose_name = "Dossiers"

    def ready(self) -> None:
        # A company renamed: its dossiers' summary columns follow (company_name, search).
        from parcours.dossiers import signals  # noqa: F401
