"""A dossier row: a relational index (who, which company, which state) around the
`parcours-dossier/1` document kept in `content`. Read and write the document only through
`parcours.dossiers.convert`; write rows only through `parcours.dossiers.actions`."""

from django.conf import settings
from django.db import models

from parcours.dossiers.enums import EventKind, SignedKind, Status


class Dossier(models.Model):
    company = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="entreprise",
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    facilitator = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="tiers facilitateur",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facilitated_dossiers",
    )
    tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tuteur",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tutored_dossiers",
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="salarié apprenant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learner_dossiers",
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="formateurs internes",
        blank=True,
        related_name="trained_dossiers",
    )
    status = models.CharField("état", max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Optimistic locking: every write is `UPDATE … WHERE version = <the version read>`.
    version = models.PositiveIntegerField("version", default=1)
    reference = models.CharField("n° de dossier OPCO", max_length=60, blank=True)
    agreement_number = models.CharField("n° d'accord de prise en charge", max_length=60, blank=True)
    agreement_date = models.DateField("date de l'accord", null=True, blank=True)
    content = models.JSONField("document parcours-dossier/1", default=dict)
    # The company's own text for sections of the livret d'accueil (title -> text); a section
    # absent here keeps the documents package's default text.
    livret_sections = models.JSONField("livret d'accueil (sections)", default=dict, blank=True)
    # Which account is which trainer of the document ({"F1": user pk}): a trainer account
    # signs only the trainer lines of the sessions its trainer runs (parcours.attendance).
    trainer_accounts = models.JSONField(
        "comptes des formateurs du document", default=dict, blank=True
    )
    # The attendance chain's last hash and length, kept beside the chain (rows of
    # `attendance.Signature`) so that removing its last records is detected too.
    attendance_head = models.CharField("dernière empreinte d'émargement", max_length=64, blank=True)
    attendance_count = models.PositiveIntegerField("enregistrements d'émargement", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créé par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    # Summary columns (issue 9): a copy of what lists, filters and figures read, written by
    # the actions layer on every save and transition (parcours.dossiers.summary) so that
    # the OPCO's portfolio sorts and counts in SQL instead of parsing `content` row by row.
    learner_name = models.CharField("salarié", max_length=200, blank=True)
    company_name = models.CharField("nom de l'entreprise", max_length=200, blank=True)
    search_text = models.TextField("texte de recherche", blank=True)
    learner_age = models.PositiveSmallIntegerField("âge au début du contrat", null=True)
    age_band = models.CharField("tranche d'âge", max_length=8, blank=True)
    job_seeker = models.BooleanField("demandeur d'emploi", null=True)
    benefits = models.CharField("minima sociaux", max_length=60, blank=True)
    start_date = models.DateField("début du contrat", null=True)
    end_date = models.DateField("fin du contrat", null=True)
    duration_months = models.FloatField("durée (mois)", null=True)
    training_hours = models.FloatField("heures de formation", null=True)
    afest_hours = models.FloatField("heures d'AFEST", null=True)
    support_hours = models.FloatField("heures d'accompagnement", null=True)
    total_hours = models.FloatField("heures du parcours", null=True)
    training_share = models.FloatField("part de la formation (%)", null=True)
    bloquant_count = models.PositiveSmallIntegerField("points bloquants", default=0)
    alerte_count = models.PositiveSmallIntegerField("alertes", default=0)
    competences_targeted = models.PositiveSmallIntegerField("compétences visées", default=0)
    competences_acquired = models.PositiveSmallIntegerField("compétences acquises", default=0)
    # The tutor's name folded (TUT-05 counts a tutor's contracts in the company by it).
    tutor_key = models.CharField("tuteur (clé)", max_length=200, blank=True)
    first_submitted_at = models.DateTimeField("premier envoi", null=True)
    submitted_at = models.DateTimeField("dernier envoi", null=True)
    decided_at = models.DateTimeField("décision", null=True)
    decision_deadline = models.DateField("décision attendue avant le", null=True)
    status_changed_at = models.DateTimeField("dernier changement d'état", null=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="suivi par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_dossiers",
    )

    class Meta:
        verbose_name = "dossier"
        ordering = ["-updated_at", "-pk"]
        # The portfolio's sorts are keyset pages over (column, id); filters on counts/bands.
        indexes = [
            models.Index(fields=["status", "submitted_at", "id"], name="dossier_status_submitted"),
            models.Index(
                fields=["status", "decision_deadline", "id"], name="dossier_status_deadline"
            ),
            models.Index(fields=["learner_name", "id"], name="dossier_learner_name"),
            models.Index(fields=["company_name", "id"], name="dossier_company_name"),
            models.Index(fields=["start_date", "id"], name="dossier_start_date"),
            models.Index(fields=["assigned_to", "status"], name="dossier_assigned_status"),
            models.Index(fields=["bloquant_count"], name="dossier_bloquant_count"),
            models.Index(fields=["alerte_count"], name="dossier_alerte_count"),
            models.Index(fields=["age_band"], name="dossier_age_band"),
            models.Index(fields=["total_hours", "id"], name="dossier_total_hours"),
            models.Index(fields=["duration_months", "id"], name="dossier_duration"),
            models.Index(fields=["training_share", "id"], name="dossier_training_share"),
            models.Index(fields=["company", "tutor_key"], name="dossier_company_tutor"),
        ]

    def __str__(self) -> str:
        learner = self.content.get("learner") or {}
        name = f"{learner.get('first_name', '')} {learner.get('last_name', '')}".strip()
        job = (self.content.get("contract") or {}).get("job_title", "")
        return " – ".join(p for p in (self.reference, name, job) if p) or f"Dossier {self.pk}"


class Justification(models.Model):
    """Why an `alerte` finding is acceptable; every alerte needs one before submission."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="justifications")
    rule = models.CharField("règle", max_length=20)
    path = models.CharField("champ", max_length=200, blank=True)
    text = models.TextField("justification")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.PROTECT
    )
    at = models.DateTimeField("le", auto_now=True)

    class Meta:
        verbose_name = "justification d'alerte"
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "rule", "path"], name="one_justification_per_finding"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.path}"


# What the history records besides the document's sections.
OTHER_SECTIONS = {
    "people": "Comptes et accès",
    "livret": "Livret d'accueil",
    "attendance": "Émargement",
    "evaluations": "Évaluations des modules",
    "claims": "Demandes de paiement",
    "facilitator_log": "Heures du tiers facilitateur",
    "real_costs": "Coûts réels des modules",
    "staff_training": "Formation des tuteurs et formateurs",
    "onboarding": "Accueil du salarié",
    "referentiel_confirmation": "Confirmation du référentiel",
    "lessons": "Retours d'expérience",
    "convention_ending": "Fin de la convention (article 10)",
}


def section_label(section: str) -> str:
    """A section's French name, as the pages show it ("reviews" -> "Bilans")."""
    from parcours.dossiers.convert import SECTIONS  # convert imports this module

    return SECTIONS.get(section) or OTHER_SECTIONS.get(section, section)


class DossierEvent(models.Model):
    """The history: who did what, when, and what changed (`changes` is a list of
    `{"path", "before", "after"}`)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField("le", auto_now_add=True)
    kind = models.CharField("type", max_length=20, choices=EventKind.choices)
    from_status = models.CharField("état avant", max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField("état après", max_length=20, choices=Status.choices, blank=True)
    section = models.CharField("section", max_length=40, blank=True)
    changes = models.JSONField("changements", default=list, blank=True)
    comment = models.TextField("commentaire", blank=True)
    version = models.PositiveIntegerField("version atteinte", null=True)

    class Meta:
        verbose_name = "événement"
        ordering = ["-at", "-pk"]
        # The dashboard reads the transitions of a window of months.
        indexes = [models.Index(fields=["kind", "at"], name="dossierevent_kind_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.section or self.to_status}"

    @property
    def section_label(self) -> str:
        return section_label(self.section)


class SectionComment(models.Model):
    """What the OPCO asks to change in one section when it sends a dossier back."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="section_comments")
    event = models.ForeignKey(DossierEvent, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField("section", max_length=40)
    text = models.TextField("demande")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.PROTECT
    )
    at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "demande de modification"
        ordering = ["-at", "section"]

    def __str__(self) -> str:
        return f"{self.section_label} : {self.text[:40]}"

    @property
    def section_label(self) -> str:
        return section_label(self.section)


class SignedDocument(models.Model):
    """One uploaded version of a signed paper; older versions are kept. The file lives
    under `PRIVATE_MEDIA_ROOT` (relative `file_path`, random name) and is served only by
    a permission-checked view through `uploads.open_signed_document`."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="signed_documents")
    kind = models.CharField("type", max_length=20, choices=SignedKind.choices)
    version = models.PositiveIntegerField("version")
    file_path = models.CharField(max_length=200, editable=False)
    original_name = models.CharField("nom d'origine", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField("taille (octets)")
    sha256 = models.CharField(max_length=64)
    signed_on = models.DateField("signé le")
    signed_by = models.JSONField("signataires", default=list)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="déposé par", on_delete=models.PROTECT
    )
    at = models.DateTimeField("déposé le", auto_now_add=True)

    class Meta:
        verbose_name = "document signé"
        verbose_name_plural = "documents signés"
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "kind", "version"], name="one_signed_document_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"
