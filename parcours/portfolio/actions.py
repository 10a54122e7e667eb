"""The only writes of the portfolio: assigning a dossier to an instructor and adding a
private note. Neither changes the dossier's document nor its version (a company editing
its dossier at the same time is not interrupted), and neither goes to the dossier's
history that the other parties read: the OPCO keeps its own (`Assignment` rows)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from parcours.accounts.models import User
from parcours.dossiers.errors import FieldError, InvalidDossier
from parcours.dossiers.models import Dossier
from parcours.portfolio import perms
from parcours.portfolio.models import Assignment, InstructorNote

MAX_NOTE = 4000


@transaction.atomic
def assign(row: Dossier, user, assignee: User | None) -> Assignment | None:
    """`assignee` now follows `row` (None: nobody). Returns the history row, or None when
    nothing changed."""
    if not perms.can_assign(user, row):
        raise PermissionDenied("Seul un conseiller OPCO attribue le suivi d'un dossier.")
    if assignee is not None and not perms.can_be_assigned(assignee):
        raise InvalidDossier(
            [
                FieldError(
                    "assigned_to", "Suivi par : choisissez un compte de conseiller OPCO actif."
                )
            ]
        )
    # Locked so that two instructors assigning at once leave one history line each, in order.
    current = Dossier.objects.select_for_update().values_list("assigned_to_id", flat=True)
    before = current.get(pk=row.pk)
    after = assignee.pk if assignee is not None else None
    if before == after:
        return None
    # An update of the one column: the document, its version and « modifié le » stay.
    Dossier.objects.filter(pk=row.pk).update(assigned_to=assignee)
    row.assigned_to = assignee
    return Assignment.objects.create(dossier=row, assignee=assignee, by=user)


@transaction.atomic
def add_note(row: Dossier, user, text: str) -> InstructorNote:
    if not perms.can_write_note(user, row):
        raise PermissionDenied("Les notes d'instruction sont réservées aux conseillers OPCO.")
    text = (text or "").strip()
    if not text:
        raise InvalidDossier([FieldError("text", "Note : écrivez le texte de la note.")])
    if len(text) > MAX_NOTE:
        raise InvalidDossier(
            [FieldError("text", f"Note : {MAX_NOTE} caractères au plus ({len(text)} ici).")]
        )
    return InstructorNote.objects.create(dossier=row, author=user, text=text)
