"""The attendance API as every role × every way of signing: 201 for one's own line (or
what one may do for others), 403 for someone else's line, 404 for outsiders, 401 for the
anonymous; every refusal stores nothing. Bad state, date or duplicate: 422 in French."""

import io

import pytest
from django.test import Client

from tests import factories
from tests.attendance.conftest import PDF, stored

ROLES = (
    "anonymous",
    "company_admin",
    "company_admin_other",
    "facilitator",
    "facilitator_other",
    "tutor",
    "trainer",
    "learner",
    "opco_staff",
)
KINDS = {
    "learner_line": ("sessions/S1/signatures", {"signer": "learner"}, {"learner"}),
    "trainer_line": ("sessions/S1/signatures", {"signer": "trainer"}, {"trainer"}),
    "absence": (
        "sessions/S1/absences",
        {"signer": "learner", "reason": "Malade"},
        {"learner", "trainer", "company_admin", "facilitator"},
    ),
    "link": (
        "sessions/S1/links",
        {"signer": "learner"},
        {"trainer", "company_admin", "facilitator"},
    ),
    "provider_sheet": ("provider-sheets", None, {"company_admin", "facilitator"}),
}


def _post(world, role, path, body):
    client = Client()
    headers = {}
    if role != "anonymous":
        headers["HTTP_AUTHORIZATION"] = f"Bearer {factories.token_for(world.users[role])}"
    url = f"/api/dossiers/{world.dossier.pk}/{path}"
    if body is None:
        sheet = io.BytesIO(PDF)
        sheet.name = "feuille.pdf"
        return client.post(url, {"session_ids": ["S2"], "file": sheet}, **headers)
    return client.post(url, body, content_type="application/json", **headers)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_role_and_way_of_signing(running, role, kind):
    path, body, allowed = KINDS[kind]
    before = stored(running.dossier)
    answer = _post(running, role, path, body)
    if role in allowed:
        assert answer.status_code == 201, answer.content
        assert stored(running.dossier) != before
        return
    expected = {"anonymous": 401, "company_admin_other": 404, "facilitator_other": 404}
    assert answer.status_code == expected.get(role, 403), answer.content
    assert stored(running.dossier) == before
    if answer.status_code == 403:
        assert answer.json()["detail"].startswith(("Vous ne pouvez", "Seuls"))


def test_a_signature_answers_the_record_and_a_link_its_url(running):
    record = _post(running, "learner", "sessions/S1/signatures", {"signer": "learner"}).json()
    assert (record["seq"], record["session"], record["method"]) == (1, "S1", "account")
    assert len(record["hash"]) == 64 and record["signed_at"].endswith("Z")
    link = _post(running, "trainer", "sessions/S1/links", {"signer": "trainer"}).json()
    assert link["url"].startswith("http://testserver/signer/sig_")
    assert (link["session"], link["signer"]) == ("S1", "trainer")


def test_duplicates_dates_and_states_answer_422_in_french(running):
    _post(running, "learner", "sessions/S1/signatures", {"signer": "learner"})
    before = stored(running.dossier)
    again = _post(running, "learner", "sessions/S1/signatures", {"signer": "learner"})
    assert again.status_code == 422
    assert again.json()["errors"][0]["path"] == "signer"
    assert "déjà signée" in again.json()["errors"][0]["message"]
    future = _post(running, "learner", "sessions/S3/signatures", {"signer": "learner"})
    assert future.status_code == 422 and "avant ce jour" in future.json()["errors"][0]["message"]
    absent = _post(
        running, "learner", "sessions/S2/signatures", {"signer": "learner", "presence": "absent"}
    )
    assert absent.status_code == 422
    assert absent.json()["errors"][0]["path"] == "absence_reason"
    bad = _post(running, "learner", "sessions/S1/signatures", {"signer": "quelqu'un"})
    assert bad.status_code == 422
    assert stored(running.dossier) == before
    factories.Dossier.objects.filter(pk=running.dossier.pk).update(status="completed")
    done = _post(running, "learner", "sessions/S2/signatures", {"signer": "learner"})
    assert done.status_code == 422 and done.json()["errors"][0]["path"] == "status"


def test_the_attendance_as_each_party_reads_it(running, api_as):
    _post(running, "learner", "sessions/S1/signatures", {"signer": "learner"})
    url = f"/api/dossiers/{running.dossier.pk}/attendance"
    for role in ("tutor", "opco_staff", "learner", "trainer", "company_admin"):
        answer = api_as(role)("get", url).json()
        assert answer["count"] == 1 and answer["records"][0]["session"] == "S1"
    learner = api_as("learner")("get", url).json()["lines"]
    assert [(ln["session"], ln["signed"], ln["can_sign"]) for ln in learner] == [
        ("S1", True, False),
        ("S2", False, True),
        ("S3", False, False),
    ]
    assert api_as("tutor")("get", url).json()["lines"] == []
    assert api_as("company_admin_other")("get", url).status_code == 404
