"""PUT /api/dossiers/{id}/people: the accounts named on the contract, with French errors
named after the request's fields."""


def test_the_api_names_the_accounts_with_french_errors(api_as, world):
    call = api_as("company_admin")
    url = f"/api/dossiers/{world.dossier.pk}/people"
    trainer = world.users["trainer"]
    ok = call("put", url, {"version": world.dossier.version, "trainer_ids": [trainer.pk]})
    assert ok.status_code == 200, ok.content
    assert (ok.json()["tutor_id"], ok.json()["trainer_ids"]) == (None, [trainer.pk])
    bad = call(
        "put",
        url,
        {"version": ok.json()["version"], "tutor_id": trainer.pk, "trainer_ids": [999999]},
    )
    assert bad.status_code == 422
    assert bad.json()["errors"] == [{"path": "trainer_ids[0]", "message": "compte inconnu"}]
    wrong_role = call("put", url, {"version": ok.json()["version"], "tutor_id": trainer.pk})
    assert wrong_role.status_code == 422
    [error] = wrong_role.json()["errors"]
    assert error["path"] == "tutor_id" and "Tuteur" in error["message"]
