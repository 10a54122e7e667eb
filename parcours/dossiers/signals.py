"""A company renamed (Django admin): its dossiers' `company_name` and search text follow,
so that the portfolio finds and sorts them under the name the company has now."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from parcours.organisations.models import Kind, Organisation


@receiver(post_save, sender=Organisation, dispatch_uid="dossiers-company-renamed")
def company_renamed(sender, instance: Organisation, created: bool, **kwargs) -> None:
    if created or kwargs.get("raw") or instance.kind != Kind.COMPANY:
        return
    from parcours.dossiers.models import Dossier
    from parcours.dossiers.summary import refresh_rows

    stale = Dossier.objects.filter(company=instance).exclude(company_name=instance.name)
    if stale.exists():
        refresh_rows(stale)
