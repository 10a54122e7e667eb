"""Invitations and « mot de passe oublié » by e-mail: French text and HTML, a link that
works once. The invitation goes to the new member's address when the account has one (the
« Équipe » page shows the link to the admin otherwise); a password, once chosen, is changed
only by its owner."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.urls import reverse

from parcours.accounts.models import User
from tests.web.pages import text

pytestmark = pytest.mark.django_db
NEW = {"first_name": "Ana", "last_name": "Lima", "username": "ana.lima", "role": "learner"}
LINK = re.compile(r"https?://testserver(/mot-de-passe/[^\s<\"]+/)")


def link_in(body: str) -> str:
    return LINK.search(body).group(1)


def choose_password(client, link: str, password: str):
    form = client.get(link, follow=True)
    target = form.redirect_chain[-1][0]  # Django swaps the token for a session marker
    return client.post(target, {"new_password1": password, "new_password2": password}, follow=True)


def test_an_account_with_an_address_gets_its_invitation_by_e_mail(client, world):
    admin = world.users["company_admin"]
    client.force_login(admin)
    response = client.post(reverse("web:team"), {**NEW, "email": "ana@exemple.fr"}, follow=True)
    assert "Un courriel lui a été envoyé à ana@exemple.fr" in text(response)
    assert "/mot-de-passe/" not in text(response)  # the link goes to her only
    [message] = mail.outbox
    assert message.to == ["ana@exemple.fr"]
    assert (
        message.subject
        == f"Votre compte parcours ({world.company.name}) : choisissez votre mot de passe"
    )
    assert "Bonjour Ana," in message.body
    assert f"{admin.get_full_name()} vous a ouvert un compte" in message.body
    assert "Votre identifiant : ana.lima" in message.body
    assert "valable 72 heures" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="fr">' in html and "Choisir mon mot de passe" in html
    link = link_in(message.body)
    assert link_in(html) == link
    client.logout()
    done = choose_password(client, link, "Salariee-2026!")
    assert "Mot de passe enregistré" in text(done)
    assert authenticate(username="ana.lima", password="Salariee-2026!").email == "ana@exemple.fr"
    assert "n'est plus valable" in text(client.get(link, follow=True))  # once only


def test_without_an_address_the_admin_still_gets_the_link(client, world):
    client.force_login(world.users["company_admin"])
    response = client.post(reverse("web:team"), {**NEW, "email": ""}, follow=True)
    assert "Transmettez-lui ce lien" in text(response)
    assert mail.outbox == []


def test_a_new_invitation_only_while_no_password_was_chosen(client, world):
    client.force_login(world.users["company_admin"])
    client.post(reverse("web:team"), {**NEW, "email": "ana@exemple.fr"})
    member = User.objects.get(username="ana.lima")
    again = client.post(reverse("web:team"), {"renew": member.pk}, follow=True)
    assert "Nouveau lien pour Ana Lima. Un courriel lui a été envoyé" in text(again)
    assert len(mail.outbox) == 2
    tutor = world.users["tutor"]  # has a password
    body = text(client.get(reverse("web:team")))
    assert f'name="renew" value="{tutor.pk}"' not in body
    refused = client.post(reverse("web:team"), {"renew": tutor.pk}, follow=True)
    assert "a déjà choisi son mot de passe" in text(refused)
    assert "Mot de passe oublié" in text(refused)
    assert len(mail.outbox) == 2
    assert authenticate(username=tutor.username, password="mot-de-passe-de-test") == tutor


def test_the_login_page_leads_to_mot_de_passe_oublie(client):
    body = text(client.get(reverse("web:login")))
    assert f'href="{reverse("web:password_reset")}"' in body
    assert "Mot de passe oublié ?" in body


def test_a_forgotten_password_is_reset_by_its_owner_through_a_link_that_works_once(client, world):
    tutor = world.users["tutor"]
    tutor.email = "tuteur@exemple.fr"
    tutor.save(update_fields=["email"])
    page = client.get(reverse("web:password_reset"))
    assert "Adresse e-mail de votre compte" in text(page)
    sent = client.post(reverse("web:password_reset"), {"email": "tuteur@exemple.fr"}, follow=True)
    assert "Regardez votre messagerie" in text(sent)
    [message] = mail.outbox
    assert message.to == ["tuteur@exemple.fr"]
    assert message.subject == "parcours : choisir un nouveau mot de passe"
    assert f"identifiant : {tutor.username}" in message.body
    assert "votre mot de passe actuel reste valable" in message.body
    assert "Choisir mon nouveau mot de passe" in message.alternatives[0][0]
    link = link_in(message.body)
    done = choose_password(client, link, "Tuteur-Nouveau-2026!")
    assert "Mot de passe enregistré" in text(done)
    assert authenticate(username=tutor.username, password="Tuteur-Nouveau-2026!") == tutor
    assert "n'est plus valable" in text(client.get(link, follow=True))


def test_an_unknown_address_or_an_account_without_password_gets_nothing_but_says_the_same(
    client, world
):
    client.force_login(world.users["company_admin"])
    client.post(reverse("web:team"), {**NEW, "email": "ana@exemple.fr"})  # no password yet
    client.logout()
    mail.outbox.clear()
    for address in ("personne@exemple.fr", "ana@exemple.fr"):
        sent = client.post(reverse("web:password_reset"), {"email": address}, follow=True)
        assert "Si un compte avec un mot de passe correspond à cette adresse" in text(sent)
    assert mail.outbox == []


def test_a_malformed_address_is_named_in_french(client):
    response = client.post(reverse("web:password_reset"), {"email": "pas-une-adresse"})
    assert response.status_code == 200
    assert "Saisissez une adresse de courriel valide" in text(response)
