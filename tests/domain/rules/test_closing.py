"""CLO-01, RUP-01: the end of the contract, normal or early."""

import pytest

from tests.domain.factories import findings, paths, severities


@pytest.fixture
def data(valid_dossier_data):
    valid_dossier_data["status"] = "completed"
    return valid_dossier_data


def attestation(*scores):
    return {
        "date": "2028-01-03",
        "competences": [{"competence": c, "level": level} for c, level in scores],
    }


def test_clo_01_rejects_a_missing_attestation(data):
    assert paths(data, "CLO-01") == ["attestation"]
    assert severities(data, "CLO-01") == ["bloquant"]


def test_clo_01_rejects_an_attestation_without_competence(data):
    data["attestation"] = attestation()
    assert paths(data, "CLO-01") == ["attestation.competences"]


def test_clo_01_rejects_a_competence_outside_the_referentiel(data):
    data["attestation"] = attestation(("C1", 3), ("C42", 2))
    assert paths(data, "CLO-01") == ["attestation.competences[1].competence"]


def test_clo_01_accepts_an_attestation_of_the_referentiel(data):
    data["attestation"] = attestation(("C1", 3), ("C2", 2))
    assert findings(data, "CLO-01") == []


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
