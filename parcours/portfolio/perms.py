"""Who may use the OPCO's portfolio: the queue, its exports, the assignment of a dossier to
an instructor (« suivi par ») and the private notes are the OPCO staff's only. Nobody else
learns that they exist: the pages answer 403 to the other roles, and the notes of a dossier
are never part of what the company, the facilitator or the participants read."""

from __future__ import annotations

from parcours.accounts.enums import Role
from parcours.dossiers import perms as dossier_perms


def _role(user) -> str | None:
    return user.role if user.is_authenticated and user.is_active else None


def is_instructor(user) -> bool:
    return _role(user) == Role.OPCO_STAFF


def can_use_portfolio(user) -> bool:
    """The queue, its filters, its exports and the API list."""
    return is_instructor(user)


def can_read_notes(user, row) -> bool:
    return is_instructor(user) and dossier_perms.can_view(user, row)


def can_write_note(user, row) -> bool:
    return can_read_notes(user, row)


def can_assign(user, row) -> bool:
    return is_instructor(user) and dossier_perms.can_view(user, row)


def can_be_assigned(account) -> bool:
    """A dossier is followed by an active OPCO account only."""
    return account is not None and account.is_active and account.role == Role.OPCO_STAFF
