"""The row's summary columns (issue 9), from its document and its history.

`summary_fields` is the one computation (the actions layer, the backfill migration and
`manage.py refresh_summaries` all go through it); `refresh_summary` writes it on a row
without touching its version or `updated_at` (the summary is a copy, not an edit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from parcours.domain.dossier import Status as DomainStatus
from parcours.domain.loading import InvalidDossier, parse_dossier
from parcours.domain.params import DEFAULT_PARAMETERS
from parcours.domain.rules import Report
from parcours.domain.rules.decision import decision_deadline
from parcours.domain.summary import display_name, normalise, summarize, tutor_key
from parcours.dossiers.enums import EventKind, Status
from parcours.organisations.models import Organisation

if TYPE_CHECKING:
    from parcours.dossiers.models import Dossier

# The OPCO decides within this many days of the (latest) submission (C. trav. D6325-2).
DECISION_DAYS = DEFAULT_PARAMETERS.opco_decision_days
DECISIONS = (Status.ACCEPTED, Status.REFUSED, Status.CHANGES_REQUESTED)
EVENT_COLUMNS = ("first_submitted_at", "submitted_at", "decided_at", "status_changed_at")
CONTENT_COLUMNS = (
    "learner_name", "company_name", "search_text", "learner_age", "age_band", "job_seeker",
    "benefits", "start_date", "end_date", "duration_months", "training_hours", "afest_hours",
    "support_hours", "total_hours", "training_share", "bloquant_count", "alerte_count",
    "competences_targeted", "competences_acquired", "tutor_key",
)  # fmt: skip
COLUMNS = CONTENT_COLUMNS + EVENT_COLUMNS + ("decision_deadline",)


def _fallback(document: dict) -> dict[str, Any]:
    """What can be read from a document the domain refuses (a row stored before a format
    change): the names and the search text; figures and counts stay empty."""
    learner = document.get("learner") if isinstance(document.get("learner"), dict) else {}
    company = document.get("company") if isinstance(document.get("company"), dict) else {}
    contract = document.get("contract") if isinstance(document.get("contract"), dict) else {}
    first, last = str(learner.get("first_name") or ""), str(learner.get("last_name") or "")
    words = (first, last, company.get("name"), company.get("siret"), document.get("reference"))
    words += ((document.get("agreement") or {}).get("number"), contract.get("job_title"))
    fields = dict.fromkeys(CONTENT_COLUMNS)
    fields.update(
        learner_name=display_name(first, last),
        company_name=str(company.get("name") or "")[:200],
        search_text=normalise(" ".join(str(w) for w in words if w)),
        age_band="",
        benefits="",
        bloquant_count=0,
        alerte_count=0,
        competences_targeted=0,
        competences_acquired=0,
        tutor_key=tutor_key(
            (document.get("tutor") or {}).get("name")
            if isinstance(document.get("tutor"), dict)
            else None
        ),
    )
    return fields


def deadline(status: str, submitted_at: dt.datetime | None) -> dt.date | None:
    """The day the OPCO's decision is due: while the dossier waits for it only."""
    if status != Status.SUBMITTED or submitted_at is None:
        return None
    return decision_deadline(timezone.localdate(submitted_at), DECISION_DAYS)


def summary_fields(
    document: dict,
    status: str,
    events_info: dict[str, dt.datetime | None] | None = None,
    report: Report | None = None,
    company_name: str | None = None,
) -> dict[str, Any]:
    """Column -> value for a `parcours-dossier/1` document (as `convert.document` gives it)
    in `status`. `events_info` (`events_info_of`): the dates of the history; without it the
    date columns are left out (a save that changes no state keeps them). `report`: the
    engine's report on this very document in this status, when the caller has one.
    `company_name`: the company organisation's current name (it wins over the document's)."""
    data = {**document, "status": status}
    try:
        dossier = parse_dossier(data)
    except InvalidDossier:
        fields = _fallback(data)
        if company_name:
            fields["company_name"] = company_name
    else:
        if report is not None and report.figures.dossier.status != DomainStatus(status):
            report = None  # a report at another stage counts other findings
        fields = asdict(summarize(dossier, report, company_name=company_name))
    if events_info is not None:
        fields.update({c: events_info.get(c) for c in EVENT_COLUMNS})
        fields["decision_deadline"] = deadline(status, fields["submitted_at"])
    return fields


