"""Who may sign, declare an absence on, or send a link for which line of the feuille
d'émargement. Built on `parcours.dossiers.perms.can_view`: nobody acts on a dossier they
cannot see. The actions call these functions themselves (pages and API cannot skip them).

A line is (session, signer). The learner's line of every session belongs to the dossier's
learner account; the trainer's line exists for interne and AFEST sessions only and belongs
to the account mapped (`Dossier.trainer_accounts`) to the session's trainer (the session's
own, else its module's). Nobody signs someone else's line: the company side and the
session's trainer may declare the learner absent, send a one-time link, or (company side,
external modules) deposit the provider's signed sheet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from parcours.accounts.enums import Role
from parcours.domain.dossier import Modality, Presence, Session, Signer
from parcours.domain.figures import INTERNAL
from parcours.dossiers import convert
from parcours.dossiers import perms as dossier_perms
from parcours.dossiers.enums import Status
from parcours.dossiers.lifecycle import COMPANY_SIDE
from parcours.dossiers.models import Dossier

# Signatures are collected while the contract runs.
SIGNING_STATES = (Status.RUNNING,)
# Sessions run by an external provider: their proof is the provider's signed sheet.
PROVIDER_MODALITIES = frozenset({Modality.EXTERNE, Modality.DISTANCE})


def _role(user) -> str | None:
    return user.role if user.is_authenticated and user.is_active else None


def today() -> dt.date:
    return timezone.localdate()


def has_line(schedule: convert.Schedule, session: Session, signer: Signer | str) -> bool:
    """Every session has a learner line; only interne and AFEST sessions a trainer line."""
    if signer == Signer.LEARNER:
        return True
    module = schedule.modules.get(session.module)
    return signer == Signer.TRAINER and module is not None and module.modality in INTERNAL


def owner_id(row: Dossier, schedule: convert.Schedule, session: Session, signer) -> int | None:
    """The account whose line it is (None: no account named for it)."""
    if signer == Signer.LEARNER:
        return row.learner_id
    trainer = schedule.session_trainer(session)
    return (row.trainer_accounts or {}).get(trainer) if trainer else None


def is_company_side(user, row: Dossier) -> bool:
    return _role(user) in COMPANY_SIDE and dossier_perms.can_view(user, row)


def is_own_line(user, row: Dossier, schedule: convert.Schedule, session: Session, signer) -> bool:
    """The user is the signer of this line (the learner account for the learner's line,
    the account mapped to the session's trainer for the trainer's)."""
    role = _role(user)
    expected = Role.LEARNER if signer == Signer.LEARNER else Role.TRAINER
    return (
        role == expected
        and has_line(schedule, session, signer)
        and owner_id(row, schedule, session, signer) == user.pk
        and dossier_perms.can_view(user, row)
    )


def is_session_trainer(user, row: Dossier, schedule: convert.Schedule, session: Session) -> bool:
    trainer = schedule.session_trainer(session)
    return (
        _role(user) == Role.TRAINER
        and trainer is not None
        and (row.trainer_accounts or {}).get(trainer) == user.pk
        and dossier_perms.can_view(user, row)
    )


def may_declare_absence(user, row, schedule, session, signer) -> bool:
    """The signer themself; for the learner's line also the company side or the session's
    trainer (who saw the learner was not there)."""
    if is_own_line(user, row, schedule, session, signer):
        return True
    return signer == Signer.LEARNER and (
        is_company_side(user, row) or is_session_trainer(user, row, schedule, session)
    )


def may_send_link(user, row, schedule, session, signer) -> bool:
    """The company side or the session's trainer, for a line of that session."""
    return has_line(schedule, session, signer) and (
        is_company_side(user, row) or is_session_trainer(user, row, schedule, session)
    )


# --- the questions pages ask -----------------------------------------------------------


def _open(row: Dossier, session: Session | None, taken: bool) -> bool:
    """The line can receive a record now: running, the session's day has come, none yet."""
    return (
        row.status in SIGNING_STATES and session is not None and session.date <= today()
    ) and not taken


def _taken(row: Dossier, session_id: str, signer) -> bool:
    return row.signatures.filter(session_id=session_id, signer=signer).exists()


