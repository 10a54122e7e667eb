from tests import factories


def test_it_reports_on_a_valid_dossier(api_as, world):
    data = factories.example("volume-insuffisant")
    report = api_as("tutor")("post", "/api/check", data).json()
    assert {"reference", "as_of", "figures", "findings"} <= set(report)
    assert ("VOL-01", "bloquant") in {(f["rule"], f["severity"]) for f in report["findings"]}


def test_an_invalid_dossier_is_a_422_naming_each_field(api_as, world):
    data = factories.example()
    data["contract"]["weekly_hours"] = "trente-cinq"
    del data["learner"]["last_name"]
    response = api_as("tutor")("post", "/api/check", data)
    assert response.status_code == 422
    assert {(e["path"], e["message"]) for e in response.json()["errors"]} == {
        ("contract.weekly_hours", "doit être un nombre"),
        ("learner.last_name", "champ obligatoire absent"),
    }


def test_nothing_is_stored(api_as, world):
    from parcours.dossiers.models import Dossier

    response = api_as("tutor")("post", "/api/check", factories.example())
    assert response.status_code == 200, response.content
    assert response.json()["reference"] == factories.example()["reference"]
    assert Dossier.objects.count() == 1