def events_info_of(
    pks: Iterable[int], event_model=None
) -> dict[int, dict[str, dt.datetime | None]]:
    """The dates of each row's history, in one query: first and latest submission, the
    latest decision after the latest submission, the latest change of state (creation
    included: a draft waits since it was created). `event_model`: the migration's
    historical `DossierEvent` (default: the current one)."""
    if event_model is None:
        from parcours.dossiers.models import DossierEvent as event_model

    pks = list(pks)
    transition = Q(kind=EventKind.TRANSITION)
    rows = (
        event_model.objects.filter(dossier_id__in=pks)
        .values("dossier_id")
        .annotate(
            first_submitted_at=Min("at", filter=transition & Q(to_status=Status.SUBMITTED)),
            submitted_at=Max("at", filter=transition & Q(to_status=Status.SUBMITTED)),
            decided_at=Max("at", filter=transition & Q(to_status__in=DECISIONS)),
            status_changed_at=Max("at", filter=~Q(to_status="")),
        )
        .order_by()
    )
    found = {pk: dict.fromkeys(EVENT_COLUMNS) for pk in pks}
    for row in rows:
        info = {c: row[c] for c in EVENT_COLUMNS}
        if (
            info["decided_at"]
            and info["submitted_at"]
            and info["decided_at"] < info["submitted_at"]
        ):
            info["decided_at"] = None  # decided on an earlier submission: pending again
        found[row["dossier_id"]] = info
    return found


def refresh_summary(row: Dossier, report: Report | None = None, *, events: bool = True) -> dict:
    """Recompute and store the row's summary columns (one UPDATE, without a new version or
    a new `updated_at`: the summary is a copy, not an edit); the row object gets the values
    too. `events=False`: a save that changed no state keeps the date columns (one query
    less). Returns the values written."""
    from parcours.dossiers import convert
    from parcours.dossiers.models import Dossier

    info = None
    if events:
        info = events_info_of([row.pk])[row.pk]
        _set(row, info)  # the document's submission dates come from these (convert)
    if Dossier._meta.get_field("company").is_cached(row):
        company = row.company.name  # the actions have read it already (permissions)
    else:
        company = Organisation.objects.filter(pk=row.company_id).values_list("name", flat=True)
        company = company.first()
    fields = summary_fields(convert.document(row), row.status, info, report, company)
    # Only on the version read: a save since then refreshes the columns itself.
    Dossier.objects.filter(pk=row.pk, version=row.version).update(**fields)
    _set(row, fields)
    return fields


def _set(row, values: dict[str, Any]) -> None:
    for column, value in values.items():
        setattr(row, column, value)


# --- many rows at once (`manage.py refresh_summaries`, the backfill migration) -------------

CHUNK = 200  # rows per chunk: their attendance records are held in memory together


def refresh_rows(rows, chunk_size: int = CHUNK, progress=None) -> int:
    """Recompute the summary columns of every row of the queryset `rows`, by chunks (the
    rows, their attendance and funding records and their history's dates: a query each per
    chunk; each row's document as `convert.document` reads it). Works on
    the current model and on a migration's historical one. `progress`: called with the
    number of rows done after each chunk. Returns the number of rows."""
    model = rows.model
    event_model = model._meta.apps.get_model("dossiers", "DossierEvent")
    # The ids first: the rows are updated while we go, which may take them out of `rows`.
    pks = list(rows.order_by("pk").values_list("pk", flat=True))
    base = model.objects.select_related("company").order_by("pk")
    # The attendance and funding records go into the document (`convert.document` uses
    # them prefetched): a query each per chunk rather than per row.
    related = {f.name for f in model._meta.get_fields()}
    wanted = ("signatures", "claims", "facilitator_logs")
    base = base.prefetch_related(*(n for n in wanted if n in related))
    for start in range(0, len(pks), chunk_size):
        chunk = list(base.filter(pk__in=pks[start : start + chunk_size]))
        _refresh_chunk(model, event_model, chunk)
        if progress:
            progress(start + len(chunk))
    return len(pks)


def _refresh_chunk(model, event_model, chunk: list) -> int:
    from parcours.dossiers import convert

    events = events_info_of([r.pk for r in chunk], event_model)
    # A migration's historical model may predate later columns (tutor_key: 0006).
    known = {f.name for f in model._meta.concrete_fields}
    found = []
    for row in chunk:
        _set(row, events[row.pk])
        # `convert.document`, as for one row: the same document whatever the path (the
        # records prefetched; the tutor's load is still one query per row).
        fields = summary_fields(
            convert.document(row), row.status, events[row.pk], None, row.company.name
        )
        found.append((row.pk, {k: v for k, v in fields.items() if k in known}))
    # One small UPDATE per row in one transaction: `bulk_update`'s CASE over 24 columns
    # and hundreds of rows costs ten times more (measured: bench_summary).
    with transaction.atomic(using=model.objects.db):
        for pk, fields in found:
            model.objects.filter(pk=pk).update(**fields)
    return len(chunk)
