"""The positioning's per-field rule holds through the API too (same action)."""

import copy

import pytest


def _put(api_as, world, role, **changes):
    value = copy.deepcopy(world.dossier.content["positioning"])
    for entry in value["entries"]:
        entry.update(changes.get(entry["competence"], {}))
    url = f"/api/dossiers/{world.dossier.pk}/sections/positioning"
    return api_as(role)("put", url, {"version": 1, "data": value})


@pytest.mark.parametrize(
    ("role", "mine", "theirs", "who"),
    [("learner", "self_level", "assessed_level", "le salarié"),
     ("tutor", "assessed_level", "self_level", "le tuteur")],
)  # fmt: skip
def test_each_changes_only_their_own_field(api_as, world, role, mine, theirs, who):
    refused = _put(api_as, world, role, C4={theirs: 4})
    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert error["path"] == f"positioning.entries[3].{theirs}"
    assert error["message"].startswith(f"{who} ne peut pas modifier")
    saved = _put(api_as, world, role, C4={mine: 4})
    assert saved.status_code == 200
    assert saved.json()["document"]["positioning"]["entries"][3][mine] == 4


def test_the_learner_cannot_write_the_tutor_s_comment(api_as, world):
    response = _put(api_as, world, "learner", C2={"comment": "Facile"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "positioning.entries[1].comment"
    assert "commentaire du tuteur" in response.json()["errors"][0]["message"]
