"""BIL-01, BIL-02, BIL-03. Action 2027-01-04 -> 2028-01-03: the 2nd month runs
2027-02-04 -> 2027-03-03, the 6th 2027-06-04 -> 2027-07-03, the last
2027-12-04 -> 2028-01-03. Reviews: B1 suivi 2027-02-25, B2 suivi 2027-06-24,
B3 final 2027-12-20."""

import pytest

from tests.domain.factories import findings, paths, severities


@pytest.fixture
def data(valid_dossier_data):
    return valid_dossier_data


def planned(data, index, day):
    data["reviews"][index]["planned_date"] = day
    return data


# BIL-01


@pytest.mark.parametrize("day", ["2027-02-04", "2027-03-03"])
def test_bil_01_accepts_a_second_month_review_on_its_bounds(data, day):
    assert findings(planned(data, 0, day), "BIL-01") == []


@pytest.mark.parametrize("day", ["2027-02-03", "2027-03-04"])
def test_bil_01_rejects_a_second_month_review_just_outside(data, day):
    (finding,) = findings(planned(data, 0, day), "BIL-01")
    assert (finding.path, finding.severity.value) == ("reviews", "bloquant")
    assert "2e mois" in finding.message


def test_bil_01_rejects_a_second_month_review_of_kind_final(data):
    data["reviews"][0]["kind"] = "final"
    assert paths(data, "BIL-01") == ["reviews"]


@pytest.mark.parametrize(
    ("day", "found"), [("2027-06-04", 0), ("2027-06-03", 1), ("2027-07-04", 1)]
)
def test_bil_01_sixth_month_review_window(data, day, found):
    assert len(findings(planned(data, 1, day), "BIL-01")) == found


@pytest.mark.parametrize(
    ("day", "found"), [("2027-12-04", 0), ("2028-01-03", 0), ("2027-12-03", 1)]
)
def test_bil_01_final_review_window(data, day, found):
    assert len(findings(planned(data, 2, day), "BIL-01")) == found


def test_bil_01_rejects_a_last_month_review_of_kind_suivi(data):
    data["reviews"][2]["kind"] = "suivi"
    (finding,) = findings(data, "BIL-01")
    assert "bilan final" in finding.message


def test_bil_01_rejects_an_unplanned_review(data):
    planned(data, 1, None)
    assert paths(data, "BIL-01") == ["reviews"]


def six_months(data):
    data["contract"].update(action_end="2027-07-03", end_date="2027-07-03")
    del data["reviews"][1]
    return data


def test_bil_01_six_month_action_wants_the_final_review_in_the_sixth_month(data):
    six_months(data)
    planned(data, 1, "2027-06-28")
    assert findings(data, "BIL-01") == []


def test_bil_01_six_month_action_rejects_a_suivi_as_sixth_month_review(data):
    six_months(data)
    data["reviews"][1].update(kind="suivi", planned_date="2027-06-28")
    (finding,) = findings(data, "BIL-01")
    assert "bilan final pendant le 6e mois" in finding.message


# BIL-02 (running)


def test_bil_02_waits_until_the_review_month_is_over(data):
    data["status"] = "running"
    assert findings(data, "BIL-02", as_of="2027-03-03") == []


def test_bil_02_alerts_a_review_not_held_once_its_month_is_over(data):
    data["status"] = "running"
    (finding,) = findings(data, "BIL-02", as_of="2027-03-04")
    assert (finding.path, finding.severity.value) == ("reviews[0].held_date", "alerte")


def test_bil_02_accepts_a_held_review(data):
    data["status"] = "running"
    data["reviews"][0]["held_date"] = "2027-02-26"
    assert findings(data, "BIL-02", as_of="2027-03-04") == []


def test_bil_02_final_review_window_ends_with_the_action(data):
    data["status"] = "running"
    for review in data["reviews"][:2]:
        review["held_date"] = review["planned_date"]
    assert findings(data, "BIL-02", as_of="2028-01-03") == []
    assert paths(data, "BIL-02", as_of="2028-01-04") == ["reviews[2].held_date"]


def test_bil_02_gives_nothing_before_acceptance(data):
    assert findings(data, "BIL-02", as_of="2027-09-01") == []


# BIL-03 (closing)


def completed(data, scored=("C1", "C2", "C3", "C4", "C5", "C6", "C7")):
    data["status"] = "completed"
    data["reviews"][2].update(
        held_date="2027-12-20", scores=[{"competence": c, "level": 3} for c in scored]
    )
    return data


def test_bil_03_accepts_a_held_final_review_scoring_everything(data):
    assert findings(completed(data), "BIL-03") == []


def test_bil_03_rejects_a_final_review_not_held(data):
    data["status"] = "completed"
    assert paths(data, "BIL-03") == ["reviews"]
    assert severities(data, "BIL-03") == ["bloquant"]


def test_bil_03_rejects_a_competence_not_scored(data):
    (finding,) = findings(completed(data, scored=("C1", "C2", "C3", "C4", "C5", "C6")), "BIL-03")
    assert finding.path == "reviews[2].scores"
    assert "C7" in finding.message


def test_bil_03_gives_nothing_while_running(data):
    data["status"] = "running"
    assert findings(data, "BIL-03", as_of="2028-02-01") == []


def test_bil_03_asks_no_final_review_of_a_terminated_contract(data):
    data["status"] = "terminated"
    data["rupture"] = {"date": "2027-05-01", "reason": "Démission",
                       "opco_informed_on": "2027-05-02"}  # fmt: skip
    assert findings(data, "BIL-03") == []
