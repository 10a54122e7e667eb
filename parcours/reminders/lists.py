"""Each person's to-do list: the domain's items (`parcours.domain.todo`) of the dossiers a
user sees, kept for that user (their role; for a trainer, the sessions and modules of the
trainer their account is), with links to where to act, in plain French. Used by the home
page and by `parcours remind`'s e-mails.

Who an item is for (`Directory.recipients`): the learner and the tutor named on the dossier,
the trainer account mapped to the item's trainer (`Dossier.trainer_accounts`), the company
admins of the dossier's company, the accounts of the facilitators assigned to that company,
every OPCO account.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.domain.loading import InvalidDossier, parse_dossier
from parcours.domain.todo import (
    MISSING_SIGNATURE_DELAY,
    Kind,
    Target,
    TodoItem,
    long_date,
    todo,
)
from parcours.dossiers import convert
from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier, DossierEvent
from parcours.organisations.models import Organisation

# Where each target is acted on: the first URL name that exists (pages other parts add,
# e.g. the reviews or claims pages, take over by being listed first), else the overview.
TARGETS: dict[Target, tuple[tuple[str, dict], ...]] = {
    Target.SUBMISSION: (("web:submission", {}),),
    Target.REVIEWS: (("web:progress", {}), ("web:step", {"slug": "bilans"})),
    Target.HOLD_REVIEW: (
        ("web:review_hold", {"review_id": "{anchor}"}),
        ("web:step", {"slug": "bilans"}),
    ),
    Target.ATTENDANCE: (("web:attendance", {}),),
    Target.SEQUENCES: (("web:step", {"slug": "sequences"}),),
    Target.CLAIMS: (("web:claims", {}), ("web:papers", {})),
    Target.ATTESTATION: (("web:closing", {}),),
    Target.CLOSE: (("web:closing", {}),),
    Target.RUPTURE: (("web:rupture", {}),),
    Target.OPCO_REVIEW: (("web:opco_review", {}),),
    Target.STAFF_TRAINING: (("web:staff_training", {}),),
    Target.ONBOARDING: (("web:onboarding", {}),),
    Target.LESSONS: (("web:lessons", {}),),
    Target.CONVENTION_ENDING: (("web:convention_ending", {}),),
    Target.OVERVIEW: (),
}
# The states in which a role may have something to do.
STATES_BY_ROLE = {
    Role.COMPANY_ADMIN: (
        Status.DRAFT, Status.CHANGES_REQUESTED, Status.ACCEPTED, Status.RUNNING,
        Status.COMPLETED, Status.TERMINATED,
    ),
    Role.FACILITATOR: (
        Status.DRAFT, Status.CHANGES_REQUESTED, Status.ACCEPTED, Status.RUNNING,
        Status.COMPLETED, Status.TERMINATED,
    ),
    # Tutor and learner: also once ended, for their lessons learned (guide action 5 ⑤).
    Role.TUTOR: (Status.ACCEPTED, Status.RUNNING, Status.COMPLETED, Status.TERMINATED),
    Role.TRAINER: (Status.ACCEPTED, Status.RUNNING),
    Role.LEARNER: (Status.ACCEPTED, Status.RUNNING, Status.COMPLETED, Status.TERMINATED),
    Role.OPCO_STAFF: (
        Status.SUBMITTED, Status.ACCEPTED, Status.RUNNING, Status.COMPLETED, Status.TERMINATED,
    ),
}  # fmt: skip
# Several lines of one kind on one dossier are shown as one entry.
GROUPED = {
    Kind.SIGN: ("Signer {n} séances", "la plus ancienne le {first}"),
    Kind.MISSING_SIGNATURE: (
        "Obtenir {n} signatures manquantes (contrat de {learner}) ou déclarer les absences",
        "séances depuis le {first}",
    ),
}


PK, ANCHOR = 987654321, "ancre0sentinelle"


@functools.cache
def _url_pattern(target: Target) -> str:
    """The target's address with « {pk} » and « {anchor} » to fill (one `reverse` per
    target and process, not one per item: reminders build thousands)."""
    for name, kwargs in TARGETS.get(target, ()):
        kwargs = {k: v.format(anchor=ANCHOR) for k, v in kwargs.items()}
        try:
            url = reverse(name, kwargs={"pk": PK, **kwargs})
        except NoReverseMatch:
            continue
        break
    else:
        url = reverse("web:overview", args=[PK])
    url = url.replace(str(PK), "{pk}").replace(ANCHOR, "{anchor}")
    return url + ("#{anchor}" if target in (Target.ATTENDANCE, Target.ONBOARDING) else "")


def target_url(row: Dossier, item: TodoItem) -> str:
    url = _url_pattern(item.target).format(pk=row.pk, anchor=item.anchor)
    return url.removesuffix("#")


def when_text(due: dt.date, today: dt.date) -> str:
    if due < today:
        return f"En retard : échéance le {long_date(due)}"
    if due == today:
        return "Échéance aujourd'hui"
    return f"Échéance le {long_date(due)}"


@dataclass
class Entry:
    """One line of a person's to-do list."""

    row: Dossier
    title: str
    due: dt.date
    today: dt.date
    url: str
    keys: list[str] = field(default_factory=list)  # the reminders' keys it stands for
    detail: str = ""
    dossier_label: str = ""

    @property
    def late(self) -> bool:
        return self.due < self.today

    @property
    def when(self) -> str:
        return when_text(self.due, self.today)


