"""SEQ-01, SEQ-02, SEQ-03, AFE-01. Valid example: M2 (interne, from 2027-01-18) and
M4 (AFEST, from 2027-02-01) each have a sequence (sequences[0], sequences[1])."""

import pytest

from tests.domain.factories import findings, module, paths, severities


@pytest.fixture
def data(valid_dossier_data):
    return valid_dossier_data


def without_sequence(data, module_id):
    data["sequences"] = [s for s in data["sequences"] if s["module"] != module_id]
    return data


def running(data):
    data["status"] = "running"
    return data


# SEQ-01 (submission)


def test_seq_01_rejects_a_first_internal_module_without_sequence(data):
    without_sequence(data, "M2")
    (finding,) = findings(data, "SEQ-01")
    assert (finding.path, finding.severity.value) == ("sequences", "bloquant")
    assert "M2" in finding.message


def test_seq_01_only_asks_for_the_first_module(data):
    assert findings(without_sequence(data, "M4"), "SEQ-01") == []


def test_seq_01_takes_the_first_by_start_date(data):
    module(data, "M4")["start"] = "2027-01-11"
    assert findings(without_sequence(data, "M2"), "SEQ-01") == []
    assert paths(without_sequence(data, "M4"), "SEQ-01") == ["sequences"]


def test_seq_01_asks_nothing_without_internal_module(data):
    for m in data["modules"]:
        if m["modality"] in ("interne", "afest"):
            m.update(modality="externe", provider="Organisme", trainer=None)
    data["sequences"] = []
    assert findings(data, "SEQ-01") == []


def test_seq_01_waits_for_the_submission(data):
    data["status"] = "draft"
    assert findings(without_sequence(data, "M2"), "SEQ-01") == []


# SEQ-02 (running)


def test_seq_02_alerts_a_started_module_without_sequence(data):
    running(without_sequence(data, "M4"))
    (finding,) = findings(data, "SEQ-02", as_of="2027-02-01")
    assert (finding.path, finding.severity.value) == ("modules[3]", "alerte")


def test_seq_02_waits_for_the_module_start(data):
    running(without_sequence(data, "M4"))
    assert findings(data, "SEQ-02", as_of="2027-01-31") == []


def test_seq_02_gives_nothing_for_a_draft(data):
    data["status"] = "draft"
    assert findings(without_sequence(data, "M4"), "SEQ-02", as_of="2027-06-01") == []


def test_seq_02_ignores_a_dispensed_module(data):
    running(without_sequence(data, "M4"))
    module(data, "M4")["adaptation"] = "dispense"
    assert findings(data, "SEQ-02", as_of="2027-06-01") == []


# SEQ-03


@pytest.mark.parametrize(
    ("field", "empty"),
    [
        ("general_objective", " "),
        ("operational_objectives", []),
        ("stakes", ""),
        ("activities", []),
        ("resources", []),
        ("trainers", []),
        ("evaluation_methods", []),
        ("calendar", []),
    ],
)
def test_seq_03_alerts_each_missing_part(data, field, empty):
    data["sequences"][1][field] = empty
    assert paths(data, "SEQ-03") == [f"sequences[1].{field}"]
    assert severities(data, "SEQ-03") == ["alerte"]


def test_seq_03_accepts_the_valid_sequences(data):
    assert findings(data, "SEQ-03") == []


# AFE-01


def activities_without(data, index, kind):
    seq = data["sequences"][index]
    seq["activities"] = [a for a in seq["activities"] if a["kind"] != kind]
    return data


@pytest.mark.parametrize("kind", ["mise_en_situation", "sequence_reflexive"])
def test_afe_01_rejects_an_afest_sequence_missing_a_phase(data, kind):
    activities_without(data, 1, kind)
    (finding,) = findings(data, "AFE-01")
    assert (finding.path, finding.severity.value) == ("sequences[1].activities", "bloquant")


def test_afe_01_names_both_missing_phases(data):
    data["sequences"][1]["activities"] = []
    (finding,) = findings(data, "AFE-01")
    assert "mise en situation" in finding.message and "réflexive" in finding.message


def test_afe_01_does_not_apply_to_internal_training(data):
    activities_without(data, 0, "mise_en_situation")  # M2 is interne, not AFEST
    assert findings(data, "AFE-01") == []


def test_afe_01_leaves_a_missing_sequence_to_seq_01_and_02(data):
    assert findings(without_sequence(data, "M4"), "AFE-01") == []
