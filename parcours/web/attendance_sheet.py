"""The émargement as the pages show it: each session of a dossier with its lines (the
learner's; the trainer's for an internal or AFEST session), each line's state (signed by
whom, when and how; absent and why; to sign) and what the page's user may do on it.

Read-only: the writers are `parcours.attendance.actions`, the rights
`parcours.attendance.perms`; this module only arranges what they decide for the templates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from parcours.accounts.enums import Role
from parcours.attendance import perms as attendance_perms
from parcours.domain import text
from parcours.domain.attendance import record_of
from parcours.domain.dossier import (
    AttendanceRecord,
    Module,
    Presence,
    Session,
    Signer,
    SigningMethod,
)
from parcours.domain.dossier import Dossier as DomainDossier
from parcours.domain.figures import INTERNAL
from parcours.dossiers import convert, lifecycle
from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier

# Sessions run by the company's own trainers: the trainer signs beside the learner.
TRAINER_SIGNS = INTERNAL
PROVIDER_MODALITIES = attendance_perms.PROVIDER_MODALITIES
# States in which sessions are signed (the contract runs).
SIGNING_STATES = frozenset({Status.RUNNING})
# States in which the home lists the next sessions (planned once the OPCO has accepted).
HOME_STATES = frozenset({Status.ACCEPTED, Status.RUNNING})

METHOD_LABELS = {
    SigningMethod.ACCOUNT: "depuis son compte",
    SigningMethod.TABLET: "sur la tablette partagée",
    SigningMethod.LINK: "par lien ou QR code à usage unique",
    SigningMethod.PROVIDER_SHEET: "feuille signée de l'organisme de formation",
    SigningMethod.DECLARED: "absence déclarée",
}
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def clock(value: dt.time | None) -> str:
    """9:00 -> « 9 h », 12:30 -> « 12 h 30 »."""
    if value is None:
        return ""
    return f"{value.hour}\u00a0h" + (f"\u00a0{value.minute:02d}" if value.minute else "")


def long_date(day: dt.date) -> str:
    """« mardi 2 mars 2027 »."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{WEEKDAYS[day.weekday()]} {first} {text.MONTHS[day.month - 1]} {day.year}"


def session_when(session: Session) -> str:
    """« mardi 2 mars 2027, 9 h – 12 h 30 » (the times when the plan gives them)."""
    when = long_date(session.date)
    if session.start_time and session.end_time:
        when += f", {clock(session.start_time)} – {clock(session.end_time)}"
    return when


def signed_at_text(record: AttendanceRecord) -> str:
    local = timezone.localtime(record.signed_at)
    return f"le {text.date(local.date())} à {clock(local.time().replace(second=0))}"


def short_hash(record: AttendanceRecord) -> str:
    return record.hash[:12]


@dataclass
class Line:
    """One signer's line of one session, as one user sees it."""

    session: Session
    module: Module | None
    signer: Signer
    person: str  # the signer's name
    person_label: str  # « salarié(e) en contrat » / « formateur interne »
    record: AttendanceRecord | None
    today: dt.date
    mine: bool = False  # the page's user is this line's signer
    can_sign: bool = False  # …and may sign it now
    can_declare_absence: bool = False  # company side or the session's trainer
    can_link: bool = False  # may hand out a one-time link / QR for it

    @property
    def key(self) -> str:
        return f"ligne-{self.session.id}-{self.signer.value}"

    @property
    def due(self) -> bool:
        """The session has started (today or before) and nothing is recorded yet."""
        return self.record is None and self.session.date <= self.today

    @property
    def late(self) -> bool:
        return self.record is None and self.session.date < self.today

    @property
    def state(self) -> str:
        if self.record is None:
            if self.session.date > self.today:
                return "à venir"
            return "en retard, à signer" if self.late else "à signer aujourd'hui"
        if self.record.presence == Presence.ABSENT:
            return "absent(e)"
        return "signé"

    @property
    def css(self) -> str:
        if self.record is None:
            return "late" if self.late else "todo"
        return "absent" if self.record.presence == Presence.ABSENT else "signed"

    @property
    def method_label(self) -> str:
        return METHOD_LABELS.get(self.record.method, "") if self.record else ""

    @property
    def signed_at(self) -> str:
        return signed_at_text(self.record) if self.record else ""

    @property
    def short_hash(self) -> str:
        return short_hash(self.record) if self.record else ""

    @property
    def when(self) -> str:
        return session_when(self.session)

    @property
    def module_title(self) -> str:
        if self.module is None:
            return self.session.module
        return f"{self.module.id} — {self.module.title}" if self.module.title else self.module.id

    @property
    def is_external(self) -> bool:
        return self.module is not None and self.module.modality not in TRAINER_SIGNS


