"""PAR-01..05, POS-01, INT-01: the parcours covers the référentiel, module by module."""

import pytest

from tests.domain.factories import findings, module, paths, report, severities, shift_dates


@pytest.fixture
def data(valid_dossier_data):
    return valid_dossier_data


def assessed(data, competence_id, level):
    entry = next(e for e in data["positioning"]["entries"] if e["competence"] == competence_id)
    entry["assessed_level"] = level
    return data


# PAR-01


def test_par_01_accepts_the_valid_example(data):
    assert findings(data, "PAR-01") == []


def test_par_01_rejects_a_competence_no_module_teaches(data):
    module(data, "M3")["competences"] = ["C1"]
    (finding,) = findings(data, "PAR-01")
    assert (finding.path, finding.severity.value) == ("competences[2]", "bloquant")


def test_par_01_an_evaluation_does_not_teach(data):
    module(data, "M3")["competences"] = ["C1"]  # C3 stays in M5, an evaluation
    assert "C3" in module(data, "M5")["competences"]
    assert paths(data, "PAR-01") == ["competences[2]"]


def test_par_01_a_dispensed_module_does_not_teach(data):
    module(data, "M3")["adaptation"] = "dispense"
    assert paths(data, "PAR-01") == ["competences[2]"]


def test_par_01_accepts_a_competence_positioned_at_its_expected_level(data):
    module(data, "M3")["competences"] = ["C1"]
    assert findings(assessed(data, "C3", 3), "PAR-01") == []


def test_par_01_rejects_a_competence_positioned_one_level_below(data):
    module(data, "M3")["competences"] = ["C1"]
    assert paths(assessed(data, "C3", 2), "PAR-01") == ["competences[2]"]


# PAR-02


def test_par_02_rejects_a_module_without_competence(data):
    module(data, "M2")["competences"] = []
    assert paths(data, "PAR-02") == ["modules[1].competences"]
    assert severities(data, "PAR-02") == ["bloquant"]


def test_par_02_rejects_a_competence_outside_the_referentiel(data):
    module(data, "M4")["competences"] = ["C4", "C99"]
    (finding,) = findings(data, "PAR-02")
    assert finding.path == "modules[3].competences"
    assert "C99" in finding.message


# PAR-03


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "  "}, "title"),
        ({"modality": None}, "modality"),
        ({"hours": 0}, "hours"),
        ({"start": None}, "start"),
        ({"end": None}, "end"),
        ({"provider": None}, "provider"),
        ({"provider": " "}, "provider"),
    ],
)
def test_par_03_rejects_an_incomplete_external_module(data, change, field):
    module(data, "M3").update(change)
    assert paths(data, "PAR-03") == [f"modules[2].{field}"]
    assert severities(data, "PAR-03") == ["bloquant"]


def test_par_03_requires_a_provider_for_a_distance_module(data):
    module(data, "M3").update(modality="distance", provider=None)
    assert paths(data, "PAR-03") == ["modules[2].provider"]


@pytest.mark.parametrize("trainer", [None, "F9"])
@pytest.mark.parametrize("module_id,index", [("M2", 1), ("M4", 3)])
def test_par_03_requires_an_internal_trainer_of_the_dossier(data, trainer, module_id, index):
    module(data, module_id)["trainer"] = trainer
    assert paths(data, "PAR-03") == [f"modules[{index}].trainer"]


def test_par_03_accepts_a_module_of_a_single_working_day(data):
    module(data, "M5").update(start="2027-07-13", end="2027-07-13")
    assert findings(data, "PAR-03") == []


def test_par_03_rejects_a_module_on_1_may_alone_without_crashing(data):
    # 1 May 2028 is a Monday: a weekday, but a public holiday.
    data = shift_dates(data, 52 * 7)
    module(data, "M5").update(start="2028-05-01", end="2028-05-01")
    r = report(data)
    assert [f.path for f in r.findings if f.rule == "PAR-03"] == ["modules[4].start"]
    assert r.figures.monthly_hours.get((2028, 5), 0) > 0  # the other modules still count


def test_par_03_rejects_a_module_on_a_weekend(data):
    module(data, "M5").update(start="2027-07-10", end="2027-07-11")
    assert paths(data, "PAR-03") == ["modules[4].start"]


