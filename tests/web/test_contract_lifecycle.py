import datetime as dt

import pytest
import time_machine

from parcours.dossiers import actions
from parcours.dossiers.errors import InvalidDossier, TransitionRefused
from tests import factories


@pytest.fixture
def accepted(db):
    return factories.world(status="accepted")


def test_an_accepted_contract_starts(accepted):
    actions.start_contract(accepted.dossier, accepted.users["company_admin"], 1)
    assert accepted.dossier.status == "running"


def test_a_rupture_is_written_in_the_document(accepted):
    row = accepted.dossier
    actions.start_contract(row, accepted.users["company_admin"], 1)
    # The example's contract starts on 2027-01-04: a rupture is dated once it has started,
    # never in the future.
    with time_machine.travel(dt.datetime(2027, 3, 2, 9, tzinfo=dt.UTC), tick=False):
        actions.terminate_contract(row, accepted.users["company_admin"], 2,
                                   dt.date(2027, 3, 1), "Démission")  # fmt: skip
    row.refresh_from_db()
    assert row.status == "terminated"
    assert row.content["rupture"] == {
        "date": "2027-03-01", "reason": "Démission", "opco_informed_on": None,
        "reason_code": "demission", "acknowledged_on": None,
    }  # fmt: skip


def test_a_rupture_needs_a_date(accepted):
    with pytest.raises(InvalidDossier) as raised:
        actions.terminate_contract(accepted.dossier, accepted.users["company_admin"], 1, None,
                                   "Démission")  # fmt: skip
    assert raised.value.errors[0].path == "rupture.date"
    accepted.dossier.refresh_from_db()
    assert accepted.dossier.status == "accepted"


def test_a_draft_cannot_start(world):
    with pytest.raises(TransitionRefused):
        actions.start_contract(world.dossier, world.users["company_admin"], 1)


def test_completion_is_refused_while_closing_rules_block(accepted):
    row = accepted.dossier
    actions.start_contract(row, accepted.users["company_admin"], 1)
    with pytest.raises(TransitionRefused) as raised:
        actions.complete_contract(row, accepted.users["company_admin"], 2)
    assert raised.value.reasons
    assert row.status == "running"
