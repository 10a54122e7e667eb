"""REF-01, REF-02, REF-03: the référentiel métier."""

import pytest

from parcours.domain.params import RuleParameters
from tests.domain.factories import findings, paths, severities, with_competences


@pytest.fixture
def data(valid_dossier_data):
    return valid_dossier_data


def test_ref_01_accepts_12_competences(data):
    assert findings(with_competences(data, 12), "REF-01") == []


def test_ref_01_rejects_13_competences_at_the_13th(data):
    data = with_competences(data, 13)
    assert paths(data, "REF-01") == ["competences[12]"]
    assert severities(data, "REF-01") == ["bloquant"]


def test_ref_01_maximum_is_a_parameter(data):
    assert (
        findings(with_competences(data, 13), "REF-01", params=RuleParameters(max_competences=13))
        == []
    )


def test_ref_01_accepts_a_single_competence(data):
    assert findings(with_competences(data, 1), "REF-01") == []


def test_ref_01_rejects_an_empty_referentiel(data):
    data["competences"] = []
    assert paths(data, "REF-01") == ["competences"]


def test_ref_01_rejects_a_duplicate_id_at_its_second_use(data):
    data["competences"][4]["id"] = "C2"
    assert paths(data, "REF-01") == ["competences[4].id"]


@pytest.mark.parametrize(
    "statement",
    [
        "Être capable de paramétrer le logiciel de paie",
        "Être capable d'établir les bulletins",
        "ETRE CAPABLE D\u2019ÉTABLIR les bulletins",
        "etre capable de se servir du logiciel",
        "Être capable de le faire seul",
        "Être capable d'y répondre",
        "Être capable d'en parler aux clients",
    ],
)
def test_ref_02_accepts_well_formed_statements(data, statement):
    data["competences"][0]["statement"] = statement
    assert findings(data, "REF-02") == []


@pytest.mark.parametrize(
    "statement",
    [
        "Paramétrer le logiciel de paie",
        "Être capable de",
        "Être capable de la paie",
        "Être capable d'paramétrer",
        "Savoir être capable de paramétrer",
    ],
)
def test_ref_02_alerts_badly_formed_statements(data, statement):
    data["competences"][2]["statement"] = statement
    (finding,) = findings(data, "REF-02")
    assert (finding.path, finding.severity.value) == ("competences[2].statement", "alerte")


def test_ref_03_rejects_a_competence_without_importance(data):
    data["competences"][1]["importance"] = None
    assert paths(data, "REF-03") == ["competences[1].importance"]
    assert severities(data, "REF-03") == ["bloquant"]


def test_ref_03_rejects_a_competence_without_expected_level(data):
    del data["competences"][3]["level"]
    assert paths(data, "REF-03") == ["competences[3].level"]


@pytest.mark.parametrize("level", [1, 4])
def test_ref_03_accepts_expected_levels_1_to_4(data, level):
    data["competences"][0]["level"] = level
    assert findings(data, "REF-03") == []
