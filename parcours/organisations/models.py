"""Companies, facilitators and OPCOs; which facilitator helps which company."""

from django.db import models

from parcours.organisations.validators import validate_siret


class Kind(models.TextChoices):
    COMPANY = "company", "Entreprise"
    FACILITATOR = "facilitator", "Tiers facilitateur"
    OPCO = "opco", "OPCO"


class Organisation(models.Model):
    """One legal entity. `facilitators` is the assignment of SPEC.md: a facilitator sees
    only the dossiers of the companies that list it there."""

    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    name = models.CharField("raison sociale", max_length=200)
    siret = models.CharField("SIRET", max_length=14, validators=[validate_siret])
    address = models.CharField("adresse", max_length=300, blank=True)
    representative_name = models.CharField("représentant", max_length=200, blank=True)
    representative_role = models.CharField("qualité du représentant", max_length=200, blank=True)
    internal_training_service = models.BooleanField("service de formation interne", default=False)
    first_contract = models.BooleanField("premier contrat expérimental", default=True)
    facilitators = models.ManyToManyField(
        "self",
        verbose_name="tiers facilitateurs",
        symmetrical=False,
        blank=True,
        related_name="assigned_companies",
        limit_choices_to={"kind": Kind.FACILITATOR},
    )

    class Meta:
        verbose_name = "organisation"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def as_party(self) -> dict:
        """The organisation as the format's `company` / `facilitator` block."""
        block = {
            "name": self.name,
            "siret": self.siret,
            "address": self.address,
            "representative": {"name": self.representative_name, "role": self.representative_role},
        }
        if self.kind == Kind.COMPANY:
            block["internal_training_service"] = self.internal_training_service
            block["first_contract"] = self.first_contract
        return block
