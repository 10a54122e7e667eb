"""CLO-01, RUP-01: the end of the contract, normal or early."""

import pytest

from tests.domain.factories import findings, paths, severities


@pytest.fixture
def data(valid_dossier_data):
    valid_dossier_data["status"] = "completed"
    return valid_dossier_data


ALL = ("C1", "C2", "C3", "C4", "C5", "C6", "C7")


def attestation(*scores):
    return {
        "date": "2028-01-03",
        "competences": [{"competence": c, "level": level} for c, level in scores],
    }


def every(level=3, *extra):
    return attestation(*[(c, level) for c in ALL], *extra)


def held(data, index, day, level=3, scored=ALL):
    data["reviews"][index].update(
        held_date=day, scores=[{"competence": c, "level": level} for c in scored]
    )


def test_clo_01_rejects_a_missing_attestation(data):
    assert paths(data, "CLO-01") == ["attestation"]
    assert severities(data, "CLO-01") == ["bloquant"]


def test_clo_01_rejects_an_attestation_without_competence(data):
    data["attestation"] = attestation()
    assert paths(data, "CLO-01") == ["attestation.competences"]


def test_clo_01_rejects_a_competence_outside_the_referentiel(data):
    data["attestation"] = every(3, ("C42", 2))
    assert paths(data, "CLO-01") == ["attestation.competences[7].competence"]


def test_clo_01_rejects_a_competence_of_the_referentiel_left_out(data):
    data["attestation"] = attestation(("C1", 3), ("C2", 2))
    (finding,) = findings(data, "CLO-01")
    assert finding.path == "attestation.competences"
    assert "C3, C4, C5, C6, C7" in finding.message


def test_clo_01_accepts_an_attestation_of_every_competence(data):
    data["attestation"] = every(3)
    assert findings(data, "CLO-01") == []


def test_clo_01_rejects_a_level_other_than_the_final_reviews(data):
    held(data, 2, "2027-12-20", level=2)
    data["attestation"] = every(2)
    data["attestation"]["competences"][3]["level"] = 4
    (finding,) = findings(data, "CLO-01")
    assert finding.path == "attestation.competences[3].level"
    assert "bilan final B3 du 20/12/2027" in finding.message


def test_clo_01_after_a_rupture_compares_with_the_last_held_review(data):
    data["status"] = "terminated"
    data["rupture"] = {"date": "2027-07-01", "reason": "Démission"}
    held(data, 0, "2027-02-25", level=1)
    held(data, 1, "2027-06-24", level=2)
    data["attestation"] = every(2)
    assert findings(data, "CLO-01") == []
    data["attestation"] = every(1)
    assert len(findings(data, "CLO-01")) == 7


def test_clo_01_after_a_rupture_without_review_compares_with_the_positioning(data):
    data["status"] = "terminated"
    data["rupture"] = {"date": "2027-02-01", "reason": "Démission"}
    assessed = {e["competence"]: e["assessed_level"] for e in data["positioning"]["entries"]}
    data["attestation"] = attestation(*assessed.items())
    assert findings(data, "CLO-01") == []
    data["attestation"]["competences"][0]["level"] = 4
    assert paths(data, "CLO-01") == ["attestation.competences[0].level"]


def test_clo_01_gives_nothing_while_running(data):
    data["status"] = "running"
    assert findings(data, "CLO-01", as_of="2028-03-01") == []


def test_rup_01_rejects_a_termination_without_rupture(data):
    data["status"] = "terminated"
    assert paths(data, "RUP-01") == ["rupture"]


def test_rup_01_rejects_a_rupture_the_opco_was_not_told_of(data):
    data["status"] = "terminated"
    data["rupture"] = {"date": "2027-05-01", "reason": "Démission"}
    assert paths(data, "RUP-01") == ["rupture.opco_informed_on"]


def test_rup_01_accepts_a_notified_rupture(data):
    data["status"] = "terminated"
    data["rupture"] = {
        "date": "2027-05-01",
        "reason": "Démission",
        "opco_informed_on": "2027-05-03",
    }
    assert findings(data, "RUP-01") == []


def test_rup_01_does_not_apply_to_a_completed_dossier(data):
    assert findings(data, "RUP-01") == []
