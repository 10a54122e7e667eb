"""ALT-01, ALT-02, ALT-03. The valid example's action runs 2027-01-04 -> 2028-01-03
(365 days: the first quarter holds offsets 0 to 91, the last offsets 274 to 364);
the calendar months wholly inside are February to December 2027."""

import pytest

from tests.domain.factories import findings, module, monthly_sessions, paths, session


@pytest.fixture
def data(valid_dossier_data):
    return valid_dossier_data


def sessions_on(data, *days):
    data["sessions"] = [session(i, "M1", day) for i, day in enumerate(days)]
    return data


# ALT-01


def test_alt_01_accepts_the_valid_example(data):
    assert findings(data, "ALT-01") == []


def test_alt_01_rejects_everything_in_the_first_quarter(data):
    # 2027-04-05 is offset 91, the last day of the first quarter (91.25 days).
    sessions_on(data, "2027-01-04", "2027-02-15", "2027-04-05")
    (finding,) = findings(data, "ALT-01")
    assert (finding.path, finding.severity.value) == ("modules", "bloquant")
    assert "premier quart" in finding.message


def test_alt_01_accepts_one_day_past_the_first_quarter(data):
    assert findings(sessions_on(data, "2027-01-04", "2027-04-06"), "ALT-01") == []


def test_alt_01_rejects_everything_in_the_last_quarter(data):
    # 2027-10-05 is offset 274, the first day of the last quarter.
    sessions_on(data, "2027-10-05", "2027-12-15", "2028-01-03")
    (finding,) = findings(data, "ALT-01")
    assert "dernier quart" in finding.message


def test_alt_01_accepts_one_day_before_the_last_quarter(data):
    assert findings(sessions_on(data, "2027-10-04", "2028-01-03"), "ALT-01") == []


def test_alt_01_uses_module_dates_without_sessions(data):
    for m in data["modules"]:
        m.update(start="2027-01-04", end="2027-04-05")
    assert paths(data, "ALT-01") == ["modules"]
    module(data, "M2")["end"] = "2027-04-06"
    assert findings(data, "ALT-01") == []


def test_alt_01_is_silent_without_any_training(data):
    data["modules"] = []
    assert findings(data, "ALT-01") == []


# ALT-02 and ALT-03


def test_alt_02_and_03_accept_training_every_month(data):
    data["sessions"] = monthly_sessions(data)
    assert findings(data, "ALT-02") == findings(data, "ALT-03") == []


def test_alt_03_alerts_one_isolated_month_without_training(data):
    data["sessions"] = monthly_sessions(data, skip={"2027-08"})
    (finding,) = findings(data, "ALT-03")
    assert (finding.path, finding.severity.value) == ("modules", "alerte")
    assert "août 2027" in finding.message
    assert findings(data, "ALT-02") == []


def test_alt_02_blocks_two_consecutive_months_without_training(data):
    data["sessions"] = monthly_sessions(data, skip={"2027-07", "2027-08"})
    (finding,) = findings(data, "ALT-02")
    assert (finding.path, finding.severity.value) == ("modules", "bloquant")
    assert "juillet 2027, août 2027" in finding.message
    assert findings(data, "ALT-03") == []


def test_alt_02_and_03_report_each_gap(data):
    data["sessions"] = monthly_sessions(data, skip={"2027-03", "2027-06", "2027-07", "2027-10"})
    assert len(findings(data, "ALT-03")) == 2
    assert len(findings(data, "ALT-02")) == 1


def test_alt_02_ignores_the_partial_first_and_last_months(data):
    # January 2027 starts on the 4th and January 2028 ends on the 3rd: not wholly inside.
    data["sessions"] = monthly_sessions(data, skip={"2027-01", "2028-01"})
    assert findings(data, "ALT-02") == findings(data, "ALT-03") == []


def test_alt_02_counts_a_month_whose_module_days_are_all_holidays_as_empty(data):
    # Modules spread their hours over working days only: a module on 14 July alone
    # (a Wednesday) puts nothing in July.
    for m in data["modules"]:
        m.update(start="2027-01-04", end="2027-06-30")
    module(data, "M5").update(start="2027-07-14", end="2027-07-14")
    module(data, "M4").update(start="2027-08-02", end="2028-01-03")
    assert findings(data, "ALT-03") != []
    assert "juillet 2027" in findings(data, "ALT-03")[0].message


def test_alt_02_blocks_a_gap_that_runs_to_the_end_of_the_action(data):
    # November and December 2027 are the last whole months: no later month ends the run.
    data["sessions"] = monthly_sessions(data, skip={"2027-11", "2027-12", "2028-01"})
    (finding,) = findings(data, "ALT-02")
    assert "novembre 2027, décembre 2027" in finding.message
    assert findings(data, "ALT-03") == []


def test_alt_03_alerts_the_last_whole_month_without_training(data):
    data["sessions"] = monthly_sessions(data, skip={"2027-12"})
    (finding,) = findings(data, "ALT-03")
    assert "décembre 2027" in finding.message
