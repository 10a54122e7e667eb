"""Versions written directly (like every factory: the code under test writes through
`parcours.amendments.actions`)."""

from __future__ import annotations

import copy
import datetime as dt

from parcours.amendments.models import Kind, ParcoursVersion, State
from parcours.amendments.versions import sections_of

ACCEPTED_ON = dt.date(2026, 11, 1)
HELD_ON = dt.date(2026, 11, 20)
PROPOSED_ON = dt.date(2026, 11, 21)


def hold_review(row, review_id: str = "B1", day: dt.date = HELD_ON, decision="continue") -> None:
    content = copy.deepcopy(row.content)
    for review in content["reviews"]:
        if review["id"] == review_id:
            review["held_date"] = day.isoformat()
            review["decision"] = decision
    row.content = content
    row.save(update_fields=["content"])


def changed_sections(row, **hours) -> dict:
    """The row's design with modules' hours changed (`M1=120`), as a version carries it."""
    sections = sections_of(row.content)
    for m in sections["modules"]:
        if m["id"] in hours:
            m["hours"] = float(hours[m["id"]])
    return sections


def initial(row, day: dt.date = ACCEPTED_ON) -> ParcoursVersion:
    return ParcoursVersion.objects.create(
        dossier=row, number=1, kind=Kind.INITIAL, state=State.ACCEPTED,
        sections=sections_of(row.content), proposed_at=day, decided_at=day, in_force_from=day,
    )  # fmt: skip


def version(row, kind: str, state: str, **fields) -> ParcoursVersion:
    """Version 2 of `kind` in `state` (version 1 recorded first); an avenant follows a held
    review. Proposed on PROPOSED_ON, accepted the same day when `state` says so."""
    base = row.parcours_versions.filter(number=1).first() or initial(row)
    if kind == Kind.AVENANT:
        hold_review(row)
    dates = {}
    if state != State.DRAFT:
        dates["proposed_at"] = PROPOSED_ON
    if state in (State.ACCEPTED, State.DECLINED, State.REFUSED):
        dates["decided_at"] = PROPOSED_ON
    return ParcoursVersion.objects.create(
        dossier=row,
        number=2,
        kind=kind,
        state=state,
        sections=changed_sections(row, M1=120),
        base=base,
        explanation="Plus d'heures sur le logiciel de paie.",
        **(dates | fields),
    )