@dataclass
class SessionView:
    session: Session
    module: Module | None
    lines: list[Line] = field(default_factory=list)

    @property
    def when(self) -> str:
        return session_when(self.session)

    @property
    def module_title(self) -> str:
        return self.lines[0].module_title if self.lines else self.session.module

    @property
    def is_today(self) -> bool:
        return bool(self.lines) and self.session.date == self.lines[0].today

    @property
    def has_open(self) -> bool:
        return any(ln.record is None for ln in self.lines)

    @property
    def external(self) -> bool:
        return self.module is None or self.module.modality not in TRAINER_SIGNS

    @property
    def provider_sheet(self) -> bool:
        """An external provider's session: its proof may be the provider's signed sheet."""
        return self.module is not None and self.module.modality in PROVIDER_MODALITIES


def is_company_side(user) -> bool:
    return getattr(user, "role", None) in lifecycle.COMPANY_SIDE


class Sheet:
    """Every session of the dossier with its lines, for `user`: the records come from the
    document, what the user may do on each line from `attendance_perms.lines_for`."""

    def __init__(self, user, row: Dossier, domain: DomainDossier | None = None, today=None):
        self.user, self.row = user, row
        self.domain = domain or convert.to_domain(row)
        self.today = today or timezone.localdate()
        self.schedule = convert.schedule(row)
        self.signing = row.status in SIGNING_STATES
        self.rights = {
            (ln.session.id, Signer(ln.signer)): ln for ln in attendance_perms.lines_for(user, row)
        }
        self.sessions = [self._session(s) for s in sorted(self.domain.sessions, key=_order)]

    # -- who is who -------------------------------------------------------------------

    def signer_user_id(self, session: Session, signer: Signer) -> int | None:
        if signer == Signer.LEARNER:
            return self.row.learner_id
        trainer = self.schedule.session_trainer(session)
        return (self.row.trainer_accounts or {}).get(trainer) if trainer else None

    def signer_user_id_for(self, session_id: str, signer: Signer) -> int | None:
        view = self.session(session_id)
        return self.signer_user_id(view.session, signer) if view else None

    def is_session_trainer(self, session: Session) -> bool:
        return attendance_perms.is_session_trainer(self.user, self.row, self.schedule, session)

    def _person(self, session: Session, signer: Signer) -> tuple[str, str]:
        if signer == Signer.LEARNER:
            learner = self.domain.learner
            if learner is None:
                return "salarié à recruter", "salarié(e) en contrat"
            return f"{learner.first_name} {learner.last_name}", "salarié(e) en contrat"
        trainer_id = self.schedule.session_trainer(session)
        trainer = self.domain.trainer(trainer_id)
        return (trainer.name if trainer else (trainer_id or "formateur")), "formateur"

    # -- building ---------------------------------------------------------------------

    def _session(self, session: Session) -> SessionView:
        module = self.domain.module(session.module)
        view = SessionView(session, module)
        for signer in (Signer.LEARNER, Signer.TRAINER):
            if attendance_perms.has_line(self.schedule, session, signer):
                view.lines.append(self._line(session, module, signer))
        return view

    def _line(self, session: Session, module: Module | None, signer: Signer) -> Line:
        person, label = self._person(session, signer)
        record = record_of(self.domain.attendance, session.id, signer)
        line = Line(session, module, signer, person, label, record, self.today)
        rights = self.rights.get((session.id, signer))
        if rights is not None:
            line.mine = rights.own
            line.can_sign = rights.can_sign
            line.can_declare_absence = rights.can_record_absence and not rights.own
            line.can_link = rights.can_create_link
        return line

    # -- views of the sheet -------------------------------------------------------------

    def lines(self):
        for view in self.sessions:
            yield from view.lines

    def find(self, session_id: str, signer: Signer) -> Line | None:
        return next(
            (ln for ln in self.lines() if ln.session.id == session_id and ln.signer == signer),
            None,
        )

    def session(self, session_id: str) -> SessionView | None:
        return next((v for v in self.sessions if v.session.id == session_id), None)

    def my_lines(self) -> list[Line]:
        return [ln for ln in self.lines() if ln.mine]

    def to_sign(self) -> list[Line]:
        """The user's own lines to sign now (today's and the late ones)."""
        return [ln for ln in self.my_lines() if ln.due]

    def my_upcoming(self, limit: int = 5) -> list[Line]:
        future = [ln for ln in self.my_lines() if ln.session.date > self.today]
        return future[:limit]

    def unsigned_past(self) -> list[Line]:
        """Every line (any signer) of a past or today's session with nothing recorded."""
        return [ln for ln in self.lines() if ln.due]

    def upcoming_sessions(self, limit: int = 5) -> list[SessionView]:
        return [v for v in self.sessions if v.session.date >= self.today][:limit]

    def past_sessions(self) -> list[SessionView]:
        return [v for v in self.sessions if v.session.date < self.today]

    def visible_sessions(self) -> list[SessionView]:
        """The sessions that concern the user: all for the company side and the OPCO, the
        sessions with one of their lines for a learner or trainer, every one for a tutor."""
        if self.user.role in (Role.LEARNER, Role.TRAINER):
            return [v for v in self.sessions if any(ln.mine for ln in v.lines)]
        return self.sessions

    def groups(self) -> dict[str, list[SessionView]]:
        """The visible sessions in three groups: to sign (today or past, a line still
        open), upcoming, and done (every line recorded)."""
        groups: dict[str, list[SessionView]] = {"due": [], "upcoming": [], "done": []}
        for view in self.visible_sessions():
            if view.session.date > self.today:
                groups["upcoming"].append(view)
            elif view.has_open:
                groups["due"].append(view)
            else:
                groups["done"].append(view)
        groups["done"].reverse()  # the latest first
        return groups


