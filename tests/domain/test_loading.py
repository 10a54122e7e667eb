"""loading.py: all or nothing, one French message per bad field, with its path."""

import json

import pytest

from parcours.domain.dossier import Dossier
from parcours.domain.loading import FieldError, InvalidDossier, json_path, parse_dossier


@pytest.fixture
def data(valid_dossier_data):
    return valid_dossier_data


def errors(document) -> list[tuple[str, str]]:
    with pytest.raises(InvalidDossier) as caught:
        parse_dossier(document)
    return [(e.path, e.message) for e in caught.value.errors]


@pytest.mark.parametrize("as_type", [str, bytes, dict])
def test_the_valid_example_parses_from_text_bytes_and_dict(data, as_type):
    document = {str: json.dumps, bytes: lambda d: json.dumps(d).encode(), dict: dict}[as_type]
    dossier = parse_dossier(document(data))
    assert isinstance(dossier, Dossier)
    assert dossier.modules[2].hours == 56


def test_json_path_names_lists_by_index():
    assert json_path(("modules", 2, "hours")) == "modules[2].hours"
    assert json_path(()) == ""


def test_each_bad_field_gets_its_own_french_message(data):
    data["modules"][2]["hours"] = -1
    data["learner"]["birth_date"] = "17/04/1985"
    data["tutor"]["volunteer"] = "oui"
    data["competences"][0]["importance"] = "vitale"
    del data["contract"]["job_title"]
    found = dict(errors(json.dumps(data)))
    assert found == {
        "modules[2].hours": "doit valoir au moins 0",
        "learner.birth_date": "doit être une date au format AAAA-MM-JJ",
        "tutor.volunteer": "doit valoir true ou false",
        "competences[0].importance": found["competences[0].importance"],
        "contract.job_title": "champ obligatoire absent",
    }
    assert "vitale" in found["competences[0].importance"]
    assert "non autorisée" in found["competences[0].importance"]


def test_an_unknown_field_is_rejected_with_its_path(data):
    data["modules"][0]["heures"] = 12
    assert errors(json.dumps(data)) == [
        ("modules[0].heures", "champ inconnu (faute de frappe ?) : il n'existe pas dans le format")
    ]


@pytest.mark.parametrize("day", ["2027-02-30", "2027-1-4", "demain", "2027-01-04T10:00:00"])
def test_a_bad_date_is_rejected(data, day):
    data["contract"]["action_start"] = day
    ((path, message),) = errors(json.dumps(data))
    assert path == "contract.action_start"
    assert "AAAA-MM-JJ" in message


def test_a_text_number_is_not_a_number_in_a_file(data):
    data["modules"][0]["hours"] = "105"
    assert errors(json.dumps(data)) == [("modules[0].hours", "doit être un nombre")]


@pytest.mark.parametrize("format_id", ["parcours-dossier/2", None, 1])
def test_a_wrong_format_id_is_the_only_error_reported(data, format_id):
    data["format"] = format_id
    data["modules"][0]["hours"] = -1  # not reported: another format is not read further
    ((path, message),) = errors(json.dumps(data))
    assert path == "format"
    assert "parcours-dossier/1" in message


def test_a_missing_format_id_is_reported(data):
    del data["format"]
    assert [path for path, _ in errors(json.dumps(data))] == ["format"]


@pytest.mark.parametrize(
    "document",
    ['{"format": "parcours-dossier/1",', "", "not json", b"\xff\xfe{}", "[1, 2]", "42", "null"],
)
def test_broken_json_or_not_an_object_is_one_document_level_error(document):
    ((path, message),) = errors(document)
    assert path == ""
    assert message.startswith(("JSON illisible", "le document doit être un objet JSON"))


def test_the_error_text_lists_every_field(data):
    data["modules"][0]["hours"] = -1
    data["modules"][1]["hours"] = -2
    with pytest.raises(InvalidDossier) as caught:
        parse_dossier(json.dumps(data))
    assert str(caught.value).splitlines() == [
        "modules[0].hours : doit valoir au moins 0",
        "modules[1].hours : doit valoir au moins 0",
    ]
    assert str(FieldError("", "x")) == "(document) : x"
