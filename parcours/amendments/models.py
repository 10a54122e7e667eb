"""The versions of an accepted parcours: the initial one, the OPCO's adaptations (convention
art. 6, until the first review) and the avenants (art. 10, after it). Every version is kept;
the dossier's document always carries the design of the version in force today
(`parcours.amendments.versions`). Written only through `parcours.amendments.actions`."""

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    INITIAL = "initial", "Version initiale"
    ADAPTATION = "adaptation", "Adaptation proposée par l'OPCO"
    AVENANT = "avenant", "Avenant à la convention"


class State(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PROPOSED = "proposed", "En attente de réponse"
    ACCEPTED = "accepted", "Acceptée"
    DECLINED = "declined", "Déclinée par l'entreprise"
    REFUSED = "refused", "Refusée par l'OPCO"


class Party(models.TextChoices):
    """The original parties who sign an avenant."""

    COMPANY = "company", "L'entreprise"
    FACILITATOR = "facilitator", "Le tiers facilitateur"
    OPCO = "opco", "L'OPCO"
    LEARNER = "learner", "Le salarié apprenant"


# The design a version carries: the référentiel, the modules, their séquences, and the
# action's dates and weekly hours (the other contract fields are not the parcours').
VERSION_SECTIONS = ("competences", "modules", "sequences", "contract")
CONTRACT_FIELDS = ("action_start", "action_end", "weekly_hours")


class ParcoursVersion(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="parcours_versions"
    )
    number = models.PositiveIntegerField("numéro")
    kind = models.CharField("nature", max_length=20, choices=Kind.choices)
    state = models.CharField("état", max_length=20, choices=State.choices, default=State.DRAFT)
    # {"competences": [...], "modules": [...], "sequences": [...],
    #  "contract": {"action_start", "action_end", "weekly_hours"}} in the format's JSON.
    sections = models.JSONField("parcours de cette version", default=dict)
    # The version this one changes (the one in force when it was drafted).
    base = models.ForeignKey(
        "self",
        verbose_name="version modifiée",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    explanation = models.TextField("objet et explication", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    proposed_at = models.DateField("proposée (soumise) le", null=True, blank=True)
    decided_at = models.DateField("décision le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="décision par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reason = models.TextField("motif de la décision", blank=True)
    in_force_from = models.DateField("en vigueur à partir du", null=True, blank=True)
    # An avenant's signatures by the original parties (the day each signed).
    signed_company = models.DateField("signé par l'entreprise le", null=True, blank=True)
    signed_facilitator = models.DateField(
        "signé par le tiers facilitateur le", null=True, blank=True
    )
    signed_opco = models.DateField("signé par l'OPCO le", null=True, blank=True)
    signed_learner = models.DateField("signé par le salarié le", null=True, blank=True)

    class Meta:
        verbose_name = "version du parcours"
        verbose_name_plural = "versions du parcours"
        ordering = ["dossier", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "number"], name="one_parcours_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"Version {self.number} ({self.get_kind_display()})"

    @property
    def in_force(self) -> bool:
        return self.state == State.ACCEPTED and self.in_force_from is not None

    @property
    def pending(self) -> bool:
        """Still waiting for someone: a draft, a proposal, an avenant not signed by all."""
        return self.state in (State.DRAFT, State.PROPOSED) or (
            self.state == State.ACCEPTED and self.in_force_from is None
        )

    def signature(self, party: str):
        return getattr(self, f"signed_{party}")
