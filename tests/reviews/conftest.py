import datetime as dt

import pytest
import time_machine

from parcours.dossiers.enums import Status

# The example's action runs from 4 January 2027 to 3 January 2028; B1 is planned on
# 25 February 2027 (the 2nd month: 4 February – 3 March 2027).
DURING_B1 = dt.date(2027, 3, 1)


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


@pytest.fixture
def running(world, at):
    """The world's dossier running, on 1 March 2027."""
    world.dossier.status = Status.RUNNING
    world.dossier.save(update_fields=["status"])
    at(DURING_B1)
    return world


@pytest.fixture
def login(client):
    """`login(user)` → the test client, logged in as that user."""

    def as_user(user):
        client.force_login(user)
        return client

    return as_user
