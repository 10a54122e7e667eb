from tests import factories


def test_submit_then_accept(api_as, world):
    base = f"/api/dossiers/{world.dossier.pk}"
    assert api_as("company_admin")("post", f"{base}/submit", {"version": 1}).status_code == 200
    body = {"version": 2, "agreement_number": "ACC-1", "agreement_date": "2026-12-10"}
    accepted = api_as("opco_staff")("post", f"{base}/accept", body).json()
    assert (accepted["status"], accepted["agreement_number"]) == ("accepted", "ACC-1")
    assert accepted["transitions"] == ["start", "terminate"]


def test_the_opco_may_give_its_dossier_number_when_it_accepts(api_as, world):
    base = f"/api/dossiers/{world.dossier.pk}"
    api_as("company_admin")("post", f"{base}/submit", {"version": 1})
    body = {"version": 2, "agreement_number": "ACC-1", "agreement_date": "2026-11-20",
            "reference": "EXP-2026-0001"}  # fmt: skip
    accepted = api_as("opco_staff")("post", f"{base}/accept", body).json()
    assert (accepted["status"], accepted["reference"]) == ("accepted", "EXP-2026-0001")


def test_a_refused_submission_lists_the_reasons(api_as, world):
    row = factories.dossier(world.company, data=factories.example("volume-insuffisant"))
    response = api_as("company_admin")("post", f"/api/dossiers/{row.pk}/submit", {"version": 1})
    assert response.status_code == 409
    assert any("VOL-01" in r for r in response.json()["reasons"])


def test_request_changes_needs_a_comment(api_as, world):
    base = f"/api/dossiers/{world.dossier.pk}"
    api_as("company_admin")("post", f"{base}/submit", {"version": 1})
    response = api_as("opco_staff")(
        "post", f"{base}/request-changes", {"version": 2, "comments": {}}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "comments"


def test_a_missing_version_is_a_french_422(api_as, world):
    response = api_as("company_admin")("post", f"/api/dossiers/{world.dossier.pk}/submit", {})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"path": "version", "message": "champ obligatoire absent"}]
