"""ELIG-01, ELIG-02: who may be hired, age judged at contract.start_date (2027-01-04)."""

import pytest

from tests.domain.factories import findings, paths


@pytest.fixture
def data(valid_dossier_data):
    valid_dossier_data["learner"]["job_seeker"] = False
    valid_dossier_data["learner"]["benefits"] = []
    return valid_dossier_data


def born(data, day):
    data["learner"]["birth_date"] = day
    return data


def test_elig_01_accepts_25_on_the_eve_of_the_26th_birthday(data):
    assert findings(born(data, "2001-01-05"), "ELIG-01") == []


def test_elig_01_rejects_26_on_the_birthday(data):
    assert paths(born(data, "2001-01-04"), "ELIG-01") == ["learner"]


def test_elig_01_finding_is_bloquant_and_says_the_age(data):
    (finding,) = findings(born(data, "2001-01-04"), "ELIG-01")
    assert finding.severity.value == "bloquant"
    assert "26 ans" in finding.message


def test_elig_01_accepts_a_job_seeker_of_26(data):
    data["learner"]["job_seeker"] = True
    assert findings(born(data, "2001-01-04"), "ELIG-01") == []


@pytest.mark.parametrize("benefit", ["rsa", "ass", "aah", "cui_exit"])
def test_elig_01_accepts_a_beneficiary_of_any_age(data, benefit):
    data["learner"]["benefits"] = [benefit]
    assert findings(born(data, "1970-06-01"), "ELIG-01") == []


def test_elig_01_rejects_a_job_seeker_under_16(data):
    data["learner"]["job_seeker"] = True
    assert paths(born(data, "2011-01-05"), "ELIG-01") == ["learner"]


def test_elig_01_accepts_16_on_the_16th_birthday(data):
    assert findings(born(data, "2011-01-04"), "ELIG-01") == []


def test_elig_02_accepts_16_on_the_16th_birthday(data):
    assert findings(born(data, "2011-01-04"), "ELIG-02") == []


def test_elig_02_rejects_15_on_the_eve_of_the_16th_birthday(data):
    (finding,) = findings(born(data, "2011-01-05"), "ELIG-02")
    assert finding.path == "learner.birth_date"
    assert finding.severity.value == "bloquant"
    assert "15 ans" in finding.message


def test_elig_02_rejects_under_16_even_with_benefits(data):
    data["learner"]["benefits"] = ["rsa"]
    assert findings(born(data, "2011-01-05"), "ELIG-01") == []
    assert paths(data, "ELIG-02") == ["learner.birth_date"]


def test_elig_age_is_taken_at_contract_start_not_action_start(data):
    data["contract"]["action_start"] = "2027-02-01"
    assert findings(born(data, "2001-01-05"), "ELIG-01") == []
    data["contract"]["start_date"] = "2027-01-05"
    assert paths(data, "ELIG-01") == ["learner"]


def test_elig_handles_a_29_february_birthday(data):
    # Born 29/02/2000: 26 only from 01/03/2026 in non-leap years; the contract starts in 2027.
    data["contract"]["start_date"] = "2026-02-28"
    assert findings(born(data, "2000-02-29"), "ELIG-01") == []
    data["contract"]["start_date"] = "2026-03-01"
    assert paths(data, "ELIG-01") == ["learner"]
