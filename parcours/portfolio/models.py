"""The OPCO's own records about the dossiers it instructs: private notes and who follows
which dossier. Neither is part of the dossier's document: the company, the facilitator and
the learner never see them. Written only through `parcours.portfolio.actions`."""

from django.conf import settings
from django.db import models


class InstructorNote(models.Model):
    """A private note of an OPCO instructor on a dossier (read by OPCO staff only)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name="dossier",
        on_delete=models.CASCADE,
        related_name="instructor_notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField("note")
    at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "note d'instruction"
        verbose_name_plural = "notes d'instruction"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Assignment(models.Model):
    """One change of the instructor following a dossier (`Dossier.assigned_to` holds the
    current one; these rows keep who assigned whom, and when)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name="dossier",
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="suivi par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="attribué par",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "attribution"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.dossier_id} → {self.assignee_id}"
