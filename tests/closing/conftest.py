"""A contract living now: the shared example moved 52 weeks back (weekdays kept), so that
at the pinned today (2026-11-22) it runs from 2026-01-05 to 2027-01-04, in its 11th month.
Reviews B1 (suivi), B2 (suivi), B3 (final); positioning dated 2025-11-21."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from parcours.attendance import actions as attendance
from tests import factories

SHIFT = dt.timedelta(days=-364)
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
START = dt.date(2026, 1, 5)
TODAY = dt.date(2026, 11, 22)
COMPETENCES = ("C1", "C2", "C3", "C4", "C5", "C6", "C7")
EXPECTED = {"C1": 3, "C2": 3, "C3": 3, "C4": 2, "C5": 2, "C6": 3, "C7": 2}


def shifted(value):
    if isinstance(value, str) and ISO.match(value):
        return (dt.date.fromisoformat(value) + SHIFT).isoformat()
    if isinstance(value, dict):
        return {k: shifted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shifted(v) for v in value]
    return value


def live_world(status="running"):
    w = factories.world(status=status)
    w.dossier.content = shifted(w.dossier.content)
    w.dossier.save(update_fields=["content"])
    return w


def hold(row, index: int, day: str, levels: dict[str, int] | None = None) -> None:
    """Review `index` held on `day` with `levels` (default: 2 everywhere), written directly
    (the reviews' own pages are another engineer's)."""
    levels = levels if levels is not None else dict.fromkeys(COMPETENCES, 2)
    content = row.content
    content["reviews"][index].update(
        held_date=day, scores=[{"competence": c, "level": v} for c, v in levels.items()]
    )
    row.content = content
    row.save(update_fields=["content"])


def sign_learner(w, *session_ids: str) -> None:
    for sid in session_ids:
        attendance.sign_session(w.dossier, w.users["learner"], sid, signer="learner")
    w.dossier.refresh_from_db()


@pytest.fixture
def live(db):
    """A running contract (company_admin, facilitator, tutor, trainer, learner, opco_staff
    and two outsiders in `users`)."""
    return live_world()


def version(row) -> int:
    row.refresh_from_db()
    return row.version
