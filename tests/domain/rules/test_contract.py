"""CTR-01, CTR-02, DUR-01, DUR-02: contract type, dates and duration of the action."""

import pytest

from tests.domain.factories import findings, paths, report, severities


@pytest.fixture
def data(valid_dossier_data):
    return valid_dossier_data


def ending(data, day, reason=None):
    data["contract"]["action_end"] = day
    data["contract"]["end_date"] = day
    data["contract"]["extension_reason"] = reason
    return data


# CTR-01


def test_ctr_01_accepts_a_cdd_ending_with_the_action(data):
    assert data["contract"]["end_date"] == data["contract"]["action_end"]
    assert findings(data, "CTR-01") == []


def test_ctr_01_rejects_a_cdd_ending_one_day_before_the_action(data):
    data["contract"]["end_date"] = "2028-01-02"
    assert paths(data, "CTR-01") == ["contract.end_date"]


def test_ctr_01_rejects_a_cdd_without_end_date(data):
    data["contract"]["end_date"] = None
    assert paths(data, "CTR-01") == ["contract.end_date"]


def test_ctr_01_accepts_a_cdi_without_end_date_from_its_signature(data):
    data["contract"].update(type="CDI", end_date=None)
    assert findings(data, "CTR-01") == []


def test_ctr_01_rejects_a_cdi_whose_action_starts_before_it(data):
    data["contract"].update(type="CDI", end_date=None, start_date="2027-01-05")
    (finding,) = findings(data, "CTR-01")
    assert finding.path == "contract.action_start"
    assert finding.severity.value == "bloquant"


# CTR-02


def test_ctr_02_accepts_modules_on_the_action_bounds(data):
    data["modules"][0].update(start="2027-01-04", end="2028-01-03")
    assert findings(data, "CTR-02") == []


def test_ctr_02_rejects_an_action_ending_before_it_starts(data):
    data["contract"]["action_end"] = "2027-01-03"
    assert paths(data, "CTR-02") == ["contract.action_end"]


def test_ctr_02_rejects_a_module_starting_the_day_before_the_action(data):
    data["modules"][1]["start"] = "2027-01-03"
    assert paths(data, "CTR-02") == ["modules[1].start"]


def test_ctr_02_rejects_a_module_ending_the_day_after_the_action(data):
    data["modules"][3]["end"] = "2028-01-04"
    assert paths(data, "CTR-02") == ["modules[3].end"]


def test_ctr_02_rejects_a_module_ending_before_it_starts(data):
    data["modules"][2].update(start="2027-05-10", end="2027-05-07")
    assert paths(data, "CTR-02") == ["modules[2].end"]


def test_ctr_02_rejects_a_session_outside_the_action(data):
    data["sessions"] = [
        {"id": "S1", "module": "M1", "date": "2027-01-04", "hours": 7},
        {"id": "S2", "module": "M1", "date": "2028-01-04", "hours": 7},
    ]
    assert paths(data, "CTR-02") == ["sessions[1].date"]


# DUR-01: 2027-01-04 -> 2027-07-03 is exactly 6 months


def test_dur_01_accepts_exactly_6_months(data):
    r = report(ending(data, "2027-07-03"))
    assert r.figures.duration_months == 6.0
    assert [f for f in r.findings if f.rule == "DUR-01"] == []


def test_dur_01_rejects_6_months_less_one_day(data):
    r = report(ending(data, "2027-07-02"))
    assert r.figures.duration_months < 6
    assert [f.path for f in r.findings if f.rule == "DUR-01"] == ["contract.action_end"]


def test_dur_01_says_nothing_of_an_incoherent_period(data):
    # CTR-02 reports it; a duration of 0 months would only repeat it.
    assert findings(ending(data, "2027-01-01"), "DUR-01") == []


# DUR-02


def test_dur_02_accepts_exactly_12_months(data):
    assert findings(data, "DUR-02") == []


def test_dur_02_blocks_12_months_and_one_day_without_reason(data):
    ending(data, "2028-01-04")
    assert paths(data, "DUR-02") == ["contract.extension_reason"]
    assert severities(data, "DUR-02") == ["bloquant"]


def test_dur_02_alerts_12_months_and_one_day_with_a_reason(data):
    ending(data, "2028-01-04", reason="Public prioritaire (L6325-11)")
    assert severities(data, "DUR-02") == ["alerte"]


def test_dur_02_alerts_exactly_24_months_with_a_reason(data):
    r = report(ending(data, "2029-01-03", reason="Accord de branche"))
    assert r.figures.duration_months == 24.0
    assert [f.severity.value for f in r.findings if f.rule == "DUR-02"] == ["alerte"]


def test_dur_02_blocks_24_months_and_one_day_even_with_a_reason(data):
    ending(data, "2029-01-04", reason="Accord de branche")
    (finding,) = findings(data, "DUR-02")
    assert (finding.path, finding.severity.value) == ("contract.action_end", "bloquant")