def reminder_key(row: Dossier, item: TodoItem) -> str:
    return f"{row.pk}:{item.key}"


def entries(pairs: list[tuple[Dossier, TodoItem]], today: dt.date, *, many: bool) -> list[Entry]:
    """The person's items as entries: late first, then by due date; several session lines
    of one kind on one dossier grouped into one entry. `many`: the person has several
    dossiers (each entry then names its dossier)."""
    out: list[Entry] = []
    groups: dict[tuple[int, Kind], list[TodoItem]] = defaultdict(list)
    rows: dict[int, Dossier] = {}
    for row, item in pairs:
        rows[row.pk] = row
        if item.kind in GROUPED:
            groups[(row.pk, item.kind)].append(item)
        else:
            out.append(_entry(row, item, today, many))
    for (pk, kind), items in groups.items():
        row = rows[pk]
        if len(items) == 1:
            out.append(_entry(row, items[0], today, many))
            continue
        title, detail = GROUPED[kind]
        entry = _entry(row, min(items, key=lambda i: i.due), today, many)
        entry.title = title.format(n=len(items), learner=learner_name(row))
        entry.detail = detail.format(first=long_date(_first_session(items)))
        entry.keys = [reminder_key(row, i) for i in items]
        entry.url = target_url(row, items[0]).split("#")[0]
        out.append(entry)
    out.sort(key=lambda e: (not e.late, e.due, e.title))
    return out


def learner_name(row: Dossier) -> str:
    learner = row.content.get("learner") or {}
    return f"{learner.get('first_name', '')} {learner.get('last_name', '')}".strip()


def _first_session(items: list[TodoItem]) -> dt.date:
    """The oldest session of session items (a signature's item is due on the session day;
    the company's, a week later)."""
    late, none = MISSING_SIGNATURE_DELAY, dt.timedelta(0)
    return min(i.due - (late if i.kind == Kind.MISSING_SIGNATURE else none) for i in items)


def _entry(row: Dossier, item: TodoItem, today: dt.date, many: bool) -> Entry:
    return Entry(
        row=row,
        title=item.title,
        due=item.due,
        today=today,
        url=target_url(row, item),
        keys=[reminder_key(row, item)],
        dossier_label=str(row) if many else "",
    )


# --- who is who ---------------------------------------------------------------------------


def submitted_dates(ids) -> dict[int, dt.date]:
    """When each dossier was last sent to the OPCO (its history), one query."""
    found = (
        DossierEvent.objects.filter(dossier_id__in=ids, to_status=Status.SUBMITTED)
        .values("dossier_id")
        .annotate(at=Max("at"))
    )
    return {x["dossier_id"]: timezone.localdate(x["at"]) for x in found}


def is_for(user, row: Dossier, item: TodoItem) -> bool:
    """The item is this user's (the row being one the user sees)."""
    role = user.role
    if item.role != role:
        return False
    if role == Role.LEARNER:
        return row.learner_id == user.pk
    if role == Role.TUTOR:
        return row.tutor_id == user.pk
    if role == Role.TRAINER:
        return (row.trainer_accounts or {}).get(item.person) == user.pk
    if role == Role.COMPANY_ADMIN:
        return row.company_id == user.organisation_id
    return role in (Role.FACILITATOR, Role.OPCO_STAFF)


ROW_FIELDS = (
    "id", "status", "reference", "agreement_number", "agreement_date", "content",
    "learner_id", "tutor_id", "trainer_accounts", "company_id",
    # The document's submission block (convert.submission_block) reads these: loaded with
    # the row, not one query per dossier.
    "first_submitted_at", "submitted_at", "decided_at",
)  # fmt: skip
CHUNK = 500
logger = logging.getLogger(__name__)


def dossier_items(
    rows, today: dt.date, unreadable: list[int] | None = None
) -> Iterator[tuple[Dossier, list[TodoItem]]]:
    """Each dossier of the queryset `rows` with its to-do items on `today`, read by chunks
    (a few queries per chunk, whatever the number of sessions, records or claims); the ids
    of stored documents the model refuses go to `unreadable`, the others go on."""
    rows = rows.only(*ROW_FIELDS).order_by("pk")
    if apps.is_installed("parcours.funding"):
        rows = rows.prefetch_related("claims", "facilitator_logs")
    chunk: list[Dossier] = []
    for row in rows.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from _chunk_items(chunk, today, unreadable)
            chunk = []
    yield from _chunk_items(chunk, today, unreadable)


