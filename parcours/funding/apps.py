from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "parcours.funding"
    label = "funding"
    verbose_name = "Financement"
