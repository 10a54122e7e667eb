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
        world.company, data=data, tutor=world.users["tutor"], learner=world.users["learner"]
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
