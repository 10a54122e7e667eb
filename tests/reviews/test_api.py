"""The API: hold a review, record an evaluation, read the progress; French errors naming
the field (422), 403 for who may not, 404 for outsiders."""

from __future__ import annotations

import pytest

from tests import factories

COMPETENCES = ["C1", "C2", "C3", "C4", "C5", "C6", "C7"]


@pytest.fixture
def api(client, running):
    def as_role(role):
        token = factories.token_for(running.users[role])

        def call(method, path, json=None):
            headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
            if method == "get":
                return client.get(path, **headers)
            return client.post(path, json or {}, content_type="application/json", **headers)

        return call

    return as_role


def hold_body(version, day="2027-02-25", **changes):
    body = {"version": version, "held_date": day, "decision": "continue",
            "scores": [{"competence": c, "level": 1, "comment": "Vu"} for c in COMPETENCES],
            "participants": [{"name": "Sophie Bernard", "quality": "tuteur"}]}  # fmt: skip
    return body | changes


def test_the_tutor_holds_a_review_and_everyone_reads_the_progress(running, api):
    pk, version = running.dossier.pk, running.dossier.version
    response = api("tutor")("post", f"/api/dossiers/{pk}/reviews/B1/hold", hold_body(version))
    assert response.status_code == 200, response.json()
    assert response.json()["version"] == version + 1
    progress = api("learner")("get", f"/api/dossiers/{pk}/progress").json()
    c1 = progress["competences"][0]
    assert c1["id"] == "C1" and c1["target"] == 3
    assert c1["points"][-1] | {"date": None} == {
        "kind": "review", "date": None, "level": 1, "source": "B1", "label": "Bilan B1",
        "comment": "Vu", "by": "Sophie Bernard", "expected": 0,
        "appreciation": "en avance de 1 niveau sur l'attendu à cette date",
    }  # fmt: skip
    assert c1["text"].startswith("Compétence C1")


def test_a_back_dated_review_is_a_422_naming_held_date(running, api):
    pk = running.dossier.pk
    response = api("tutor")("post", f"/api/dossiers/{pk}/reviews/B1/hold",
                            hold_body(running.dossier.version, day="2026-12-01"))  # fmt: skip
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["path"] == "held_date" and "avant le mois prévu" in error["message"]


def test_the_trainer_records_its_modules_evaluation_not_anothers(running, api):
    pk, version = running.dossier.pk, running.dossier.version
    body = {"version": version, "module": "M2", "date": "2027-02-26",
            "results": [{"competence": "C5", "level": 2}]}  # fmt: skip
    assert api("trainer")("post", f"/api/dossiers/{pk}/evaluations", body).status_code == 201
    other = body | {"version": version + 1, "module": "M1",
                    "results": [{"competence": "C1", "level": 2}]}  # fmt: skip
    response = api("trainer")("post", f"/api/dossiers/{pk}/evaluations", other)
    assert response.status_code == 403
    assert "formateur" in response.json()["detail"]
    wrong = body | {"version": version + 1, "results": [{"competence": "C1", "level": 2}]}
    response = api("tutor")("post", f"/api/dossiers/{pk}/evaluations", wrong)
    assert response.status_code == 422
    assert response.json()["errors"][0]["message"] == "« C1 » n'est pas une compétence du module M2"


def test_outsiders_get_404(running, api):
    pk = running.dossier.pk
    assert api("company_admin_other")("get", f"/api/dossiers/{pk}/progress").status_code == 404
    response = api("facilitator_other")("post", f"/api/dossiers/{pk}/reviews/B1/hold",
                                        hold_body(running.dossier.version))  # fmt: skip
    assert response.status_code == 404
