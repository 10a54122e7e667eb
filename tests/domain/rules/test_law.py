"""The Code du travail's rules (docs/rules.md): PAY-01, DUR-03, CTR-03, TUT-05, RUP-02,
DEC-01, each on both sides of its threshold."""

import pytest

from parcours.domain.params import DEFAULT_PARAMETERS, RuleParameters
from tests.domain.factories import findings, paths, severities

SMIC_2026 = 1823.03  # monthly, in force on 2027-01-04 (the example's start)


@pytest.fixture
def data(valid_dossier_data):
    return valid_dossier_data


def learner_aged(data, age, level=None, benefits=()):
    """The learner is `age` on the contract start (2027-01-04)."""
    data["learner"].update(
        birth_date=f"{2027 - age}-01-01", qualification_level=level, benefits=list(benefits)
    )
    if age < 26:
        data["learner"]["job_seeker"] = False
    return data


def paid(data, amount, **contract):
    data["contract"].update(gross_monthly_pay=amount, **contract)
    return data


# PAY-01


def test_pay_01_says_nothing_without_a_pay(data):
    assert "gross_monthly_pay" not in data["contract"]
    assert findings(learner_aged(data, 19), "PAY-01") == []


@pytest.mark.parametrize(
    ("age", "level", "share"),
    [
        (19, None, 0.55),
        (20, "bac_general", 0.55),
        (19, "bac_pro", 0.65),
        (21, "cap_bep", 0.70),
        (25, None, 0.70),
        (23, "superieur", 0.80),
    ],
)
def test_pay_01_the_minimum_by_age_and_diploma(data, age, level, share):
    minimum = round(SMIC_2026 * share, 2)
    learner_aged(data, age, level)
    assert findings(paid(data, minimum), "PAY-01") == []
    (finding,) = findings(paid(data, minimum - 0.01), "PAY-01")
    assert finding.path == "contract.gross_monthly_pay"
    assert finding.severity.value == "bloquant"
    assert f"{age} ans" in finding.message


def test_pay_01_from_26_the_smic_then_85_percent_of_the_branch_minimum(data):
    learner_aged(data, 30)
    assert findings(paid(data, SMIC_2026), "PAY-01") == []
    assert paths(paid(data, SMIC_2026 - 0.01), "PAY-01") == ["contract.gross_monthly_pay"]
    # A branch minimum of 2 400 €: 85 % is 2 040 €, above the SMIC.
    assert findings(paid(data, 2040, branch_minimum_pay=2400), "PAY-01") == []
    assert findings(paid(data, 2039.99, branch_minimum_pay=2400), "PAY-01") != []
    # A branch minimum whose 85 % is below the SMIC: the SMIC is the floor.
    assert findings(paid(data, SMIC_2026 - 0.01, branch_minimum_pay=2000), "PAY-01") != []


def test_pay_01_the_branch_share_is_checked_exactly(data):
    learner_aged(data, 30)
    assert findings(paid(data, 2125, branch_minimum_pay=2500), "PAY-01") == []
    (finding,) = findings(paid(data, 2124.99, branch_minimum_pay=2500), "PAY-01")
    assert "85" in finding.message and "branche" in finding.message


def test_pay_01_part_time_lowers_the_minimum_pro_rata(data):
    learner_aged(data, 22)
    minimum = round(SMIC_2026 * 0.70 * 28 / 35, 2)
    assert findings(paid(data, minimum, weekly_hours=28), "PAY-01") == []
    assert findings(paid(data, minimum - 0.01, weekly_hours=28), "PAY-01") != []


def test_pay_01_takes_the_smic_in_force_at_the_start(data):
    learner_aged(data, 30)
    data["contract"].update(start_date="2025-12-31", action_start="2026-01-05")
    data["learner"]["birth_date"] = "1990-01-01"
    # 2025-12-31: the SMIC of 2024-11-01 (1 801,80 €) applies, not 2026's.
    assert findings(paid(data, 1801.80), "PAY-01") == []
    assert findings(paid(data, 1801.79), "PAY-01") != []


def test_pay_01_the_smic_is_a_parameter(data):
    learner_aged(data, 30)
    params = RuleParameters.from_overrides({"smic": [{"since": "2027-01-01", "monthly": 1900}]})
    assert findings(paid(data, 1850), "PAY-01") == []
    assert findings(paid(data, 1850), "PAY-01", params=params) != []


# DUR-03


def months(data, end, reason=None):
    data["contract"].update(action_end=end, end_date=end, extension_reason=reason)
    return data