def _line_args(row: Dossier, session_id: str, signer):
    schedule = convert.schedule(row)
    session = schedule.sessions.get(session_id)
    if session is None or signer not in tuple(Signer) or not has_line(schedule, session, signer):
        return None
    return schedule, session


def can_sign(user, dossier: Dossier, session_id: str, signer) -> bool:
    """The user may sign this line now (their own line, running, the day has come, not
    signed yet)."""
    found = _line_args(dossier, session_id, signer)
    return bool(
        found
        and is_own_line(user, dossier, *found, signer)
        and _open(dossier, found[1], _taken(dossier, session_id, signer))
    )


def can_record_absence(user, dossier: Dossier, session_id: str, signer) -> bool:
    found = _line_args(dossier, session_id, signer)
    return bool(
        found
        and may_declare_absence(user, dossier, *found, signer)
        and _open(dossier, found[1], _taken(dossier, session_id, signer))
    )


def can_create_link(user, dossier: Dossier, session_id: str, signer) -> bool:
    found = _line_args(dossier, session_id, signer)
    return bool(
        found
        and may_send_link(user, dossier, *found, signer)
        and _open(dossier, found[1], _taken(dossier, session_id, signer))
    )


def can_upload_provider_sheet(user, dossier: Dossier) -> bool:
    """The company side deposits the external provider's signed sheets while it runs."""
    return dossier.status in SIGNING_STATES and is_company_side(user, dossier)


def can_read_attendance(user, dossier: Dossier) -> bool:
    """Every party of the dossier reads its attendance (the export carries it too)."""
    return dossier_perms.can_view(user, dossier)


@dataclass(frozen=True)
class Line:
    """One line of the feuille d'émargement as one user sees it."""

    session: Session
    signer: Signer
    trainer: str | None  # who runs the session (trainer id of the document)
    record: dict | None  # the format record, once signed or declared absent
    own: bool  # the user's own line
    can_sign: bool
    can_record_absence: bool
    can_create_link: bool
    provider_sheet: bool  # an external session: the provider's sheet is its proof

    @property
    def session_id(self) -> str:
        return self.session.id

    @property
    def date(self) -> dt.date:
        return self.session.date

    @property
    def signed(self) -> bool:
        return self.record is not None and self.record.get("presence") != Presence.ABSENT

    @property
    def absent(self) -> bool:
        return self.record is not None and self.record.get("presence") == Presence.ABSENT


def lines_for(user, dossier: Dossier) -> list[Line]:
    """Every line the user signs (their own, past and future) or may act on (declare an
    absence, send a link), by date then learner before trainer; empty for who cannot see
    the dossier. For pages: « mes prochaines séances »."""
    if not dossier_perms.can_view(user, dossier):
        return []
    schedule = convert.schedule(dossier)
    records = {(r["session"], r["signer"]): r for r in convert.attendance_records(dossier)}
    company = _role(user) in COMPANY_SIDE
    running = dossier.status in SIGNING_STATES
    lines = []
    for session in sorted(
        schedule.sessions.values(), key=lambda s: (s.date, s.start_time or dt.time(0))
    ):
        module = schedule.modules.get(session.module)
        trainer = schedule.session_trainer(session)
        session_trainer = (
            _role(user) == Role.TRAINER
            and trainer is not None
            and (dossier.trainer_accounts or {}).get(trainer) == user.pk
        )
        for signer in (Signer.LEARNER, Signer.TRAINER):
            if not has_line(schedule, session, signer):
                continue
            record = records.get((session.id, signer.value))
            own = owner_id(dossier, schedule, session, signer) == user.pk and _role(user) == (
                Role.LEARNER if signer == Signer.LEARNER else Role.TRAINER
            )
            is_open = _open(dossier, session, record is not None)
            helper = company or session_trainer
            line = Line(
                session=session,
                signer=signer,
                trainer=trainer,
                record=record,
                own=own,
                can_sign=own and is_open,
                can_record_absence=is_open and (own or (signer == Signer.LEARNER and helper)),
                can_create_link=is_open and helper,
                provider_sheet=running
                and company
                and signer == Signer.LEARNER
                and module is not None
                and module.modality in PROVIDER_MODALITIES,
            )
            if own or helper:
                lines.append(line)
    return lines
