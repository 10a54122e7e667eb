"""« Comptes et accès »: the company side names the tutor, learner and trainer accounts of
the contract (page and API); those accounts then see the dossier, the others no longer."""

import pytest
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.dossiers import perms
from parcours.dossiers.models import DossierEvent
from tests import factories
from tests.web.pages import text

pytestmark = pytest.mark.django_db


def page(client, world, user="company_admin"):
    client.force_login(world.users[user])
    return client.get(reverse("web:people", args=[world.dossier.pk]))


def post(client, world, **data):
    client.force_login(world.users["company_admin"])
    data.setdefault("version", world.dossier.version)
    return client.post(reverse("web:people", args=[world.dossier.pk]), data)


def test_a_trainer_named_on_the_page_sees_the_dossier(client, world):
    newcomer = factories.user(Role.TRAINER, world.company, first_name="Zoé", last_name="Roux")
    assert not perms.can_view(newcomer, world.dossier)
    body = text(page(client, world))
    assert "Zoé Roux" in body and "Comptes des formateurs internes" in body
    response = post(
        client,
        world,
        tutor_account=world.users["tutor"].pk,
        learner_account=world.users["learner"].pk,
        trainer_accounts=[world.users["trainer"].pk, newcomer.pk],
    )
    assert response.status_code == 302
    world.dossier.refresh_from_db()
    assert perms.can_view(newcomer, world.dossier)
    event = DossierEvent.objects.filter(dossier=world.dossier, section="people").get()
    assert event.section_label == "Comptes et accès"
    assert "Roux" in str(event.changes)


def test_an_account_taken_off_no_longer_sees_it(client, world):
    response = post(client, world, learner_account=world.users["learner"].pk)
    assert response.status_code == 302
    world.dossier.refresh_from_db()
    assert not perms.can_view(world.users["tutor"], world.dossier)
    assert not perms.can_view(world.users["trainer"], world.dossier)
    assert perms.can_view(world.users["learner"], world.dossier)


def test_only_accounts_of_the_company_with_that_role_are_offered(client, world):
    stranger = factories.user(Role.TUTOR, world.other_company)
    response = post(client, world, tutor_account=stranger.pk)
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in text(response)
    world.dossier.refresh_from_db()
    assert world.dossier.tutor == world.users["tutor"]


def test_a_stale_version_keeps_the_first_choice(client, world):
    version = world.dossier.version
    assert post(client, world, version=version).status_code == 302
    late = post(client, world, version=version, tutor_account=world.users["tutor"].pk)
    assert late.status_code == 409
    world.dossier.refresh_from_db()
    assert world.dossier.tutor is None


def test_the_tutor_reads_the_named_accounts_only_and_cannot_change_them(client, world):
    colleague = factories.user(Role.LEARNER, world.company, first_name="Éva", last_name="Autre")
    body = text(page(client, world, "tutor"))
    assert "Enregistrer les comptes" not in body
    assert str(world.users["learner"]) in body and str(world.users["trainer"]) in body
    assert str(colleague) not in body  # the company's other people stay private
    client.force_login(world.users["tutor"])
    url = reverse("web:people", args=[world.dossier.pk])
    assert client.post(url, {"version": world.dossier.version}).status_code == 403
