"""An audit spread over machines (`audit --via-tasks`): the run and its chunks. Each chunk
is a range of dossier ids that one task of the queue checks; its part of the CSV and its
counts are kept here until `audit --collect RUN` assembles them into one file."""

from django.db import models


class AuditRun(models.Model):
    created_at = models.DateTimeField("lancé le", auto_now_add=True)
    # Every chunk judges the dossiers at this date, even if a worker runs after midnight.
    as_of = models.DateField("vérifié à la date du")
    statuses = models.JSONField("états vérifiés", default=list, blank=True)
    since = models.DateField("modifiés depuis le", null=True, blank=True)
    refresh_summaries = models.BooleanField("colonnes de synthèse rafraîchies", default=False)
    chunk_count = models.PositiveIntegerField("morceaux")
    collected_at = models.DateTimeField("rassemblé le", null=True, blank=True)

    class Meta:
        verbose_name = "audit"
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"Audit n° {self.pk} du {self.as_of:%d/%m/%Y}"


class AuditChunk(models.Model):
    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField("rang")
    first_pk = models.BigIntegerField("premier dossier")
    last_pk = models.BigIntegerField("dernier dossier")
    done_at = models.DateTimeField("terminé le", null=True, blank=True)
    # Dossiers checked, findings by rule and severity, dossiers flagged (audit.ChunkResult).
    counts = models.JSONField("décomptes", default=dict, blank=True)
    # The chunk's lines of the CSV, without the header, in dossier order.
    csv = models.TextField("lignes du fichier", blank=True)

    class Meta:
        verbose_name = "morceau d'audit"
        ordering = ["run", "index"]
        constraints = [
            models.UniqueConstraint(fields=["run", "index"], name="one_audit_chunk_per_index")
        ]

    def __str__(self) -> str:
        return f"{self.run} : dossiers {self.first_pk} à {self.last_pk}"
