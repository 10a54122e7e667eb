"""Items 4 and 10 of the review: nobody takes over another account of the company (a new
one-time link only for an account that never chose its password; deactivation and
reactivation recorded), API tokens with a lifetime, seen and revoked by their owner, ended
by a password change, stored as a hash only."""

import datetime as dt
import hashlib

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from parcours.accounts.actions import create_api_token, create_member
from parcours.accounts.models import AccountEvent, ApiToken, User
from tests import factories

pytestmark = pytest.mark.django_db


def _row(user):
    user = User.objects.get(pk=user.pk)
    return user.password, user.is_active, user.last_login


def _api_status(client, raw):
    return client.get("/api/dossiers", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code


# --- 4. the team page -------------------------------------------------------------------


@pytest.mark.parametrize("victim", ["learner", "tutor", "company_admin_2"])
def test_an_admin_cannot_renew_the_link_of_an_account_with_a_password(client, world, victim):
    admin = world.users["company_admin"]
    if victim == "company_admin_2":
        target = factories.user("company_admin", world.company, email="b@example.org")
    else:
        target = world.users[victim]
    before = _row(target)
    client.force_login(admin)
    response = client.post("/equipe/", {"renew": target.pk}, follow=True)
    assert response.status_code == 200
    assert "a déjà choisi son mot de passe" in response.content.decode()
    assert "/mot-de-passe/" not in response.content.decode()
    assert mail.outbox == []
    assert _row(target) == before
    assert not AccountEvent.objects.filter(account=target).exists()


def test_a_new_link_for_an_account_that_never_chose_a_password_is_recorded(client, world):
    admin = world.users["company_admin"]
    member = create_member(
        world.company, username="ana.lima", first_name="Ana", last_name="Lima", email="",
        role="tutor", actor=admin,
    )  # fmt: skip
    client.force_login(admin)
    response = client.post("/equipe/", {"renew": member.pk}, follow=True)
    assert "/mot-de-passe/" in response.content.decode()
    kinds = list(AccountEvent.objects.filter(account=member).values_list("kind", flat=True))
    assert kinds == ["link", "created"]
    assert "nouveau lien pour choisir le mot de passe" in response.content.decode()


def test_a_link_made_before_the_password_was_chosen_no_longer_works(client, world):
    member = create_member(
        world.company, username="ana.lima", first_name="Ana", last_name="Lima", email="",
        role="learner",
    )  # fmt: skip
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    token = default_token_generator.make_token(member)
    member.set_password("un-mot-de-passe-choisi-42")
    member.save()
    response = client.get(f"/mot-de-passe/{uid}/{token}/", follow=True)
    assert "new_password1" not in response.content.decode()


def test_an_admin_cannot_renew_the_link_of_another_company(client, world):
    other = factories.user("tutor", world.other_company, password="!")
    User.objects.filter(pk=other.pk).update(password="!unusable")
    client.force_login(world.users["company_admin"])
    assert client.post("/equipe/", {"renew": other.pk}).status_code == 403
    assert not AccountEvent.objects.exists()


def test_an_admin_deactivates_and_reactivates_an_account_with_its_history(client, world):
    admin, learner = world.users["company_admin"], world.users["learner"]
    raw = factories.token_for(learner)
    client.force_login(admin)
    response = client.post("/equipe/", {"deactivate": learner.pk}, follow=True)
    assert "désactivé" in response.content.decode()
    assert not User.objects.get(pk=learner.pk).is_active
    assert not ApiToken.objects.filter(owner=learner).exists()
    assert _api_status(client, raw) == 401
    client.logout()
    assert not client.login(username=learner.username, password=factories.PASSWORD)
    client.force_login(admin)
    response = client.post("/equipe/", {"reactivate": learner.pk}, follow=True)
    assert User.objects.get(pk=learner.pk).is_active
    events = AccountEvent.objects.filter(account=learner)
    assert [(e.kind, e.actor_id) for e in events] == [
        ("reactivated", admin.pk),
        ("deactivated", admin.pk),
    ]
    text = response.content.decode()
    assert "compte réactivé" in text and "compte désactivé" in text
    assert client.login(username=learner.username, password=factories.PASSWORD)


@pytest.mark.parametrize(
    ("actor", "target"),
    [
        ("company_admin_other", "learner"),
        ("tutor", "learner"),
        ("facilitator", "learner"),
        ("company_admin", "company_admin"),
    ],
)
def test_only_an_admin_of_the_company_deactivates_another_account(client, world, actor, target):
    victim = world.users[target]
    client.force_login(world.users[actor])
    before = _row(victim)
    assert client.post("/equipe/", {"deactivate": victim.pk}).status_code == 403
    assert _row(victim) == before
    assert not AccountEvent.objects.exists()


# --- 10. API tokens ---------------------------------------------------------------------


def test_a_token_is_stored_as_its_hash_only_and_expires(client, world, settings, time_machine):
    settings.API_TOKEN_DAYS = 30
    token, raw = create_api_token(world.users["tutor"], "paie")
    stored = ApiToken.objects.filter(pk=token.pk).values()[0]
    assert raw not in str(stored)
    assert stored["key_hash"] == hashlib.sha256(raw.encode()).hexdigest()
    lifetime = stored["expires"] - stored["created"]
    assert abs(lifetime - dt.timedelta(days=30)) < dt.timedelta(seconds=1)
    assert _api_status(client, raw) == 200
    time_machine.move_to(stored["expires"] - dt.timedelta(seconds=5))
    assert _api_status(client, raw) == 200
    time_machine.move_to(stored["expires"] + dt.timedelta(seconds=1))
    assert _api_status(client, raw) == 401
    refused = client.get("/api/dossiers", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    assert "expiré" in refused["detail"] and "Jetons d'API" in refused["detail"]


def test_a_password_change_ends_every_token(client, world):
    learner = world.users["learner"]
    raws = [factories.token_for(learner) for _ in range(2)]
    other = factories.token_for(world.users["tutor"])
    learner.set_password("un-nouveau-mot-de-passe-42")
    learner.save()
    assert [_api_status(client, raw) for raw in raws] == [401, 401]
    assert _api_status(client, other) == 200


def test_a_reset_by_forgotten_password_ends_the_tokens(client, world):
    learner = world.users["learner"]
    raw = factories.token_for(learner)
    uid = urlsafe_base64_encode(force_bytes(learner.pk))
    token = default_token_generator.make_token(learner)
    page = client.get(f"/mot-de-passe/{uid}/{token}/", follow=True)
    chosen = "Un-nouveau-mot-de-passe-42"
    response = client.post(
        page.redirect_chain[-1][0], {"new_password1": chosen, "new_password2": chosen}
    )
    assert response.status_code == 302
    assert _api_status(client, raw) == 401


def test_the_owner_sees_makes_and_revokes_their_tokens_without_staff(client, world):
    tutor, trainer = world.users["tutor"], world.users["trainer"]
    mine, _ = create_api_token(tutor, "tableur")
    theirs, their_raw = create_api_token(trainer, "secret du formateur")
    client.force_login(tutor)
    page = client.get("/jetons/").content.decode()
    assert "tableur" in page and "secret du formateur" not in page
    created = client.post("/jetons/", {"name": "logiciel de paie"})
    assert created.status_code == 200
    assert created["Cache-Control"] == "no-store"
    new = ApiToken.objects.get(owner=tutor, name="logiciel de paie")
    raw = created.context["new_key"]
    assert raw in created.content.decode()
    assert _api_status(client, raw) == 200
    assert client.get("/jetons/").content.decode().count(raw) == 0
    assert client.post(f"/jetons/{new.pk}/revoquer/").status_code == 302
    assert _api_status(client, raw) == 401
    # Another's token does not exist for them, and keeps working.
    assert client.post(f"/jetons/{theirs.pk}/revoquer/").status_code == 404
    assert _api_status(client, their_raw) == 200
    assert ApiToken.objects.filter(pk=mine.pk).exists()


def test_an_expired_token_is_shown_as_expired(client, world, time_machine):
    tutor = world.users["tutor"]
    create_api_token(tutor, "ancien")
    time_machine.move_to(timezone.now() + dt.timedelta(days=91))
    client.force_login(tutor)
    assert "expiré depuis le" in client.get("/jetons/").content.decode()


def test_a_token_without_lifetime_from_before_is_refused(client, world):
    token, raw = create_api_token(world.users["tutor"])
    ApiToken.objects.filter(pk=token.pk).update(expires=None)
    assert _api_status(client, raw) == 401
    assert timezone.now()
