from django.apps import AppConfig


class AmendmentsConfig(AppConfig):
    name = "parcours.amendments"
    label = "amendments"
    verbose_name = "Versions du parcours (adaptations et avenants)"

    def ready(self) -> None:
        # Version 1 is recorded when the OPCO accepts the dossier.
        from parcours.amendments import signals  # noqa: F401