def _order(session: Session):
    return (session.date, session.start_time or dt.time(0), session.id)


def next_review(domain: DomainDossier, today: dt.date):
    """The next planned review (bilan) not yet held, if any."""
    planned = [
        r
        for r in domain.reviews
        if r.held_date is None and r.planned_date and r.planned_date >= today
    ]
    return min(planned, key=lambda r: r.planned_date, default=None)


def late_reviews(domain: DomainDossier, today: dt.date) -> list:
    return [
        r
        for r in domain.reviews
        if r.held_date is None and r.planned_date and r.planned_date < today
    ]


# --- homes: what each role does now ---------------------------------------------------


@dataclass
class HomeItem:
    row: Dossier
    line: Line
    dossier_label: str = ""  # named when the user has several running dossiers


def home_for(user, rows, limit: int = 5) -> dict | None:
    """A learner's or trainer's « Mes prochaines séances » across their running dossiers:
    their lines to sign now (today's first, then the late ones), the next ones, what is
    late. None when no contract of theirs has been accepted yet."""
    to_sign, upcoming, late_reviews_found = [], [], []
    today = timezone.localdate()
    many = len(rows) > 1
    live = [row for row in rows if row.status in HOME_STATES]
    if not live:
        return None
    for row in live:
        sheet = Sheet(user, row, today=today)
        label = str(row) if many else ""
        if row.status in SIGNING_STATES:
            to_sign += [HomeItem(row, ln, label) for ln in sheet.to_sign()]
        upcoming += [HomeItem(row, ln, label) for ln in sheet.my_upcoming(limit)]
        late_reviews_found += late_reviews(sheet.domain, today)
    to_sign.sort(key=lambda i: (i.line.session.date != today, _order(i.line.session)))
    upcoming.sort(key=lambda i: _order(i.line.session))
    return {
        "to_sign": to_sign[:10],
        "more_to_sign": max(0, len(to_sign) - 10),
        "upcoming": upcoming[:limit],
        "late": [i for i in to_sign if i.line.late],
        "late_reviews": late_reviews_found,
        "any": bool(to_sign or upcoming),
    }


def now_for(user, row: Dossier, domain: DomainDossier | None = None) -> dict | None:
    """The overview's first block on a running dossier, by role: the user's lines to sign
    and next sessions (learner, trainer), the sessions not signed and the next ones (company
    side, OPCO), the next review and what is late (everyone)."""
    if row.status not in SIGNING_STATES:
        return None
    sheet = Sheet(user, row, domain)
    today = sheet.today
    own = user.role in (Role.LEARNER, Role.TRAINER)
    unsigned = sheet.unsigned_past()
    return {
        "sheet": sheet,
        "own": own,
        "to_sign": sheet.to_sign()[:10] if own else [],
        "my_upcoming": sheet.my_upcoming(3) if own else [],
        "unsigned": [] if own else unsigned[:8],
        "unsigned_count": 0 if own else len(unsigned),
        "next_sessions": [] if own else sheet.upcoming_sessions(3),
        "next_review": next_review(sheet.domain, today),
        "late_reviews": late_reviews(sheet.domain, today),
        "late_lines": [ln for ln in (sheet.to_sign() if own else unsigned) if ln.late],
    }
