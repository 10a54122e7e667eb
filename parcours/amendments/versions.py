"""Reading the versions of a parcours: which one is in force at a date, the document as it
was then, what a version changes. Rules, figures and papers that judge a past date read
`document_at(row, date)`; the row's own document is always the version in force today."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from parcours.amendments.models import (
    CONTRACT_FIELDS,
    VERSION_SECTIONS,
    Kind,
    ParcoursVersion,
    Party,
    State,
)
from parcours.domain.dossier import Dossier as DomainDossier
from parcours.domain.loading import parse_dossier
from parcours.domain.parcours_diff import Comparison, compare
from parcours.dossiers import convert
from parcours.dossiers.enums import EventKind, Status
from parcours.dossiers.models import Dossier

# A dossier has versions once the OPCO has accepted it.
VERSIONED_STATES = (Status.ACCEPTED, Status.RUNNING, Status.COMPLETED, Status.TERMINATED)


def today() -> dt.date:
    return timezone.localdate()


# --- the sections a version carries ----------------------------------------------------


def sections_of(document: dict) -> dict[str, Any]:
    """The design a version carries, taken from a document (a deep copy)."""
    contract = document.get("contract") or {}
    return {
        "competences": copy.deepcopy(document.get("competences") or []),
        "modules": copy.deepcopy(document.get("modules") or []),
        "sequences": copy.deepcopy(document.get("sequences") or []),
        "contract": {k: contract.get(k) for k in CONTRACT_FIELDS},
    }


def with_sections(document: dict, sections: dict[str, Any]) -> dict:
    """The document with a version's design (a copy; the contract's other fields kept)."""
    data = copy.deepcopy(document)
    for name in VERSION_SECTIONS:
        if name == "contract":
            data["contract"] = {**(data.get("contract") or {}), **sections.get("contract", {})}
        elif name in sections:
            data[name] = copy.deepcopy(sections[name])
    return data


# --- reviews ------------------------------------------------------------------------------


def first_held_review(document: dict) -> tuple[str, dt.date] | None:
    """(id, date) of the first review held (the earliest `held_date`), if any."""
    held = []
    for review in document.get("reviews") or []:
        day = review.get("held_date")
        if day:
            held.append((dt.date.fromisoformat(str(day)), review.get("id", "")))
    if not held:
        return None
    day, review_id = min(held)
    return review_id, day


def review_before(document: dict, day: dt.date) -> tuple[str, dt.date] | None:
    """The first held review when it was held strictly before `day`: from then on a change
    of the parcours is an avenant (ADJ-01 judges the same way)."""
    first = first_held_review(document)
    return first if first and first[1] < day else None


def adapt_requests(document: dict) -> list[dict]:
    """The held reviews whose decision is to adapt the parcours (`parcours.reviews`)."""
    return [
        r
        for r in document.get("reviews") or []
        if r.get("held_date") and r.get("decision") == "adapt"
    ]


# --- the versions of a row ----------------------------------------------------------------


def _accepted_on(row: Dossier) -> tuple[dt.date, Any]:
    event = (
        row.events.filter(kind=EventKind.TRANSITION, to_status=Status.ACCEPTED)
        .order_by("at", "pk")
        .first()
    )
    if event is not None:
        return timezone.localdate(event.at), event.actor
    return row.agreement_date or today(), None


def ensure_initial(row: Dossier, author=None, on: dt.date | None = None) -> ParcoursVersion | None:
    """Version 1, recorded from the accepted document: at the acceptance (signal), or the
    first time someone needs it for a dossier accepted before versions existed."""
    if row.status not in VERSIONED_STATES or row.pk is None:
        return None
    found = row.parcours_versions.filter(number=1).first()
    if found is not None:
        return found
    if on is None:
        on, author = _accepted_on(row)
    try:
        with transaction.atomic():
            return ParcoursVersion.objects.create(
                dossier=row,
                number=1,
                kind=Kind.INITIAL,
                state=State.ACCEPTED,
                sections=sections_of(row.content),
                explanation="Parcours accepté par l'OPCO (accord de prise en charge).",
                author=author,
                proposed_at=on,
                decided_at=on,
                decided_by=author,
                in_force_from=on,
            )
    except IntegrityError:  # recorded meanwhile by a concurrent request
        return row.parcours_versions.get(number=1)


def versions(row: Dossier) -> list[ParcoursVersion]:
    return list(row.parcours_versions.select_related("author", "decided_by").order_by("number"))


def in_force_versions(items: list[ParcoursVersion]) -> list[ParcoursVersion]:
    return sorted((v for v in items if v.in_force), key=lambda v: (v.in_force_from, v.number))


def in_force_at(items: list[ParcoursVersion], day: dt.date) -> ParcoursVersion | None:
    """The version in force on `day` (before the first: the first)."""
    ordered = in_force_versions(items)
    chosen = ordered[0] if ordered else None
    for v in ordered:
        if v.in_force_from <= day:
            chosen = v
    return chosen


def pending(items: list[ParcoursVersion]) -> ParcoursVersion | None:
    return next((v for v in items if v.pending), None)


def document_at(row: Dossier, day: dt.date, *, before: int | None = None) -> dict:
    """The row's document with the design of the version in force on `day`. The version in
    force today is the document itself (its séquences keep the planner's calendars).
    `before`: only the versions numbered below it count (what was in force before it)."""
    document = convert.document(row)
    every = list(row.parcours_versions.all())
    items = every if before is None else [x for x in every if x.number < before]
    ordered = in_force_versions(every)
    chosen = in_force_at(items, day)
    if chosen is None or chosen.pk == ordered[-1].pk:
        return document
    return with_sections(document, chosen.sections)


def version_document(row: Dossier, version: ParcoursVersion, document: dict | None = None) -> dict:
    """The document as this version describes it (the current one for the version in force
    today)."""
    document = document if document is not None else convert.document(row)
    return with_sections(document, version.sections)


def domain(document: dict) -> DomainDossier:
    return parse_dossier(document)


def previous(items: list[ParcoursVersion], version: ParcoursVersion) -> ParcoursVersion | None:
    """What the version is compared with: the version it changes, else the one before it."""
    if version.base_id:
        return next((v for v in items if v.pk == version.base_id), None)
    earlier = [v for v in in_force_versions(items) if v.number < version.number]
    return earlier[-1] if earlier else None


def comparison(document: dict, before: ParcoursVersion, after: ParcoursVersion) -> Comparison:
    return compare(
        domain(with_sections(document, before.sections)),
        domain(with_sections(document, after.sections)),
    )


# --- avenants ------------------------------------------------------------------------------


def parties(document: dict) -> list[Party]:
    """The original parties of the convention who sign an avenant."""
    found = [Party.COMPANY]
    if document.get("facilitator"):
        found.append(Party.FACILITATOR)
    return [*found, Party.OPCO, Party.LEARNER]


def missing_signatures(version: ParcoursVersion, document: dict) -> list[Party]:
    return [p for p in parties(document) if version.signature(p) is None]


def avenant_number(items: list[ParcoursVersion], version: ParcoursVersion) -> int:
    """The avenant's own number (1 for the first avenant the OPCO accepted)."""
    return sum(
        1
        for v in items
        if v.kind == Kind.AVENANT and v.state == State.ACCEPTED and v.number <= version.number
    )


def avenant_info(items: list[ParcoursVersion], version: ParcoursVersion, document: dict):
    from parcours.domain.documents.avenant import AvenantInfo

    return AvenantInfo(
        number=avenant_number(items, version),
        version=version.number,
        explanation=version.explanation,
        submitted_on=version.proposed_at,
        accepted_on=version.decided_at,
        signatures={p.value: version.signature(p) for p in parties(document)},
        in_force_from=version.in_force_from,
    )


def avenant_pdf(row: Dossier, version: ParcoursVersion) -> bytes:
    """The « Avenant à la convention » of an avenant the OPCO accepted: « avant » is the
    version in force when it was submitted (`document_at`), « après » the avenant's."""
    from parcours.domain.documents.avenant import render_avenant

    items = versions(row)
    before = document_at(row, version.proposed_at or today(), before=version.number)
    after = version_document(row, version)
    return render_avenant(domain(before), domain(after), avenant_info(items, version, after))
