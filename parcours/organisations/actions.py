"""Writes on organisations: validated (SIRET included) before anything is saved."""

from django.db import transaction

from parcours.organisations.models import Organisation


@transaction.atomic
def create_organisation(**fields) -> Organisation:
    """A new organisation; `ValidationError` in French when a field (the SIRET…) is wrong."""
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def assign_facilitator(company: Organisation, facilitator: Organisation) -> None:
    """From now on `facilitator` sees and helps with every dossier of `company`."""
    company.facilitators.add(facilitator)