def test_par_03_respects_the_holidays_of_alsace_moselle(data):
    from parcours.domain.params import RuleParameters

    module(data, "M5").update(start="2027-12-26", end="2027-12-27")  # Sunday, Monday
    assert findings(data, "PAR-03") == []
    module(data, "M5").update(start="2027-03-26", end="2027-03-26")  # Good Friday
    assert findings(data, "PAR-03") == []
    alsace = RuleParameters(holiday_subdivision="57")
    assert [f.path for f in findings(data, "PAR-03", params=alsace)] == ["modules[4].start"]


# PAR-04


@pytest.mark.parametrize(
    "objective",
    [
        "À l'issue du module, le salarié sera capable de produire une DSN",
        "A l'issue du module le salarie sera capable d'appliquer les procédures",
        "à l\u2019issue du module,  le salarié sera capable de conseiller",
        "À l'issue du module, la salariée sera capable de produire une DSN",
        "À l'issue du module, le ou la salarié(e) apprenant(e) sera capable d'expliquer",
        "À l'issue du module, Léa sera capable de contrôler un bulletin",
    ],
)
def test_par_04_accepts_the_expected_form(data, objective):
    module(data, "M1")["objective"] = objective
    assert findings(data, "PAR-04") == []


@pytest.mark.parametrize(
    "objective",
    [
        "",
        "Savoir produire une DSN",
        "À l'issue du module, le salarié sera capable de",
        "À l'issue de la formation, le salarié sera capable de produire une DSN",
        "À l'issue du modulaire, la salariée sera capable de produire une DSN",
        "À l'issue du module, la salariée saura produire une DSN",
    ],
)
def test_par_04_alerts_another_form(data, objective):
    module(data, "M2")["objective"] = objective
    (finding,) = findings(data, "PAR-04")
    assert (finding.path, finding.severity.value) == ("modules[1].objective", "alerte")


# PAR-05 (valid example: C3 expected 3, assessed 0; M3 teaches C3 alone)


def test_par_05_accepts_a_dispense_where_the_level_is_reached(data):
    module(data, "M3")["adaptation"] = "dispense"
    assert findings(assessed(data, "C3", 3), "PAR-05") == []


def test_par_05_alerts_a_dispense_one_level_short(data):
    module(data, "M3")["adaptation"] = "dispense"
    (finding,) = findings(assessed(data, "C3", 2), "PAR-05")
    assert (finding.path, finding.severity.value) == ("modules[2].adaptation", "alerte")


def test_par_05_alerts_a_dispense_without_positioning(data):
    module(data, "M3")["adaptation"] = "dispense"
    data["positioning"] = None
    assert paths(data, "PAR-05") == ["modules[2].adaptation"]


def test_par_05_accepts_a_renforcement_two_levels_below(data):
    module(data, "M3")["adaptation"] = "renforcement"
    assert findings(assessed(data, "C3", 1), "PAR-05") == []


def test_par_05_alerts_a_renforcement_one_level_below(data):
    module(data, "M3")["adaptation"] = "renforcement"
    assert paths(assessed(data, "C3", 2), "PAR-05") == ["modules[2].adaptation"]


# POS-01 (submission)


def test_pos_01_accepts_the_valid_example(data):
    assert findings(data, "POS-01") == []


def test_pos_01_rejects_a_missing_positioning(data):
    data["positioning"] = None
    assert paths(data, "POS-01") == ["positioning"]
    assert severities(data, "POS-01") == ["bloquant"]


def test_pos_01_rejects_a_competence_not_positioned(data):
    del data["positioning"]["entries"][6]
    assert paths(data, "POS-01") == ["positioning.entries"]


def test_pos_01_rejects_missing_self_and_assessed_levels(data):
    data["positioning"]["entries"][2]["self_level"] = None
    data["positioning"]["entries"][5]["assessed_level"] = None
    assert paths(data, "POS-01") == [
        "positioning.entries[2].self_level",
        "positioning.entries[5].assessed_level",
    ]


def test_pos_01_waits_for_the_submission(data):
    data["status"] = "draft"
    data["positioning"] = None
    assert findings(data, "POS-01") == []


# INT-01


def test_int_01_rejects_internal_training_without_a_training_service(data):
    data["company"]["internal_training_service"] = False
    (finding,) = findings(data, "INT-01")
    assert (finding.path, finding.severity.value) == (
        "company.internal_training_service",
        "bloquant",
    )
    assert "M2" in finding.message


def test_int_01_afest_alone_needs_no_training_service(data):
    data["company"]["internal_training_service"] = False
    module(data, "M2").update(modality="externe", provider="Organisme", trainer=None)
    assert findings(data, "INT-01") == []
