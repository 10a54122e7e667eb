import datetime as dt

import pytest
from django.utils import timezone

from parcours.attendance import actions as attendance
from parcours.domain.dossier import Signer
from tests import factories
from tests.api.conftest import api_as  # noqa: F401 (the API tests' fixture)


def days_ago(n: int) -> str:
    return (timezone.localdate() - dt.timedelta(days=n)).isoformat()


@pytest.fixture
def running(world):
    """The world's dossier running since the OPCO's acceptance 30 days ago, with S1 (M2
    interne) and S2 (M1 externe) two days ago, S3 (M4 AFEST) in a week; nothing signed."""
    factories.Dossier.objects.filter(pk=world.dossier.pk).update(
        status="running",
        agreement_number="ACC-2026-17",
        agreement_date=timezone.localdate() - dt.timedelta(days=30),
        reference="EXP-2026-0099",
    )
    factories.add_sessions(world.dossier)
    world.dossier.refresh_from_db()
    return world


def sign(world, session_id: str = "S2"):
    """The learner signs present at the session (their own line, from their account)."""
    attendance.sign_session(
        world.dossier, world.users["learner"], session_id, signer=Signer.LEARNER
    )
    world.dossier.refresh_from_db()


@pytest.fixture
def started(running):
    """Training has started: the learner signed S2."""
    sign(running)
    return running


def close(world, afest: bool = False):
    """What FIN-02 asks, written directly (factories are not the code under test): the
    certificat, a held suivi and final review, the attestation; with `afest`, an AFEST
    session the learner signed."""
    row = world.dossier
    content = dict(row.content)
    content["documents"] = [*content["documents"],
                            {"kind": "certificat_realisation", "date": days_ago(1)}]  # fmt: skip
    reviews = [dict(r) for r in content["reviews"]]
    reviews[0]["held_date"] = days_ago(20)
    reviews[2]["held_date"] = days_ago(3)
    content["reviews"] = reviews
    content["attestation"] = {"date": days_ago(1), "competences": []}
    if afest:
        content["sessions"] = [
            *content["sessions"],
            {"id": "S4", "module": "M4", "date": days_ago(5), "hours": 3.5,
             "start_time": "09:00", "end_time": "12:30"},
        ]  # fmt: skip
    row.content = content
    row.save(update_fields=["content"])
    if afest:
        sign(world, "S4")
    row.refresh_from_db()
    return world
