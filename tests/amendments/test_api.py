"""The versions of a parcours through the API: the same actions and rules as the pages."""

import pytest

from tests.amendments.conftest import AFTER_B1, B1_HELD, changed, hold
from tests.factories import token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    """`api(user).get/post/put/delete(path, body)` with the user's token; JSON in and out."""

    class Caller:
        def __init__(self, user):
            self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token_for(user)}"}

        def get(self, path):
            return client.get(path, **self.headers)

        def send(self, method, path, body):
            call = getattr(client, method)
            return call(path, body, content_type="application/json", **self.headers)

    return Caller


def _base(row) -> str:
    return f"/api/dossiers/{row.pk}"


def test_the_adaptation_through_the_api(live, api):
    row = live.dossier
    opco, company = api(live.users["opco_staff"]), api(live.users["company_admin"])
    listed = opco.get(f"{_base(row)}/versions").json()
    assert listed["in_force"] == 1 and listed["pending"] is None
    assert listed["can_propose_adaptation"] is True and listed["can_draft_avenant"] is False
    proposed = opco.send(
        "post",
        f"{_base(row)}/adaptations",
        {"version": row.version, "sections": changed(row, M1=120), "explanation": "Logiciel."},
    )
    assert proposed.status_code == 201
    body = proposed.json()
    assert (body["number"], body["kind"], body["state"]) == (2, "adaptation", "proposed")
    assert body["changes"] == [
        "Module M1 « Maîtrise du logiciel de paie » : durée portée de 105\u00a0h à 120\u00a0h."
    ]
    accepted = company.send(
        "post", f"{_base(row)}/versions/2/accept", {"version": body["dossier_version"]}
    )
    assert accepted.status_code == 200
    assert accepted.json()["in_force"] is True
    assert accepted.json()["in_force_from"] == "2027-02-01"
    document = company.get(_base(row)).json()["document"]
    assert document["modules"][0]["hours"] == 120
    assert document["changes"][0]["amendment"] is False


def test_the_avenant_through_the_api(live, api, at):
    row = live.dossier
    hold(row, "B1", B1_HELD)
    at(AFTER_B1)
    opco, company = api(live.users["opco_staff"]), api(live.users["facilitator"])
    draft = company.send(
        "post", f"{_base(row)}/avenants", {"version": row.version, "sections": changed(row, M3=70)}
    )
    assert draft.status_code == 201 and draft.json()["state"] == "draft"
    version = draft.json()["dossier_version"]
    updated = company.send(
        "put",
        f"{_base(row)}/versions/2",
        {"version": version, "sections": changed(row, M3=77), "explanation": "DSN."},
    )
    assert updated.status_code == 200
    version = updated.json()["dossier_version"]
    submitted = company.send("post", f"{_base(row)}/versions/2/submit", {"version": version})
    assert submitted.json()["state"] == "proposed"
    version = submitted.json()["dossier_version"]
    accepted = opco.send(
        "post", f"{_base(row)}/versions/2/accept", {"version": version, "on": "2027-03-15"}
    )
    assert accepted.json()["signatures"] == {
        "company": None, "facilitator": None, "opco": None, "learner": None,
    }  # fmt: skip
    version = accepted.json()["dossier_version"]
    for party in ("company", "facilitator", "opco", "learner"):
        signed = company.send(
            "post", f"{_base(row)}/versions/2/signatures", {"version": version, "party": party}
        )
        assert signed.status_code == 200, signed.json()
        version = signed.json()["dossier_version"]
    assert signed.json()["in_force"] is True
    assert signed.json()["in_force_from"] == "2027-03-15"
    pdf = company.get(f"{_base(row)}/versions/2/avenant")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert company.get(_base(row)).json()["document"]["changes"][-1]["amendment"] is True


def test_errors_name_their_field_in_french(live, api):
    row = live.dossier
    opco = api(live.users["opco_staff"])
    bad = opco.send(
        "post",
        f"{_base(row)}/adaptations",
        {"version": row.version, "sections": changed(row, M2=-1), "explanation": "x"},
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["path"] == "modules[1].hours"
    future = opco.send(
        "post",
        f"{_base(row)}/adaptations",
        {"version": row.version, "sections": changed(row, M2=60), "on": "2030-01-01"},
    )
    assert future.status_code == 422
    assert future.json()["errors"][0]["path"] == "proposed_at"
    assert "futur" in future.json()["errors"][0]["message"]
    stale = opco.send(
        "post",
        f"{_base(row)}/adaptations",
        {"version": row.version + 5, "sections": changed(row, M2=60), "explanation": "x"},
    )
    assert stale.status_code == 409
    assert opco.get(f"{_base(row)}/versions").json()["versions"][-1]["number"] == 1


def test_the_wrong_side_is_refused(live, api, at):
    row = live.dossier
    company, opco = api(live.users["company_admin"]), api(live.users["opco_staff"])
    assert (
        company.send(
            "post", f"{_base(row)}/adaptations", {"version": row.version, "sections": {}}
        ).status_code
        == 403
    )
    proposed = opco.send(
        "post",
        f"{_base(row)}/adaptations",
        {"version": row.version, "sections": changed(row, M1=120), "explanation": "x"},
    ).json()
    # The OPCO does not answer its own adaptation; the company's decline needs a reason.
    version = proposed["dossier_version"]
    assert (
        opco.send("post", f"{_base(row)}/versions/2/accept", {"version": version}).status_code
        == 403
    )
    missing = company.send(
        "post", f"{_base(row)}/versions/2/decline", {"version": version, "reason": " "}
    )
    assert missing.status_code == 422 and missing.json()["errors"][0]["path"] == "reason"
    assert company.get(f"{_base(row)}/versions/9/avenant").status_code == 404
    assert (
        company.send("post", f"{_base(row)}/versions/9/submit", {"version": version}).status_code
        == 404
    )