def test_dur_03_up_to_36_months_for_a_young_learner_without_qualification(data):
    learner_aged(data, 20, "sans")
    months(data, "2029-01-03", "Public sans qualification")  # 24 months: DUR-02's
    assert findings(data, "DUR-03") == []
    months(data, "2029-02-03", "Public sans qualification")  # 25 months
    assert severities(data, "DUR-03") == ["alerte"]
    assert findings(data, "DUR-02") == []
    months(data, "2030-01-03", "Public sans qualification")  # 36 months
    assert severities(data, "DUR-03") == ["alerte"]
    months(data, "2030-02-03", "Public sans qualification")  # 37 months
    assert severities(data, "DUR-03") == ["bloquant"]
    assert paths(data, "DUR-03") == ["contract.action_end"]


def test_dur_03_without_a_reason_blocks(data):
    learner_aged(data, 30, "bac_pro", benefits=["rsa"])
    months(data, "2029-06-03")
    assert severities(data, "DUR-03") == ["bloquant"]
    assert paths(data, "DUR-03") == ["contract.extension_reason"]


def test_dur_03_beyond_24_months_anyone_else_stays_blocked_by_dur_02(data):
    learner_aged(data, 20, "cap_bep")  # a vocational diploma: not of L6325-1-1
    months(data, "2029-06-03", "Allongement")
    assert findings(data, "DUR-03") == []
    assert severities(data, "DUR-02") == ["bloquant"]


# CTR-03


def submitted(data, on, status="running"):
    data["status"] = status
    data["submission"] = {"submitted_on": on}
    return data


def test_ctr_03_five_days_after_the_start_is_on_time(data):
    submitted(data, "2027-01-09")
    assert findings(data, "CTR-03", as_of="2027-02-01") == []


def test_ctr_03_six_days_after_the_start_is_late(data):
    submitted(data, "2027-01-10")
    (finding,) = findings(data, "CTR-03", as_of="2027-02-01")
    assert finding.severity.value == "alerte"
    assert "1 jour après" in finding.message


def test_ctr_03_counts_from_the_first_submission(data):
    submitted(data, "2027-03-01")
    data["submission"]["first_submitted_on"] = "2027-01-09"
    assert findings(data, "CTR-03", as_of="2027-04-01") == []
    data["submission"]["first_submitted_on"] = "2027-01-10"
    assert len(findings(data, "CTR-03", as_of="2027-04-01")) == 1


def test_ctr_03_needs_the_submission_date(data):
    data["status"] = "running"
    assert findings(data, "CTR-03", as_of="2027-02-01") == []


# TUT-05


def test_tut_05_counts_the_other_contracts_of_the_tutor(data):
    data["tutor_load"] = {"others": ["Alice MARTIN (dossier 12)", "Bruno PETIT (dossier 14)"]}
    assert findings(data, "TUT-05") == []  # 3 with this one
    data["tutor_load"]["others"].append("Chloé ROUX (dossier 15)")
    (finding,) = findings(data, "TUT-05")
    assert finding.severity.value == "bloquant"
    assert "Chloé ROUX (dossier 15)" in finding.message and "limite de 3" in finding.message


def test_tut_05_an_employer_tutor_follows_two(data):
    data["tutor"]["is_employer"] = True
    data["tutor_load"] = {"others": ["Alice MARTIN (dossier 12)"]}
    assert findings(data, "TUT-05") == []
    data["tutor_load"]["others"].append("Bruno PETIT (dossier 14)")
    assert paths(data, "TUT-05") == ["tutor.name"]


# RUP-02


def ruptured(data, on, informed):
    data["status"] = "terminated"
    data["rupture"] = {"date": on, "reason": "Démission", "opco_informed_on": informed}
    return data


def test_rup_02_thirty_days_is_on_time(data):
    ruptured(data, "2027-03-01", "2027-03-31")
    assert findings(data, "RUP-02", as_of="2027-05-01") == []


def test_rup_02_thirty_one_days_is_late(data):
    ruptured(data, "2027-03-01", "2027-04-01")
    assert severities(data, "RUP-02", as_of="2027-05-01") == ["alerte"]


def test_rup_02_leaves_a_missing_date_to_rup_01(data):
    ruptured(data, "2027-03-01", None)
    assert findings(data, "RUP-02", as_of="2027-05-01") == []
    assert findings(data, "RUP-01", as_of="2027-05-01") != []


# DEC-01


def test_dec_01_twenty_days_are_the_opco_s(data):
    submitted(data, "2026-11-10", status="submitted")
    assert findings(data, "DEC-01", as_of="2026-11-30") == []


def test_dec_01_the_twenty_first_day_the_acceptance_is_tacit(data):
    submitted(data, "2026-11-10", status="submitted")
    (finding,) = findings(data, "DEC-01", as_of="2026-12-01")
    assert finding.severity.value == "alerte"
    assert "réputée acceptée" in finding.message


def test_dec_01_the_delay_is_a_parameter(data):
    submitted(data, "2026-11-10", status="submitted")
    params = DEFAULT_PARAMETERS.model_copy(update={"opco_decision_days": 30})
    assert findings(data, "DEC-01", as_of="2026-12-01", params=params) == []