def _chunk_items(chunk: list[Dossier], today: dt.date, unreadable: list[int] | None):
    if not chunk:
        return
    lines = convert.attendance_lines([r.pk for r in chunk])
    submitted = submitted_dates([r.pk for r in chunk if r.status == Status.SUBMITTED])
    for row in chunk:
        found = lines.get(row.pk, {})
        try:
            dossier = parse_dossier(convert.reading_document(row, found))
        except InvalidDossier:
            # A stored document the model no longer accepts: nothing to list for it here
            # (its pages say what is wrong); the others go on.
            logger.warning("dossier %s illisible : pas de liste à faire", row.pk)
            if unreadable is not None:
                unreadable.append(row.pk)
            continue
        presence = {line: value[0] for line, value in found.items()}
        yield row, todo(dossier, today, lines=presence, submitted_on=submitted.get(row.pk))


def todo_for(user, rows, today: dt.date | None = None, limit: int = 12) -> dict:
    """The user's to-do list across `rows` (a queryset of dossiers they see): entries, how
    many more."""
    today = today or timezone.localdate()
    states = STATES_BY_ROLE.get(user.role, ())
    pairs = [
        (row, item)
        for row, items in dossier_items(rows.filter(status__in=states), today)
        for item in items
        if is_for(user, row, item)
    ]
    many = len({row.pk for row, _ in pairs}) > 1
    found = entries(pairs, today, many=many)
    return {
        "entries": found[:limit],
        "more": max(0, len(found) - limit),
        "late": sum(1 for e in found if e.late),
        "total": len(found),
    }


def opco_rows():
    """The dossiers on which the OPCO has something to decide: submitted ones, those with
    a funding claim made (`parcours.funding`) and ruptures notified in writing but not yet
    acknowledged, without reading every running dossier."""
    from django.db.models import Q

    # A key absent and a JSON null both mean « no date » (stored documents hold the null).
    informed = Q(content__rupture__opco_informed_on__isnull=False) & ~Q(
        content__rupture__opco_informed_on=None
    )
    unacknowledged = Q(content__rupture__acknowledged_on=None) | Q(
        content__rupture__acknowledged_on__isnull=True
    )
    waiting = Q(status=Status.SUBMITTED) | (Q(status=Status.TERMINATED) & informed & unacknowledged)
    if apps.is_installed("parcours.funding"):
        waiting |= Q(claims__state="claimed")
    return Dossier.objects.filter(waiting).distinct()


class Directory:
    """Every active account, by what an item may ask of it (a handful of queries)."""

    def __init__(self):
        self.users: dict[int, User] = {}
        self.admins: dict[int, list[int]] = defaultdict(list)  # company → admins
        by_org: dict[int, list[int]] = defaultdict(list)  # facilitator org → accounts
        self.opco: list[int] = []
        fields = ("id", "username", "email", "first_name", "last_name", "role", "organisation_id")
        for u in User.objects.filter(is_active=True).only(*fields):
            self.users[u.pk] = u
            if u.role == Role.COMPANY_ADMIN and u.organisation_id:
                self.admins[u.organisation_id].append(u.pk)
            elif u.role == Role.FACILITATOR and u.organisation_id:
                by_org[u.organisation_id].append(u.pk)
            elif u.role == Role.OPCO_STAFF:
                self.opco.append(u.pk)
        self.facilitators: dict[int, list[int]] = defaultdict(list)  # company → accounts
        through = Organisation.facilitators.through.objects.values_list(
            "from_organisation_id", "to_organisation_id"
        )
        for company, helper in through:
            self.facilitators[company] += by_org.get(helper, [])

    def _if_role(self, pk: int | None, role: Role) -> list[int]:
        user = self.users.get(pk) if pk else None
        return [pk] if user is not None and user.role == role else []

    def recipients(self, row: Dossier, item: TodoItem) -> list[int]:
        role = item.role
        if role == Role.LEARNER:
            return self._if_role(row.learner_id, Role.LEARNER)
        if role == Role.TUTOR:
            return self._if_role(row.tutor_id, Role.TUTOR)
        if role == Role.TRAINER:
            return self._if_role((row.trainer_accounts or {}).get(item.person), Role.TRAINER)
        if role == Role.COMPANY_ADMIN:
            return self.admins.get(row.company_id, [])
        if role == Role.FACILITATOR:
            return self.facilitators.get(row.company_id, [])
        if role == Role.OPCO_STAFF:
            return self.opco
        return []
