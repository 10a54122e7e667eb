"""A live contract with a few sessions (written directly, like every factory) and, when a
test asks, a signature recorded through the attendance app."""

import pytest

from tests import factories

TIMES = {"start_time": "09:00", "end_time": "12:30", "hours": 3.5}
# S0 two days before the pinned today (so that it can be signed); the others in the action.
SESSIONS = [
    {"id": "S0", "module": "M1", "date": "2026-11-20", **TIMES},
    {"id": "S1", "module": "M2", "date": "2027-01-18", "trainer": "F1", **TIMES},
    {"id": "S2", "module": "M1", "date": "2027-01-19", **TIMES},
    {"id": "S3", "module": "M4", "date": "2027-02-01", "trainer": "F1",
     "start_time": "13:30", "end_time": "17:00", "hours": 3.5},
]  # fmt: skip


def with_sessions(row, sessions=None):
    row.content = {**row.content, "sessions": [dict(s) for s in (sessions or SESSIONS)]}
    row.save(update_fields=["content"])
    return row


@pytest.fixture
def running(db):
    world = factories.world(status="running")
    with_sessions(world.dossier)
    return world


@pytest.fixture
def accepted(db):
    world = factories.world(status="accepted")
    with_sessions(world.dossier)
    return world


def sign(world, session_id="S0"):
    """The learner signs the session from her account (the attendance app's action)."""
    from parcours.attendance import actions as attendance

    row = world.dossier
    attendance.sign_session(row, world.users["learner"], session_id, signer="learner")
    row.refresh_from_db()
    return row
