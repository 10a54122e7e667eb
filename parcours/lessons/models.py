"""A mirror of the document's lessons answers, for counting (the document stays the truth).

Written only by `parcours.lessons.actions`, in the same transaction as the document: one
row per dossier and quality. Why a model: the OPCO's dashboard counts « would do it again »
by party over thousands of dossiers; a plain indexed column makes that one GROUP BY on
both SQLite and PostgreSQL, where reading `content -> lessons -> answers` would need a JSON
table function per database or parsing every row in Python."""

from __future__ import annotations

from django.db import models

from parcours.domain.dossier import LESSON_QUALITIES, AgainAnswer
from parcours.domain.lessons import AGAIN_LABELS, QUALITY_LABELS


class LessonAnswer(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="lesson_answers"
    )
    quality = models.CharField(
        "partie", max_length=20, choices=[(q.value, QUALITY_LABELS[q]) for q in LESSON_QUALITIES]
    )
    again = models.CharField(
        "referait", max_length=10, choices=[(a.value, AGAIN_LABELS[a]) for a in AgainAnswer]
    )
    answered_on = models.DateField("répondu le")

    class Meta:
        verbose_name = "retour d'expérience"
        constraints = [
            models.UniqueConstraint(fields=["dossier", "quality"], name="one_lesson_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.quality} {self.again}"
