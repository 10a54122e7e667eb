"""The API of guide step 4: read by every party, written by the company side."""

from __future__ import annotations

from tests.api.conftest import api_as  # noqa: F401 (the fixture, shared)


def test_read_plan_and_time_through_the_api(world, api_as):  # noqa: F811
    path = f"/api/dossiers/{world.dossier.pk}/staff-training"
    read = api_as("trainer")("get", path).json()
    assert read["editable"] is False
    assert [p["person"] for p in read["people"]] == ["tuteur", "F1"]
    assert read["proposals"][0]["title"] == "Les fondamentaux du tutorat"
    assert read["proposals"][0]["planned"] is False

    company = api_as("company_admin")
    body = {"version": read["version"], "person": "tuteur", "course": "fondamentaux-tutorat",
            "planned_on": "2026-11-02", "provider": "Atlas"}  # fmt: skip
    out = company("post", f"{path}/trainings", body)
    assert out.status_code == 200, out.content
    data = out.json()
    assert data["trainings"][0]["overdue"] is True and data["proposals"][0]["planned"] is True

    body = {"version": data["version"], "person": "tuteur", "hours_per_month": 8}
    data = company("post", f"{path}/time", body).json()
    assert data["people"][0]["hours_per_month"] == 8


def test_api_errors(world, api_as):  # noqa: F811
    path = f"/api/dossiers/{world.dossier.pk}/staff-training"
    company = api_as("company_admin")
    bad = {"version": world.dossier.version, "person": "F7", "course": "referent-afest",
           "planned_on": "2026-12-01"}  # fmt: skip
    response = company("post", f"{path}/trainings", bad)
    assert response.status_code == 422
    assert "staff_training.person" in response.content.decode()
    stale = {**bad, "person": "F1", "version": world.dossier.version + 5}
    assert company("post", f"{path}/trainings", stale).status_code == 409
    assert api_as("tutor")("post", f"{path}/trainings", {**bad, "person": "F1"}).status_code == 403
