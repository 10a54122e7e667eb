"""ATT-01, ADJ-01: signed attendance, and changes after the first review."""

import pytest

from tests.domain.factories import findings, paths, session


@pytest.fixture
def data(valid_dossier_data):
    valid_dossier_data["status"] = "running"
    return valid_dossier_data


# ATT-01


def test_att_01_alerts_a_past_session_the_learner_did_not_sign(data):
    data["sessions"] = [session(1, "M1", "2027-03-01", learner_signed=False)]
    (finding,) = findings(data, "ATT-01", as_of="2027-03-02")
    assert (finding.path, finding.severity.value) == ("sessions[0].learner_signed", "alerte")


def test_att_01_waits_for_the_session_day_to_pass(data):
    data["sessions"] = [session(1, "M1", "2027-03-01", learner_signed=False)]
    assert findings(data, "ATT-01", as_of="2027-03-01") == []


@pytest.mark.parametrize("module_id", ["M2", "M4"])
def test_att_01_wants_the_trainer_signature_for_internal_and_afest(data, module_id):
    data["sessions"] = [session(1, module_id, "2027-03-01", trainer_signed=False)]
    assert paths(data, "ATT-01", as_of="2027-03-02") == ["sessions[0].trainer_signed"]


def test_att_01_needs_no_trainer_signature_for_external_training(data):
    data["sessions"] = [session(1, "M1", "2027-03-01", trainer_signed=False)]
    assert findings(data, "ATT-01", as_of="2027-03-02") == []


def test_att_01_gives_nothing_for_a_draft(data):
    data["status"] = "draft"
    data["sessions"] = [session(1, "M1", "2027-03-01", learner_signed=False)]
    assert findings(data, "ATT-01", as_of="2027-06-01") == []


# ADJ-01


def change(day, amendment=False):
    return {"date": day, "summary": "Module M3 décalé", "amendment": amendment}


def test_adj_01_alerts_a_change_after_the_first_review_without_amendment(data):
    data["reviews"][0]["held_date"] = "2027-02-25"
    data["changes"] = [change("2027-02-26")]
    (finding,) = findings(data, "ADJ-01", as_of="2027-03-01")
    assert (finding.path, finding.severity.value) == ("changes[0].amendment", "alerte")


def test_adj_01_accepts_a_change_on_the_day_of_the_first_review(data):
    data["reviews"][0]["held_date"] = "2027-02-25"
    data["changes"] = [change("2027-02-25")]
    assert findings(data, "ADJ-01", as_of="2027-03-01") == []


def test_adj_01_accepts_a_change_with_an_amendment(data):
    data["reviews"][0]["held_date"] = "2027-02-25"
    data["changes"] = [change("2027-04-01", amendment=True)]
    assert findings(data, "ADJ-01", as_of="2027-05-01") == []


def test_adj_01_compares_to_the_earliest_held_review(data):
    data["reviews"][1]["held_date"] = "2027-06-24"
    data["reviews"][0]["held_date"] = "2027-03-01"
    data["changes"] = [change("2027-02-26"), change("2027-03-02")]
    assert paths(data, "ADJ-01", as_of="2027-07-01") == ["changes[1].amendment"]


def test_adj_01_allows_any_change_before_a_review_is_held(data):
    data["changes"] = [change("2027-05-01")]
    assert findings(data, "ADJ-01", as_of="2027-06-01") == []


def test_adj_01_gives_nothing_before_acceptance(data):
    data["status"] = "submitted"
    data["reviews"][0]["held_date"] = "2027-02-25"
    data["changes"] = [change("2027-02-26")]
    assert findings(data, "ADJ-01", as_of="2027-03-01") == []
