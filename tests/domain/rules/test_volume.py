"""VOL-01, VOL-02, VOL-03. The valid example: 12 months at 35 h = 1,820 h of contract;
teaching M1 105 + M2 49 + M3 56 = 210 h; support M4 (AFEST) 70 + M5 (evaluation) 14
+ facilitator 14 = 98 h; parcours 308 h (16.92 %)."""

import pytest

from tests.domain.factories import findings, module, paths, report, severities


@pytest.fixture
def data(valid_dossier_data):
    return valid_dossier_data


def parcours_hours(data, total):
    """Change M1's hours so that the parcours totals `total` hours."""
    module(data, "M1")["hours"] = total - (308 - 105)
    return data


def test_the_valid_example_has_the_expected_figures(data):
    f = report(data).figures
    assert (f.contract_hours, f.teaching_hours, f.support_hours) == (1820, 210, 98)


# VOL-01: 15 % of 1,820 h = 273 h


def test_vol_01_accepts_exactly_15_percent(data):
    r = report(parcours_hours(data, 273))
    assert r.figures.parcours_share == pytest.approx(0.15)
    assert [f for f in r.findings if f.rule == "VOL-01"] == []


def test_vol_01_rejects_14_99_percent(data):
    parcours_hours(data, 0.1499 * 1820)
    (finding,) = findings(data, "VOL-01")
    assert (finding.path, finding.severity.value) == ("modules", "bloquant")
    assert "15\u00a0%" in finding.message


def test_vol_01_counts_the_facilitator_14_hours(data):
    parcours_hours(data, 273)
    data["facilitator"] = None
    assert paths(data, "VOL-01") == ["modules"]


def test_vol_01_does_not_count_dispensed_modules(data):
    parcours_hours(data, 280)
    module(data, "M3")["adaptation"] = "dispense"
    assert paths(data, "VOL-01") == ["modules"]


def test_vol_01_follows_weekly_hours(data):
    # At 24 h a week the contract counts 1,248 h: 187.2 h is 15 %.
    data["contract"]["weekly_hours"] = 24
    module(data, "M4")["hours"] = 10  # others: 49 + 56 + 10 + 14 + 14 = 143 h
    module(data, "M1")["hours"] = 187.2 - 143
    assert findings(data, "VOL-01") == []
    module(data, "M1")["hours"] = 187.1 - 143
    assert paths(data, "VOL-01") == ["modules"]


# VOL-02: 25 % of 1,820 h = 455 h


def test_vol_02_accepts_exactly_25_percent_without_agreement(data):
    assert findings(parcours_hours(data, 455), "VOL-02") == []


def test_vol_02_blocks_just_above_25_percent_without_agreement(data):
    parcours_hours(data, 455.01)
    (finding,) = findings(data, "VOL-02")
    assert (finding.path, finding.severity.value) == ("contract.branch_agreement", "bloquant")


def test_vol_02_alerts_just_above_25_percent_with_a_branch_agreement(data):
    data["contract"]["branch_agreement"] = "Accord de branche des cabinets comptables"
    parcours_hours(data, 455.01)
    assert severities(data, "VOL-02") == ["alerte"]
    assert paths(data, "VOL-02") == ["contract.branch_agreement"]


# VOL-03: at least 150 h of teaching, AFEST and evaluations excluded


def teaching_hours(data, total):
    module(data, "M1")["hours"] = total - 49 - 56
    return data


def test_vol_03_accepts_exactly_150_hours(data):
    assert findings(teaching_hours(data, 150), "VOL-03") == []


def test_vol_03_rejects_149_99_hours(data):
    (finding,) = findings(teaching_hours(data, 149.99), "VOL-03")
    assert (finding.path, finding.severity.value) == ("modules", "bloquant")


def test_vol_03_does_not_count_afest_or_evaluation_hours(data):
    teaching_hours(data, 149.99)
    module(data, "M4")["hours"] = 400
    module(data, "M5")["hours"] = 100
    assert paths(data, "VOL-03") == ["modules"]


@pytest.mark.parametrize("modality", ["interne", "distance"])
def test_vol_03_counts_internal_and_distance_teaching(data, modality):
    teaching_hours(data, 149.99)
    module(data, "M4").update(modality=modality, provider="Organisme", hours=0.01)
    assert findings(data, "VOL-03") == []


def test_vol_03_does_not_count_a_dispensed_module(data):
    module(data, "M3")["adaptation"] = "dispense"
    assert paths(teaching_hours(data, 200), "VOL-03") == ["modules"]


def test_vol_02_says_the_duration_is_unknown_without_valid_action_dates(data):
    data["contract"]["action_end"] = "2020-01-01"  # before the start
    (finding,) = findings(data, "VOL-02")
    assert "durée du contrat est inconnue" in finding.message
    assert "0 %" not in finding.message and "0 h" not in finding.message
    assert finding.path == "contract.action_end"
