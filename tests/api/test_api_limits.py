"""Every input is bounded: the body's size, list lengths, text lengths and numbers, with a
clear French answer (never a 500) and nothing stored."""

import json

from django.test import override_settings

from tests import factories


def _check(api_as, data):
    return api_as("learner")("post", "/api/check", data)


def test_a_body_over_the_limit_is_a_413_in_french_and_nothing_is_stored(api_as, world):
    before = world.dossier.content
    url = f"/api/dossiers/{world.dossier.pk}/sections/contract"
    contract = {**before["contract"], "job_title": "x" * 2_000_000}
    with override_settings(REQUEST_MAX_BYTES=1024 * 1024):
        response = api_as("company_admin")("put", url, {"version": 1, "data": contract})
    assert response.status_code == 413
    assert "trop volumineux (au plus 1 Mo)" in response.json()["detail"]
    world.dossier.refresh_from_db()
    assert world.dossier.content == before and world.dossier.version == 1


def test_a_form_body_read_past_the_limit_by_a_json_endpoint_is_a_413(world, client):
    # A multipart body may be as large as a file (the middleware lets it through), but a
    # JSON endpoint reading it whole stops at the limit: 413, not a 500.
    token = factories.token_for(world.users["learner"])
    with override_settings(REQUEST_MAX_BYTES=1000, DATA_UPLOAD_MAX_MEMORY_SIZE=1000):
        response = client.post(
            "/api/check", {"document": "x" * 5000}, HTTP_AUTHORIZATION=f"Bearer {token}"
        )
    assert response.status_code == 413
    assert response.json()["detail"].startswith("Envoi trop volumineux")


def test_40000_positioning_entries_are_refused_at_once_naming_the_limit(api_as, world):
    data = factories.example()
    entry = data["positioning"]["entries"][0]
    data["positioning"]["entries"] = [entry] * 40_000
    response = _check(api_as, data)
    assert response.status_code == 422
    assert {"path": "positioning.entries", "message": "contient trop d'éléments : au plus 200"} in (
        response.json()["errors"]
    )


def test_a_text_of_a_megabyte_is_refused_naming_the_field(api_as, world):
    data = factories.example()
    data["contract"]["extension_reason"] = "a" * 1_000_000
    data["competences"][0]["statement"] = "Être capable de " + "a" * 1_000
    data["company"]["name"] = "b" * 201
    response = _check(api_as, data)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"path": "company.name", "message": "est trop long : au plus 200 caractères"},
        {
            "path": "contract.extension_reason",
            "message": "est trop long : au plus 10\u202f000 caractères",
        },
        {
            "path": "competences[0].statement",
            "message": "est trop long : au plus 1\u202f000 caractères",
        },
    ]


def test_infinity_is_not_json_and_is_refused_with_a_400(api_as, world, client):
    data = factories.example()
    data["modules"][0]["hours"] = float("inf")
    body = json.dumps(data)  # Python writes Infinity, which no JSON reader should accept
    assert '"hours": Infinity' in body
    token = factories.token_for(world.users["learner"])
    response = client.post(
        "/api/check", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 400
    assert "ni Infinity ni NaN" in response.json()["detail"]


def test_an_absurd_number_is_refused_at_parse_and_nothing_is_stored(api_as, world):
    before = world.dossier.content
    modules = [{**m, "hours": 1e308} for m in before["modules"]]
    url = f"/api/dossiers/{world.dossier.pk}/sections/modules"
    response = api_as("company_admin")("put", url, {"version": 1, "data": modules})
    assert response.status_code == 422
    assert {"path": "modules[0].hours", "message": "doit valoir au plus 5\u202f000"} in (
        response.json()["errors"]
    )
    world.dossier.refresh_from_db()
    assert world.dossier.content == before and world.dossier.version == 1


def test_a_deeply_nested_body_is_a_400_in_french(api_as, world, client):
    token = factories.token_for(world.users["learner"])
    body = "[" * 100_000 + "]" * 100_000
    response = client.post(
        "/api/check", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Corps de la requête illisible")


def test_a_database_still_locked_after_waiting_is_a_409(api_as, world, monkeypatch):
    from django.db import OperationalError

    from parcours.dossiers import actions

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(actions, "update_section", locked)
    url = f"/api/dossiers/{world.dossier.pk}/sections/contract"
    contract = world.dossier.content["contract"]
    response = api_as("company_admin")("put", url, {"version": 1, "data": contract})
    assert response.status_code == 409
    assert "Réessayez dans un instant" in response.json()["detail"]
