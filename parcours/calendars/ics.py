"""Rows to calendars: which part of which dossier goes into whose agenda
(`parcours.domain.ical` writes the iCalendar)."""

from __future__ import annotations

from parcours.accounts.enums import Role
from parcours.calendars import perms
from parcours.domain import ical
from parcours.dossiers import convert
from parcours.dossiers.models import Dossier

CONTENT_TYPE = "text/calendar; charset=utf-8"
UID_DOMAIN = "parcours"


def dossier_key(row: Dossier) -> str:
    """The UIDs' prefix: the row's id never changes (the OPCO number may)."""
    return f"dossier-{row.pk}"


def dossier_title(row: Dossier) -> str:
    return f"Formation – {row}"


def dossier_ics(row: Dossier) -> bytes:
    """Every session and review of one dossier (for every party of it)."""
    selection = ical.Selection(key=dossier_key(row), dossier=convert.to_domain(row))
    cal = ical.calendar(
        [selection],
        title=dossier_title(row),
        description="Les séances de formation et les bilans du contrat de professionnalisation.",
        uid_domain=UID_DOMAIN,
    )
    return cal.to_ical()


def personal_selection(user, row: Dossier) -> ical.Selection:
    """The part of one contract in the user's « mes séances »: the learner's whole
    calendar; the tutor's, the same with the learner's name; a trainer's, only the sessions
    they run (their trainer ids in `Dossier.trainer_accounts`; when the company has not
    said which trainer they are, every session run inside the company but those of the
    trainers known to be other accounts)."""
    dossier = convert.to_domain(row)
    key = dossier_key(row)
    if user.role == Role.TRAINER:
        ids = perms.trainer_ids(row, user)
        others = frozenset(row.trainer_accounts or {}) - ids
        return ical.Selection(
            key=key,
            dossier=dossier,
            trainers=ids or None,
            internal_only=not ids,
            other_trainers=frozenset() if ids else others,
            reviews=False,
            name_learner=True,
        )
    return ical.Selection(key=key, dossier=dossier, name_learner=user.role == Role.TUTOR)


def personal_selections(user) -> list[ical.Selection]:
    rows = perms.personal_dossiers(user).order_by("pk")
    return [personal_selection(user, row) for row in rows]


def personal_title(user) -> str:
    return f"Mes séances de formation – {user.get_full_name() or user.username}"


def personal_ics(user) -> bytes:
    """« Mes séances »: the user's sessions across every contract naming them."""
    cal = ical.calendar(
        personal_selections(user),
        title=personal_title(user),
        description="Vos séances de formation (parcours). Mises à jour automatiquement.",
        uid_domain=UID_DOMAIN,
    )
    return cal.to_ical()
