"""« Retours d'expérience »: what each party reads and may fill, French errors next to their
field, the link in the step menu, the to-do list and `parcours remind` (once per person,
never once answered), and the OPCO dashboard's figure (one query, counts by party)."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from parcours.dossiers import convert
from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from parcours.lessons import actions
from parcours.lessons.dashboard import lessons as lessons_table
from parcours.reminders.remind import remind

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended(world):
    world.dossier.status = Status.COMPLETED
    world.dossier.save(update_fields=["status"])
    for key, person in world.users.items():
        person.email = f"{key}@exemple.fr"
        person.save(update_fields=["email"])
    return world


def _url(w, name="web:lessons"):
    return reverse(name, args=[w.dossier.pk])


def _html(response) -> str:
    return unescape(response.content.decode())


@pytest.mark.parametrize("role", ["company_admin", "tutor", "learner", "facilitator"])
def test_each_party_reads_the_page_and_gets_its_own_form(ended, login, role):
    html = _html(login(ended.users[role]).get(_url(ended)))
    assert "<h1>Retours d'expérience</h1>" in html
    assert "Étape 6 sur 6" in html  # the guide's step 6, beside the closing
    assert "Votre avis (" in html and "Referiez-vous un tel parcours ?" in html
    assert ("Enregistrer le débriefing" in html) == (role in ("company_admin", "facilitator"))
    assert "Retours d'expérience</span></a>" in html  # the step menu's link


@pytest.mark.parametrize("role", ["trainer", "opco_staff"])
def test_the_trainer_and_the_opco_read_only(ended, login, role):
    html = _html(login(ended.users[role]).get(_url(ended)))
    assert "Les avis" in html and "Pas encore d'avis." in html
    assert "Votre avis" not in html and 'name="held_on"' not in html


def test_before_the_end_the_page_says_when(world, login):
    html = _html(login(world.users["tutor"]).get(_url(world)))
    assert "une fois le parcours terminé" in html and "Votre avis" not in html
    assert "Retours d'expérience</span></a>" not in html  # not in the menu yet


def test_the_tutor_answers_and_everyone_sees_it(ended, login):
    client = login(ended.users["tutor"])
    body = {"version": ended.dossier.version, "again": "peut_etre",
            "worked": "Les bilans réguliers.", "to_change": "Plus d'AFEST."}  # fmt: skip
    response = client.post(_url(ended, "web:lessons_answer"), body)
    assert response.status_code == 302
    html = _html(login(ended.users["learner"]).get(_url(ended)))
    assert "Referait un tel parcours : <strong>Peut-être</strong>" in html
    assert "Les bilans réguliers." in html and "Plus d'AFEST." in html


def test_an_answer_without_again_is_refused_next_to_the_field(ended, login):
    client = login(ended.users["learner"])
    response = client.post(_url(ended, "web:lessons_answer"), {"version": ended.dossier.version})
    assert response.status_code == 400
    html = _html(response)
    assert "Dites si vous referiez un tel parcours : oui, non ou peut-être." in html
    assert 'id="id_again-erreurs"' in html


def test_the_debrief_is_recorded_and_shown(ended, login):
    client = login(ended.users["facilitator"])
    body = {"version": ended.dossier.version, "held_on": "2026-11-20",
            "participants": "Anne Martin\nSophie Bernard\n", "opco_invited": "on",
            "conclusions": "À renouveler."}  # fmt: skip
    assert client.post(_url(ended, "web:lessons_debrief"), body).status_code == 302
    html = _html(login(ended.users["opco_staff"]).get(_url(ended)))
    assert "Anne Martin, Sophie Bernard" in html and "À renouveler." in html
    assert "<dt>OPCO invité</dt><dd>Oui</dd>" in html


def test_a_debrief_in_the_future_is_refused(ended, login):
    client = login(ended.users["company_admin"])
    body = {"version": ended.dossier.version, "held_on": "2027-01-01", "participants": "A"}
    response = client.post(_url(ended, "web:lessons_debrief"), body)
    assert response.status_code == 400
    assert "Le débriefing ne peut pas être daté dans le futur." in _html(response)


def test_the_todo_and_remind_ask_each_party_once_never_once_answered(ended, login, at):
    end = convert.to_domain(ended.dossier).contract.action_end
    day = end + dt.timedelta(days=2)
    remind(day)
    for key in ("tutor", "learner", "company_admin", "facilitator"):
        assert "Donner votre avis sur le parcours" in "".join(
            m.body for m in mail.outbox if m.to == [f"{key}@exemple.fr"]), key  # fmt: skip
    for key in ("trainer", "opco_staff"):
        assert "Donner votre avis" not in "".join(
            m.body for m in mail.outbox if m.to == [f"{key}@exemple.fr"])  # fmt: skip
    company = "".join(m.body for m in mail.outbox if m.to == ["company_admin@exemple.fr"])
    assert "Tenir le débriefing final du parcours" in company
    assert f"/dossiers/{ended.dossier.pk}/retours/" in company
    mail.outbox.clear()
    remind(day)  # twice: nothing new
    remind(day + dt.timedelta(days=1))
    assert "Donner votre avis" not in "".join(m.body for m in mail.outbox)

    at(day)
    client = login(ended.users["tutor"])
    home = _html(client.get(reverse("web:dashboard")))
    assert "Donner votre avis sur le parcours" in home
    actions.answer(ended.dossier, ended.users["tutor"], ended.dossier.version, again="oui")
    home = _html(client.get(reverse("web:dashboard")))
    assert "Donner votre avis sur le parcours" not in home


def test_the_dashboard_counts_again_by_party_in_one_query(ended, django_assert_num_queries):
    for role, again in (("tutor", "oui"), ("learner", "non"), ("company_admin", "oui")):
        actions.answer(ended.dossier, ended.users[role], ended.dossier.version, again=again)
    with django_assert_num_queries(1):
        table = lessons_table(Dossier.objects.all(), dt.date(2026, 11, 22), False)
    values = {line.label: line.values for line in table.lines}
    assert values == {"L'entreprise": (1, 0, 0), "Le tuteur": (1, 0, 0),
                      "Le salarié": (0, 1, 0), "Le tiers facilitateur": (0, 0, 0)}  # fmt: skip
    assert table.columns == ("Partie", "Oui", "Non", "Peut-être")
    assert "le salarié : 0 oui, 1 non, 0 peut-être" in table.alt
    none = lessons_table(Dossier.objects.exclude(pk=ended.dossier.pk), dt.date(2026, 11, 22),
                         False)  # fmt: skip
    assert all(sum(line.values) == 0 for line in none.lines)
