"""Sessions written straight into a dossier's content (factories are not the code under
test): M1 is external (a provider), M2 internal and M4 AFEST, both run by trainer F1."""

from __future__ import annotations

import copy

import icalendar
import pytest

from tests import factories

WINTER = {"id": "S1", "module": "M2", "date": "2027-01-18", "hours": 3.5,
          "start_time": "09:00", "end_time": "12:30", "trainer": "F1"}  # fmt: skip
SUMMER = {"id": "S2", "module": "M4", "date": "2027-07-19", "hours": 3.5,
          "start_time": "13:30", "end_time": "17:00", "trainer": "F1"}  # fmt: skip
ALL_DAY = {"id": "S3", "module": "M1", "date": "2027-03-01", "hours": 7}
OTHER_TRAINER = {"id": "S4", "module": "M2", "date": "2027-02-01", "hours": 3.5,
                 "start_time": "09:00", "end_time": "12:30", "trainer": "F2"}  # fmt: skip
SECOND_TRAINER = {"id": "F2", "name": "Léa Martin", "job_title": "Comptable", "volunteer": True,
                  "experience_years": 4, "trainer_training": True, "afest_aware": True}  # fmt: skip
SESSIONS = [WINTER, SUMMER, ALL_DAY, OTHER_TRAINER]


def data_with_sessions(sessions=SESSIONS, **changes) -> dict:
    data = factories.example()
    data["trainers"] = [*data["trainers"], SECOND_TRAINER]
    data["sessions"] = copy.deepcopy(list(sessions))
    return data | changes


def put_sessions(row, sessions=SESSIONS, status=None):
    """Write the sessions (and the second trainer) into the row's document."""
    content = copy.deepcopy(row.content)
    content["trainers"] = [*content["trainers"], SECOND_TRAINER]
    content["sessions"] = copy.deepcopy(list(sessions))
    row.content = content
    if status:
        row.status = status
    row.save()
    return row


def parse(body: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(body)


def events_by_uid(body: bytes) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in parse(body).walk("VEVENT")}


@pytest.fixture
def running_world(world):
    """The world's dossier running, with the four sessions."""
    put_sessions(world.dossier, status="running")
    return world
