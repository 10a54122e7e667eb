from django.db import models

from parcours.domain.dossier import Status as DomainStatus


class Status(models.TextChoices):
    """The domain's `Status`, with French labels (a test keeps the two in step)."""

    DRAFT = DomainStatus.DRAFT.value, "Brouillon"
    SUBMITTED = DomainStatus.SUBMITTED.value, "Soumis à l'OPCO"
    CHANGES_REQUESTED = DomainStatus.CHANGES_REQUESTED.value, "Modifications demandées"
    ACCEPTED = DomainStatus.ACCEPTED.value, "Accepté (prise en charge accordée)"
    REFUSED = DomainStatus.REFUSED.value, "Refusé"
    RUNNING = DomainStatus.RUNNING.value, "En cours"
    COMPLETED = DomainStatus.COMPLETED.value, "Terminé"
    TERMINATED = DomainStatus.TERMINATED.value, "Rompu"


class EventKind(models.TextChoices):
    EDIT = "edit", "Modification"
    TRANSITION = "transition", "Changement d'état"
    UPLOAD = "upload", "Dépôt de document"
    COMMENT = "comment", "Commentaire"


class SignedKind(models.TextChoices):
    CERFA_12434 = "cerfa_12434", "CERFA 12434 signé"
    CONVENTION = "convention", "Convention tripartite signée"
