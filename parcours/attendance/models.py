"""One row per line of the feuille d'émargement (a signature or a declared absence), and
the one-time signing links. Rows are written only by `parcours.attendance.actions`; each
row is a record of the chain of `parcours.domain.attendance` (its `hash` covers every
field the format names, `previous_hash` links it to the row before it)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from parcours.attendance.records import (
    METHOD_LABELS,
    PRESENCE_LABELS,
    RECORD_COLUMNS,
    SIGNER_LABELS,
    choices,
    record_from_values,
)
from parcours.domain.dossier import Presence, Signer, SigningMethod


class Signature(models.Model):
    """One record of the chain: who signed (or was declared absent) for which session,
    how, and when (server time, whole seconds, UTC)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="signatures"
    )
    seq = models.PositiveIntegerField("rang dans la chaîne")
    session_id = models.CharField("séance", max_length=40)
    signer = models.CharField("signataire", max_length=10, choices=choices(Signer, SIGNER_LABELS))
    signer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte du signataire",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    signer_name = models.CharField("nom du signataire", max_length=200)
    trainer_ref = models.CharField("formateur (id du document)", max_length=40, blank=True)
    presence = models.CharField(
        "présence", max_length=10, choices=choices(Presence, PRESENCE_LABELS)
    )
    absence_reason = models.CharField("motif d'absence", max_length=500, blank=True)
    hours = models.FloatField("heures suivies", null=True, blank=True)
    method = models.CharField(
        "façon de signer", max_length=20, choices=choices(SigningMethod, METHOD_LABELS)
    )
    signed_at = models.DateTimeField("signé le")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="enregistré par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by_name = models.CharField("enregistré par (nom)", max_length=200, blank=True)
    # A drawn signature (PNG) or the provider's signed sheet, under PRIVATE_MEDIA_ROOT.
    evidence_path = models.CharField(max_length=200, blank=True, editable=False)
    evidence_content_type = models.CharField(max_length=100, blank=True)
    evidence_sha256 = models.CharField("empreinte de la preuve", max_length=64, blank=True)
    previous_hash = models.CharField("empreinte précédente", max_length=64)
    hash = models.CharField("empreinte", max_length=64)

    class Meta:
        verbose_name = "émargement"
        verbose_name_plural = "émargements"
        ordering = ["dossier", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "seq"], name="one_signature_per_rank"),
            models.UniqueConstraint(
                fields=["dossier", "session_id", "signer"], name="one_signature_per_line"
            ),
        ]
        indexes = [models.Index(fields=["dossier", "seq"], name="signature_chain")]

    def __str__(self) -> str:
        return f"n° {self.seq} : séance {self.session_id}, {self.get_signer_display()}"

    def as_record(self) -> dict:
        """The record in the `parcours-dossier/1` format (docs/format.md), as JSON values."""
        return record_from_values({f: getattr(self, f) for f in RECORD_COLUMNS})


class SigningLink(models.Model):
    """A one-time link (or its QR code) for one session and one signer, valid a limited
    time. Only the SHA-256 of the token is kept; the raw token is shown once."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="signing_links"
    )
    session_id = models.CharField("séance", max_length=40)
    signer = models.CharField("signataire", max_length=10, choices=choices(Signer, SIGNER_LABELS))
    signer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte du signataire",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créé par",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    expires_at = models.DateTimeField("valable jusqu'au")
    used_at = models.DateTimeField("utilisé le", null=True, blank=True)

    class Meta:
        verbose_name = "lien de signature"
        verbose_name_plural = "liens de signature"

    def __str__(self) -> str:
        return f"lien : séance {self.session_id}, {self.get_signer_display()}"
