"""« Équipe »: a company admin opens accounts for the company's people; each chooses a
password through a one-time link, then logs in and sees only what they are named on."""

import re

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse

from parcours.accounts.models import User
from tests.web.pages import text

pytestmark = pytest.mark.django_db
NEW = {"first_name": "Ana", "last_name": "Lima", "email": "", "username": "ana.lima"}


def create(client, world, **fields):
    client.force_login(world.users["company_admin"])
    return client.post(reverse("web:team"), {**NEW, "role": "tutor", **fields}, follow=True)


def link_in(response) -> str:
    return re.search(r"https?://testserver(/mot-de-passe/[^ <]+/)", text(response)).group(1)


def test_a_new_member_chooses_a_password_through_the_link_then_logs_in(client, world):
    response = create(client, world)
    member = User.objects.get(username="ana.lima")
    assert (member.role, member.organisation) == ("tutor", world.company)
    assert not member.has_usable_password()
    assert "Compte créé pour Ana Lima" in text(response)
    link = link_in(response)
    client.logout()
    form = client.get(link, follow=True)
    assert "Choisir un mot de passe" in text(form)
    target = form.redirect_chain[-1][0]  # Django swaps the token for a session marker
    done = client.post(
        target, {"new_password1": "Tuteur-2026!", "new_password2": "Tuteur-2026!"}, follow=True
    )
    assert "Mot de passe enregistré" in text(done)
    assert authenticate(username="ana.lima", password="Tuteur-2026!") == member
    assert "n'est plus valable" in text(client.get(link, follow=True))  # one use only


def test_a_weak_password_is_refused_in_french(client, world):
    link = link_in(create(client, world))
    client.logout()
    target = client.get(link, follow=True).redirect_chain[-1][0]
    refused = client.post(target, {"new_password1": "12345678", "new_password2": "12345678"})
    assert refused.status_code == 200
    assert "Ce mot de passe est entièrement numérique" in text(refused)


def test_an_identifier_already_taken_is_named(client, world):
    taken = world.users["tutor"].username
    response = create(client, world, username=taken)
    assert response.status_code == 400
    assert "Un utilisateur avec ce nom existe déjà" in text(response)
    assert User.objects.filter(username=taken).count() == 1


def test_the_admin_sees_only_their_company_and_may_renew_a_link(client, world):
    create(client, world)
    body = text(client.get(reverse("web:team")))
    assert 'href="/equipe/" aria-current="page">Équipe' in body
    assert world.users["tutor"].get_full_name() in body
    assert world.users["company_admin_other"].username not in body
    member = User.objects.get(username="ana.lima")
    renewed = client.post(reverse("web:team"), {"renew": member.pk}, follow=True)
    assert "Nouveau lien pour Ana Lima" in text(renewed)
    foreign = world.users["company_admin_other"].pk
    assert client.post(reverse("web:team"), {"renew": foreign}).status_code == 403


@pytest.mark.parametrize("role", ["facilitator", "tutor", "trainer", "learner", "opco_staff"])
def test_only_a_company_admin_manages_the_team(client, world, role):
    client.force_login(world.users[role])
    assert client.get(reverse("web:team")).status_code == 403
    assert "Équipe" not in text(client.get(reverse("web:login"), follow=True))


def test_no_other_role_than_the_company_ones(client, world):
    response = create(client, world, role="opco_staff")
    assert response.status_code == 400
    assert not User.objects.filter(username="ana.lima").exists()


def test_a_link_for_an_unknown_account_says_so(client):
    response = client.get(reverse("web:set_password", args=["MQ", "faux"]), follow=True)
    assert "n'est plus valable" in text(response)


def test_the_action_itself_refuses_a_role_outside_the_company(world):
    from django.core.exceptions import ValidationError

    from parcours.accounts.actions import create_member

    with pytest.raises(ValidationError) as raised:
        create_member(world.company, **NEW, role="opco_staff")
    assert "Tuteur" in raised.value.message_dict["role"][0]
    assert not User.objects.filter(username="ana.lima").exists()
