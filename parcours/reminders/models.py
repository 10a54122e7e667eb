"""Which reminder was sent to whom: `parcours remind` sends each to-do item
(`parcours.domain.todo`) once per person; a new due date makes a new key."""

from django.conf import settings
from django.db import models


class Reminder(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="destinataire",
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name="dossier", on_delete=models.CASCADE, related_name="+"
    )
    # "<dossier pk>:<item key>" (the item key: kind, object and due date).
    key = models.CharField("élément", max_length=200)
    sent_at = models.DateTimeField("envoyé le")

    class Meta:
        verbose_name = "rappel envoyé"
        verbose_name_plural = "rappels envoyés"
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="one_reminder_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.key} → {self.recipient}"
