"""POS-01 speaks to the person reading it: the learner and the tutor read what is theirs."""

import pytest
from django.urls import reverse

from tests import factories
from tests.web.pages import text

pytestmark = pytest.mark.django_db


def _unpositioned(world):
    data = factories.example()
    entries = data["positioning"]["entries"]
    entries[0]["self_level"] = None
    entries[1]["assessed_level"] = None
    return factories.dossier(
        world.company,
        data=data,
        tutor=world.users["tutor"],
        learner=world.users["learner"],
        trainers=(world.users["trainer"],),
    )


def _page(login, user, row):
    return text(login(user).get(reverse("web:step", args=[row.pk, "positionnement"])))


def test_the_learner_reads_her_own_part_in_the_second_person(world, login):
    row = _unpositioned(world)
    body = _page(login, world.users["learner"], row)
    assert "Votre auto-évaluation manque pour la compétence n° 1 «" in body
    assert "L'évaluation de votre tuteur manque pour la compétence n° 2" in body
    assert "Demandez au salarié" not in body and "Faites évaluer" not in body


def test_the_tutor_reads_his_own_part(world, login):
    row = _unpositioned(world)
    body = _page(login, world.users["tutor"], row)
    assert "Votre évaluation manque pour la compétence n° 2 «" in body
    assert "C'est au salarié de la faire" in body
    assert "Faites évaluer cette compétence par le tuteur" not in body


def test_the_company_still_reads_the_instructions_to_give(world, login):
    row = _unpositioned(world)
    body = _page(login, world.users["company_admin"], row)
    assert "Demandez au salarié de s'auto-évaluer" in body
    assert "Votre auto-évaluation" not in body


def _overview(login, user, row):
    return text(login(user).get(reverse("web:overview", args=[row.pk])))


def test_the_learner_s_overview_says_what_she_has_to_do_not_the_compliance_tables(world, login):
    row = _unpositioned(world)
    body = _overview(login, world.users["learner"], row)
    assert "Votre auto-évaluation manque pour la compétence n° 1" in body
    assert "Remplir le positionnement" in body
    assert "Anomalies bloquantes" not in body and "Soumission à l'OPCO</a>" not in body
    assert "Heures d'enseignement" not in body
    # Her tutor's part is not hers to do.
    assert "L'évaluation de votre tuteur manque" not in body


@pytest.mark.parametrize("role", ["tutor", "trainer"])
def test_the_tutor_and_the_trainer_see_no_compliance_table(world, login, role):
    row = _unpositioned(world)
    body = _overview(login, world.users[role], row)
    assert "À faire" in body
    assert "Anomalies bloquantes" not in body and "Heures d'enseignement" not in body


def test_the_company_still_sees_the_figures_and_the_steps(world, login):
    body = _overview(login, world.users["company_admin"], world.dossier)
    assert "Anomalies bloquantes" in body and "Heures d'enseignement" in body


@pytest.mark.parametrize("role", ["learner", "tutor", "trainer"])
def test_the_parcours_page_shows_participants_no_volume_gauges(world, login, role):
    row = _unpositioned(world)
    url = reverse("web:step", args=[row.pk, "parcours"])
    assert "Chiffres du parcours" not in text(login(world.users[role]).get(url))
    assert "Chiffres du parcours" in text(login(world.users["company_admin"]).get(url))
