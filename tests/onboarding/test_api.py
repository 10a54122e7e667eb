"""The API of guide action 6: read by every party, ticked by the tutor and the company
side."""

from __future__ import annotations

from tests.api.conftest import api_as  # noqa: F401 (the fixture, shared)


def test_read_tick_and_untick_through_the_api(world, api_as):  # noqa: F811
    path = f"/api/dossiers/{world.dossier.pk}/onboarding"
    read = api_as("learner")("get", path).json()
    assert read["editable"] is False and read["start"] == "2027-01-04"
    first = read["items"][0]
    assert (first["item"], first["phase"], first["due"]) == (
        "pieces-rassemblees", "avant", "2027-01-03",
    )  # fmt: skip
    assert first["done_on"] is None and first["late"] is False

    tutor = api_as("tutor")
    body = {"version": read["version"], "item": "poste-pret", "comment": "PC prêt"}
    out = tutor("post", f"{path}/ticks", body)
    assert out.status_code == 200, out.content
    item = out.json()["items"][1]
    assert (item["done_on"], item["comment"]) == ("2026-11-22", "PC prêt")
    assert item["by"] == world.users["tutor"].get_full_name()

    body = {"version": out.json()["version"], "item": "poste-pret"}
    out = api_as("facilitator")("post", f"{path}/ticks/remove", body)
    assert out.json()["items"][1]["done_on"] is None


def test_api_errors(world, api_as):  # noqa: F811
    path = f"/api/dossiers/{world.dossier.pk}/onboarding/ticks"
    tutor = api_as("tutor")
    future = {"version": world.dossier.version, "item": "accueil", "done_on": "2027-01-04"}
    response = tutor("post", path, future)
    assert response.status_code == 422
    assert "onboarding.done_on" in response.content.decode()
    assert (
        tutor("post", path, {"version": world.dossier.version, "item": "cafe"}).status_code == 422
    )
    stale = {"version": world.dossier.version + 5, "item": "accueil"}
    assert tutor("post", path, stale).status_code == 409
    ok = {"version": world.dossier.version, "item": "accueil"}
    assert api_as("learner")("post", path, ok).status_code == 403
