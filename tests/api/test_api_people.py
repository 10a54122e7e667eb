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


def test_another_companys_account_is_unknown_like_a_missing_one(api_as, world):
    from parcours.accounts.enums import Role
    from tests import factories

    outsider = factories.user(Role.TUTOR, world.other_company)
    url = f"/api/dossiers/{world.dossier.pk}/people"
    call = api_as("company_admin")
    answers = [
        call("put", url, {"version": world.dossier.version, "tutor_id": i}).json()["errors"]
        for i in (outsider.pk, 999_999)
    ]
    assert answers[0] == answers[1] == [{"path": "tutor_id", "message": "compte inconnu"}]
