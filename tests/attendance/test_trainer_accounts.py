"""« Comptes et accès » (page and PUT /api/dossiers/{id}/people): the company side says
which trainer account is which trainer of the document (F1…); that account then signs the
trainer lines of that trainer's sessions, and only those. `trainer_ids` alone still works."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.attendance import actions as attendance
from parcours.dossiers import perms
from parcours.dossiers.models import DossierEvent
from tests import factories
from tests.web.pages import text


def _post(client, world, **data):
    client.force_login(world.users["company_admin"])
    data.setdefault("version", world.dossier.version)
    return client.post(reverse("web:people", args=[world.dossier.pk]), data)


def test_the_page_maps_a_trainer_of_the_document_to_an_account(client, running):
    newcomer = factories.user(Role.TRAINER, running.company, first_name="Zoé", last_name="Roux")
    client.force_login(running.users["company_admin"])
    body = text(client.get(reverse("web:people", args=[running.dossier.pk])))
    assert "Compte de Marc Petit (F1)" in body
    response = _post(
        client,
        running,
        learner_account=running.users["learner"].pk,
        trainer_accounts=[running.users["trainer"].pk],
        trainer_for_F1=newcomer.pk,
    )
    assert response.status_code == 302, text(response)
    row = running.dossier
    row.refresh_from_db()
    assert row.trainer_accounts == {"F1": newcomer.pk}
    assert perms.can_view(newcomer, row)  # a mapped account is named on the contract
    with pytest.raises(PermissionDenied):
        attendance.sign_session(row, running.users["trainer"], "S1", signer="trainer")
    assert attendance.sign_session(row, newcomer, "S1", signer="trainer").signer_user == newcomer
    event = DossierEvent.objects.filter(dossier=row, section="people").get()
    assert event.changes[0]["after"]["trainer_accounts"] == {"F1": "Zoé Roux"}


def test_the_read_only_page_shows_who_signs_for_each_trainer(client, running):
    client.force_login(running.users["tutor"])
    body = text(client.get(reverse("web:people", args=[running.dossier.pk])))
    trainer = running.users["trainer"]
    assert f"<dt>Signe pour Marc Petit (F1)</dt><dd>{trainer.get_full_name()}</dd>" in body


def test_the_api_maps_with_french_errors_naming_the_field(running, api_as):
    row = running.dossier
    call = api_as("company_admin")
    url = f"/api/dossiers/{row.pk}/people"
    tutor = running.users["tutor"]
    base = {"learner_id": running.users["learner"].pk, "tutor_id": tutor.pk}
    wrong = call("put", url, {"version": row.version, **base, "trainer_accounts": {"F1": tutor.pk}})
    assert wrong.status_code == 422
    [error] = wrong.json()["errors"]
    assert error["path"] == "trainer_accounts.F1" and "Formateur interne" in error["message"]
    unknown = call(
        "put",
        url,
        {"version": row.version, **base, "trainer_accounts": {"F9": running.users["trainer"].pk}},
    )
    assert unknown.json()["errors"][0]["path"] == "trainer_accounts.F9"
    assert (
        "formateur inconnu du dossier (formateurs : F1)" in unknown.json()["errors"][0]["message"]
    )
    ok = call(
        "put",
        url,
        {"version": row.version, **base, "trainer_accounts": {"F1": running.users["trainer"].pk}},
    )
    assert ok.status_code == 200
    assert ok.json()["trainer_accounts"] == {"F1": running.users["trainer"].pk}
    assert ok.json()["trainer_ids"] == [running.users["trainer"].pk]


def test_trainer_ids_alone_keep_the_mapping_of_the_accounts_still_named(running, api_as):
    row = running.dossier
    call = api_as("company_admin")
    url = f"/api/dossiers/{row.pk}/people"
    trainer = running.users["trainer"]
    kept = call("put", url, {"version": row.version, "trainer_ids": [trainer.pk]})
    assert kept.json()["trainer_accounts"] == {"F1": trainer.pk}
    dropped = call("put", url, {"version": kept.json()["version"], "trainer_ids": []})
    assert dropped.json()["trainer_accounts"] == {}
    row.refresh_from_db()
    assert not perms.can_view(trainer, row)


def test_the_mapping_can_change_while_the_contract_runs_by_the_company_side_only(running, api_as):
    row = running.dossier
    url = f"/api/dossiers/{row.pk}/people"
    body = {"version": row.version, "trainer_accounts": {"F1": None}}
    for role in ("tutor", "trainer", "learner", "opco_staff"):
        assert api_as(role)("put", url, body).status_code == 403
    assert api_as("facilitator")("put", url, body).status_code == 200
    row.refresh_from_db()
    assert row.trainer_accounts == {}
