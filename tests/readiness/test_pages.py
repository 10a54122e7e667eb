"""« Êtes-vous prêt ? » as a visitor: the public page, its verdict, its errors beside the
questions, CSRF, the throttle, and the consent: nothing is kept (no session row, no cookie)
unless the box is ticked; then the company admin's new dossier starts from the answers."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from parcours.domain import readiness as r
from parcours.dossiers.models import Dossier
from parcours.web.views import readiness as view
from tests import factories
from tests.web.pages import text
from tests.web.test_guide_order import CONTRACT

pytestmark = pytest.mark.django_db

PAGE, START, FORGET = (
    reverse("web:readiness"),
    reverse("web:readiness_start"),
    reverse("web:readiness_forget"),
)


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def answers(**changes) -> dict:
    return {q.id: "oui" for q in r.QUESTIONS} | {"job_title": "Gestionnaire de paie"} | changes


def test_the_page_needs_no_login_and_asks_every_question_unanswered(client):
    response = client.get(PAGE)
    assert response.status_code == 200
    page = text(response)
    for section in r.SECTIONS:
        assert f"<legend>{section.title}</legend>" in page
    for question in r.QUESTIONS:
        assert question.text in page
        for answer in r.Answer:
            assert f'name="{question.id}" value="{answer.value}"' in page
    assert " checked" not in page  # nothing answered for the visitor
    assert "Je ne sais pas" in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_the_login_page_leads_to_the_test(client):
    page = text(client.get(reverse("web:login")))
    assert f'href="{PAGE}"' in page and "Faites le test" in page


def test_all_yes_is_ready(client):
    response = client.post(PAGE, answers())
    assert response.status_code == 200
    page = text(response)
    assert "Votre résultat : Prêt" in page
    assert "Ce qu'il reste à faire" not in page


def test_missing_conditions_give_the_verdict_and_the_guides_actions(client):
    page = text(client.post(PAGE, answers(tutor_volunteer="non", time_share="ne-sait-pas")))
    assert "Votre résultat : Pas encore" in page
    assert "À préparer : Trouver un tuteur volontaire" in page
    assert "(indispensable)" in page
    assert "À vérifier : 15 % à 25 % du temps en formation" in page
    assert "À lire : guide, action 5 « Accompagner formateurs et tuteurs », ① et ②" in page
    # The answers stay checked below, to be changed.
    assert 'value="non" id="id_tutor_volunteer_1" required checked>' in page
    assert 'value="oui" id="id_tutor_volunteer_0" required checked>' not in page


def test_almost_ready(client):
    page = text(client.post(PAGE, answers(job_identified="non")))
    assert "Votre résultat : Presque prêt" in page
    assert "Décrire le métier et ses compétences" in page
    assert "guide, action 1" in page


def test_unanswered_questions_are_named_and_linked_to_their_fields(client):
    data = answers()
    del data["hours_150"], data["opco_member"]
    response = client.post(PAGE, data)
    assert response.status_code == 400
    page = text(response)
    assert "2 réponses manquent ou sont à corriger" in page
    assert 'href="#id_hours_150_0"' in page and 'href="#id_opco_member_0"' in page
    assert 'aria-describedby="id_hours_150-erreurs' in page
    assert 'id="id_hours_150-erreurs"' in page
    assert "Choisissez une réponse : oui, non ou je ne sais pas." in page
    assert "Votre résultat" not in page


def test_a_too_long_job_title_is_refused_by_name(client):
    page = text(client.post(PAGE, answers(job_title="x" * 201)))
    assert "L'intitulé du poste tient en 200 caractères au plus" in page


def test_nothing_is_kept_by_the_test_itself(client):
    client.post(PAGE, answers(candidate_benefits="oui"))
    assert Session.objects.count() == 0
    assert "sessionid" not in client.cookies


def test_start_without_consent_keeps_nothing_and_says_why(client):
    response = client.post(START, answers())
    assert response.status_code == 400
    page = text(response)
    assert "Cochez cette case pour que vos réponses soient gardées" in page
    assert 'aria-describedby="id_consent-erreurs"' in page
    assert Session.objects.count() == 0
    assert "sessionid" not in client.cookies


def test_the_consent_box_is_unticked_by_default(client):
    page = text(client.post(PAGE, answers()))
    assert '<input type="checkbox" name="consent" id="id_consent">' in page
    assert "Commencer un dossier avec ces réponses" in page
    assert "au plus tard dans 14 jours" in page  # Django's SESSION_COOKIE_AGE, two weeks


def test_with_consent_the_company_answers_are_kept_never_the_candidates(client):
    response = client.post(START, answers(candidate_benefits="oui") | {"consent": "on"})
    assert response.status_code == 302 and response.url == reverse("web:create")
    kept = client.session[view.SESSION_KEY]
    assert kept["job_title"] == "Gestionnaire de paie"
    assert not any(k.startswith("candidate") for k in kept["answers"])
    assert Session.objects.count() == 1


def test_the_company_admin_logs_in_and_the_new_dossier_starts_from_the_answers(world):
    client = Client()
    client.post(START, answers(tutor_time="non") | {"consent": "on"})
    admin = world.users["company_admin"]
    response = client.post(
        reverse("web:login") + "?next=/dossiers/nouveau/",
        {"username": admin.username, "password": factories.PASSWORD,
         "next": "/dossiers/nouveau/"},
    )  # fmt: skip
    assert response.status_code == 302 and response.url == "/dossiers/nouveau/"
    page = text(client.get(reverse("web:create")))
    assert 'value="Gestionnaire de paie"' in page  # the contract's job title
    assert "Vos réponses au test « Êtes-vous prêt ? »" in page
    assert "vous avez confirmé : il est volontaire ;" in page
    assert "Du temps pour le tuteur (guide, action 5 ③ et ④)" in page
    before = Dossier.objects.count()
    data = {"company": world.company.pk, **CONTRACT, "contract-job_title": "Gestionnaire de paie"}
    assert client.post(reverse("web:create"), data).status_code == 302
    assert Dossier.objects.count() == before + 1
    # Served: forgotten at once.
    assert view.SESSION_KEY not in client.session
    assert "Vos réponses au test" not in text(client.get(reverse("web:create")))


def test_the_answers_can_be_forgotten(world, login):
    client = login(world.users["company_admin"])
    client.post(START, answers() | {"consent": "on"})
    assert view.SESSION_KEY in client.session
    response = client.post(FORGET)
    assert response.status_code == 302 and response.url == reverse("web:create")
    assert view.SESSION_KEY not in client.session
    assert 'value="Gestionnaire de paie"' not in text(client.get(reverse("web:create")))


def test_a_party_who_cannot_create_a_dossier_is_not_offered_to_start_one(world, login):
    page = text(login(world.users["learner"]).post(PAGE, answers()))
    assert "Votre résultat : Prêt" in page
    assert "Commencer un dossier avec ces réponses" not in page
    page = text(login(world.users["company_admin"]).post(PAGE, answers()))
    assert "Commencer un dossier avec ces réponses" in page


def test_posts_need_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    assert client.post(PAGE, answers()).status_code == 403
    assert client.post(START, answers() | {"consent": "on"}).status_code == 403
    assert Session.objects.count() == 0


def test_too_many_answers_from_one_address_are_refused_for_a_while(client, monkeypatch):
    monkeypatch.setattr(view, "POST_LIMIT", 3)
    statuses = [client.post(PAGE, answers()).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "Trop de réponses envoyées depuis cette adresse" in text(client.post(START, answers()))
    other = client.post(PAGE, answers(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_a_visitor_forgets_the_answers_and_is_back_on_the_test(client):
    client.post(START, answers() | {"consent": "on"})
    response = client.post(FORGET)
    assert response.status_code == 302 and response.url == PAGE
    assert view.SESSION_KEY not in client.session


def test_logging_out_forgets_the_answers(world):
    client = Client()
    client.post(START, answers() | {"consent": "on"})
    client.force_login(world.users["company_admin"])
    assert view.SESSION_KEY in client.session
    client.post(reverse("web:logout"))
    assert view.SESSION_KEY not in client.session
