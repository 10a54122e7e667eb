"""The money of a contract (convention art. 7 and 9): the funding claims with their state,
and the facilitator's log of hours. Written only by `parcours.funding.actions`; a dossier's
document gets both as `claims` and `facilitator_log` (`parcours.dossiers.convert`)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from parcours.domain.dossier import ClaimKind, ClaimState


class Kind(models.TextChoices):
    FIRST_PAYMENT = ClaimKind.FIRST_PAYMENT, "Premier versement à l'entreprise"
    FINAL_PAYMENT = ClaimKind.FINAL_PAYMENT, "Second versement à l'entreprise"
    FACILITATOR_INVOICE_1 = (
        ClaimKind.FACILITATOR_INVOICE_1,
        "Première facture du tiers facilitateur",
    )
    FACILITATOR_INVOICE_2 = ClaimKind.FACILITATOR_INVOICE_2, "Seconde facture du tiers facilitateur"


class State(models.TextChoices):
    DUE = ClaimState.DUE, "À demander"
    CLAIMED = ClaimState.CLAIMED, "Demandée"
    PAID = ClaimState.PAID, "Payée"
    REJECTED = ClaimState.REJECTED, "Rejetée"


class FundingClaim(models.Model):
    """One claim: due (it may be made), claimed (invoice number given), then paid or
    rejected by the OPCO. A rejected claim is kept; a new one of its kind may then be made.
    At most one claim of each kind that is not rejected, per dossier."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name="dossier", on_delete=models.CASCADE, related_name="claims"
    )
    kind = models.CharField("demande", max_length=30, choices=Kind.choices)
    amount = models.DecimalField("montant HT (€)", max_digits=10, decimal_places=2)
    state = models.CharField("état", max_length=20, choices=State.choices, default=State.DUE)
    due_on = models.DateField("due depuis le")
    # Who issues the invoice (the company, or the facilitator's organisation): set when the
    # claim is made; invoice numbers run in sequence per issuer and year.
    issuer = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="émetteur",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    invoice_number = models.CharField("n° de facture", max_length=20, blank=True)
    claimed_on = models.DateField("demandée le", null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="demandée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    paid_on = models.DateField("payée le", null=True, blank=True)
    rejected_on = models.DateField("rejetée le", null=True, blank=True)
    rejection_reason = models.TextField("motif du rejet", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="décision de",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "demande de paiement"
        verbose_name_plural = "demandes de paiement"
        ordering = ["dossier", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "kind"],
                condition=~Q(state=State.REJECTED),
                name="one_open_claim_per_kind",
            ),
            models.UniqueConstraint(
                fields=["issuer", "invoice_number"],
                condition=~Q(invoice_number=""),
                name="one_invoice_number_per_issuer",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="claim_amount_not_negative"),
        ]
        indexes = [models.Index(fields=["state", "claimed_on"], name="claims_to_pay")]

    def __str__(self) -> str:
        number = f" n° {self.invoice_number}" if self.invoice_number else ""
        return f"{self.get_kind_display()}{number} ({self.get_state_display()})"

    @property
    def is_facilitator_invoice(self) -> bool:
        return self.kind in (Kind.FACILITATOR_INVOICE_1, Kind.FACILITATOR_INVOICE_2)


class FacilitatorLog(models.Model):
    """One intervention of the facilitator: when, how long, what was done (its mission is
    estimated at 14 hours, convention art. 7)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name="dossier",
        on_delete=models.CASCADE,
        related_name="facilitator_logs",
    )
    date = models.DateField("date")
    hours = models.DecimalField("heures", max_digits=4, decimal_places=2)
    activity = models.CharField("ce qui a été fait", max_length=500)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="tiers facilitateur", on_delete=models.PROTECT
    )
    # The name as it was when the hours were logged (the certificate of service prints it).
    author_name = models.CharField("nom de l'intervenant", max_length=200)
    created_at = models.DateTimeField("enregistré le", auto_now_add=True)

    class Meta:
        verbose_name = "intervention du tiers facilitateur"
        verbose_name_plural = "interventions du tiers facilitateur"
        ordering = ["dossier", "date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=14), name="facilitator_log_hours"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} : {self.hours} h"
