import datetime as dt
import json
import os
from pathlib import Path

import pytest
import time_machine

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
EXAMPLES = SHARED / "examples"

# The shared examples' contracts run in 2027. Judged at the real date, their running-stage
# findings (BIL-02, ATT-01, SEQ-02…) would change as the calendar passes their dates, and the
# suite would turn red on its own one day. So every test runs at one date, the clock still
# ticking from there; PARCOURS_TEST_TODAY=AAAA-MM-JJ tries another. The browser tests keep
# the real clock: chromium would drop session cookies that expire before its own today.
TEST_TODAY = dt.date.fromisoformat(os.environ.get("PARCOURS_TEST_TODAY", "2026-11-22"))


@pytest.fixture
def valid_dossier_data() -> dict:
    """The shared valid example as a plain dict, to be changed by a test."""
    return json.loads((EXAMPLES / "gestionnaire-paie-valide.json").read_text(encoding="utf-8"))


@pytest.fixture
def world(db):
    """Two companies, a facilitator, the OPCO, one user per role and one draft dossier
    (tests/factories.py)."""
    from tests.factories import world as build_world

    return build_world()


@pytest.fixture(autouse=True)
def pinned_today(request):
    if request.node.get_closest_marker("browser"):
        yield None
        return
    start = dt.datetime.combine(TEST_TODAY, dt.time(9), tzinfo=dt.UTC)
    with time_machine.travel(start, tick=True):
        yield TEST_TODAY


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Queued work (e-mails…) runs at once in the test's process: `mail.outbox` holds it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploaded files go to a temporary directory, never the developer's."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def login(client):
    """`login(user)` → the test client, logged in as that user (again after the clock moved)."""

    def as_user(user):
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def at():
    """`at(day)`: the clock moves to that day (9:00 UTC), for the rest of the test."""
    travels = []

    def move(day: dt.date):
        t = time_machine.travel(dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC), tick=True)
        t.start()
        travels.append(t)
        return day

    yield move
    for t in reversed(travels):
        t.stop()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: pages keep figures (the dashboard, the queue's
    other to-do) under keys made of ids, which the next test's rolled-back database hands
    out again."""
    from django.core.cache import cache

    cache.clear()
    yield
