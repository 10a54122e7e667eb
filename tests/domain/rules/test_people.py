"""TUT-01..04, TRN-01, TRN-02: the tutor and the internal trainers (F1 teaches M2, interne,
and M4, AFEST)."""

import pytest

from tests.domain.factories import findings, paths, severities


@pytest.fixture
def data(valid_dossier_data):
    return valid_dossier_data


def test_tut_01_rejects_a_dossier_without_tutor(data):
    data["tutor"] = None
    assert paths(data, "TUT-01") == ["tutor"]
    assert severities(data, "TUT-01") == ["bloquant"]


def test_tut_01_rejects_a_tutor_without_name(data):
    data["tutor"]["name"] = "  "
    assert paths(data, "TUT-01") == ["tutor"]


def test_tut_rules_2_to_4_say_nothing_without_tutor(data):
    data["tutor"] = None
    for rule_id in ("TUT-02", "TUT-03", "TUT-04"):
        assert findings(data, rule_id) == []


def test_tut_02_rejects_a_tutor_who_did_not_volunteer(data):
    data["tutor"]["volunteer"] = False
    assert paths(data, "TUT-02") == ["tutor.volunteer"]


def test_tut_03_accepts_exactly_2_years(data):
    data["tutor"]["experience_years"] = 2
    assert findings(data, "TUT-03") == []


def test_tut_03_rejects_1_99_years(data):
    data["tutor"]["experience_years"] = 1.99
    assert paths(data, "TUT-03") == ["tutor.experience_years"]


def test_tut_04_accepts_3_learners(data):
    data["tutor"]["learners_followed"] = 3
    assert findings(data, "TUT-04") == []


def test_tut_04_rejects_4_learners(data):
    data["tutor"]["learners_followed"] = 4
    (finding,) = findings(data, "TUT-04")
    assert (finding.path, finding.severity.value) == ("tutor.learners_followed", "bloquant")


def test_tut_04_accepts_2_learners_for_an_employer(data):
    data["tutor"].update(is_employer=True, learners_followed=2)
    assert findings(data, "TUT-04") == []


def test_tut_04_rejects_3_learners_for_an_employer(data):
    data["tutor"].update(is_employer=True, learners_followed=3)
    assert paths(data, "TUT-04") == ["tutor.learners_followed"]


# TRN-01


def test_trn_01_rejects_an_internal_trainer_who_did_not_volunteer(data):
    data["trainers"][0]["volunteer"] = False
    assert paths(data, "TRN-01") == ["trainers[0].volunteer"]
    assert severities(data, "TRN-01") == ["bloquant"]


def test_trn_01_accepts_exactly_2_years(data):
    data["trainers"][0]["experience_years"] = 2
    assert findings(data, "TRN-01") == []


def test_trn_01_rejects_1_99_years(data):
    data["trainers"][0]["experience_years"] = 1.99
    assert paths(data, "TRN-01") == ["trainers[0].experience_years"]


def test_trn_01_ignores_a_trainer_of_no_internal_module(data):
    data["trainers"].append(
        {
            "id": "F2",
            "name": "Extérieur",
            "job_title": "Consultant",
            "volunteer": False,
            "experience_years": 0,
        }
    )
    assert findings(data, "TRN-01") == []


# TRN-02


def test_trn_02_alerts_an_internal_trainer_without_trainer_training(data):
    data["trainers"][0]["trainer_training"] = False
    assert paths(data, "TRN-02") == ["trainers[0].trainer_training"]
    assert severities(data, "TRN-02") == ["alerte"]


def test_trn_02_alerts_an_afest_trainer_not_made_aware_of_afest(data):
    data["trainers"][0]["afest_aware"] = False
    assert paths(data, "TRN-02") == ["trainers[0].afest_aware"]


def test_trn_02_does_not_ask_afest_awareness_without_afest(data):
    data["trainers"][0]["afest_aware"] = False
    data["modules"][3]["modality"] = "interne"
    assert findings(data, "TRN-02") == []
