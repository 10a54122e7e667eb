"""The calendar downloads, « Mes calendriers » and the private subscription addresses."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from parcours.calendars import actions, perms
from parcours.calendars.models import CalendarFeed
from parcours.dossiers.models import Dossier
from tests import factories
from tests.calendars.conftest import SESSIONS, WINTER, events_by_uid, parse, put_sessions
from tests.web.pages import text

pytestmark = pytest.mark.django_db

MY_ICS = reverse("web:my_ics")
PAGE = reverse("web:calendars")


def uids(body: bytes, kind: str = "seance") -> set[str]:
    return {uid for uid in events_by_uid(body) if f"-{kind}-" in uid}


def session_uids(row, *ids) -> set[str]:
    return {f"dossier-{row.pk}-seance-{i}@parcours" for i in ids}


def feed_url(raw: str) -> str:
    return reverse("web:calendar_feed", args=[raw])


# --- one dossier's calendar -------------------------------------------------------------


@pytest.mark.parametrize("role", ["company_admin", "facilitator", "tutor", "trainer", "learner",
                                  "opco_staff"])  # fmt: skip
def test_every_party_downloads_the_dossiers_sessions(running_world, login, role):
    row = running_world.dossier
    response = login(running_world.users[role]).get(reverse("web:dossier_ics", args=[row.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="seances-dossier-{row.pk}.ics"' in response["Content-Disposition"]
    assert uids(response.content) == session_uids(row, "S1", "S2", "S3", "S4")
    assert len(uids(response.content, "bilan")) == 3


@pytest.mark.parametrize("role", ["company_admin_other", "facilitator_other"])
def test_outsiders_get_404_for_a_dossiers_calendar(running_world, login, role):
    url = reverse("web:dossier_ics", args=[running_world.dossier.pk])
    assert login(running_world.users[role]).get(url).status_code == 404


def test_times_in_a_downloaded_file_are_paris_time(running_world, login):
    row = running_world.dossier
    body = login(running_world.users["learner"]).get(MY_ICS).content
    winter = events_by_uid(body)[f"dossier-{row.pk}-seance-S1@parcours"]
    assert winter["dtstart"].dt.astimezone(dt.UTC) == dt.datetime(2027, 1, 18, 8, tzinfo=dt.UTC)
    assert b"DTSTART;TZID=Europe/Paris:20270118T090000" in body


# --- « mes séances » ------------------------------------------------------------------------


def test_learner_gets_the_sessions_of_her_running_contracts_only(running_world, login):
    learner = running_world.users["learner"]
    draft = factories.dossier(running_world.company, learner=learner)
    put_sessions(draft, [{**WINTER, "id": "D1"}])
    body = login(learner).get(MY_ICS).content
    assert uids(body) == session_uids(running_world.dossier, "S1", "S2", "S3", "S4")
    assert len(uids(body, "bilan")) == 3
    assert "Mes séances de formation" in str(parse(body)["x-wr-calname"])


def test_a_trainer_sees_only_the_sessions_they_run(running_world, login):
    row, trainer = running_world.dossier, running_world.users["trainer"]
    Dossier.objects.filter(pk=row.pk).update(trainer_accounts={"F2": trainer.pk})
    body = login(trainer).get(MY_ICS).content
    assert uids(body) == session_uids(row, "S4")
    assert not uids(body, "bilan")
    summary = str(events_by_uid(body)[f"dossier-{row.pk}-seance-S4@parcours"]["summary"])
    assert summary == "Formation : Processus internes du cabinet (Nadia Exemple)"


def test_an_unmapped_trainer_sees_every_session_run_inside_the_company(running_world, login):
    row = running_world.dossier
    Dossier.objects.filter(pk=row.pk).update(trainer_accounts={})
    body = login(running_world.users["trainer"]).get(MY_ICS).content
    # S3 is at the external provider's.
    assert uids(body) == session_uids(row, "S1", "S2", "S4")


def test_an_unmapped_trainer_does_not_get_the_mapped_trainers_sessions(running_world, login):
    row = running_world.dossier
    someone_else = factories.user("trainer", running_world.company)
    Dossier.objects.filter(pk=row.pk).update(trainer_accounts={"F1": someone_else.pk})
    body = login(running_world.users["trainer"]).get(MY_ICS).content
    assert uids(body) == session_uids(row, "S4")


def test_a_trainer_mapped_on_another_dossier_only_is_not_filtered_there(running_world, login):
    trainer = running_world.users["trainer"]
    Dossier.objects.filter(pk=running_world.dossier.pk).update(trainer_accounts={})
    other = factories.dossier(running_world.company, status="running", trainers=(trainer,))
    put_sessions(other)
    Dossier.objects.filter(pk=other.pk).update(trainer_accounts={"F1": trainer.pk})
    body = login(trainer).get(MY_ICS).content
    assert uids(body) == session_uids(running_world.dossier, "S1", "S2", "S4") | session_uids(
        other, "S1", "S2"
    )


def test_the_tutor_gets_the_learners_sessions_named(running_world, login):
    body = login(running_world.users["tutor"]).get(MY_ICS).content
    assert len(uids(body)) == len(SESSIONS)
    assert all("(Nadia Exemple)" in str(e["summary"]) for e in parse(body).walk("VEVENT"))


@pytest.mark.parametrize("role", ["company_admin", "facilitator", "opco_staff"])
def test_roles_without_an_agenda_have_no_mes_seances(running_world, login, role):
    assert login(running_world.users[role]).get(MY_ICS).status_code == 403


# --- the page ---------------------------------------------------------------------------


def test_the_page_offers_the_subscription_to_the_learner(running_world, login):
    page = text(login(running_world.users["learner"]).get(PAGE))
    assert "Mes séances" in page
    assert "4 séances à venir, sur 1 contrat." in page
    assert "Créer une adresse d'abonnement" in page
    assert "Android (Google Agenda)" in page
    assert reverse("web:dossier_ics", args=[running_world.dossier.pk]) in page


def test_the_company_side_gets_each_dossiers_calendar_but_no_subscription(running_world, login):
    page = text(login(running_world.users["company_admin"]).get(PAGE))
    assert "Créer une adresse d'abonnement" not in page
    assert reverse("web:dossier_ics", args=[running_world.dossier.pk]) in page


def test_the_header_links_to_the_page(running_world, login):
    page = text(login(running_world.users["trainer"]).get(reverse("web:dashboard")))
    assert f'href="{PAGE}"' in page


# --- subscription addresses ---------------------------------------------------------------


def test_creating_an_address_shows_it_once_then_never_again(running_world, login, client):
    client = login(running_world.users["learner"])
    response = client.post(reverse("web:calendar_create"), {"label": "Téléphone"})
    assert response.status_code == 302
    feed = CalendarFeed.objects.get(owner=running_world.users["learner"])
    first = client.get(PAGE).content.decode()
    start = first.index("http://testserver/calendrier/pcal_")
    url = first[start : first.index('"', start)]
    raw = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert feed.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert "webcal://testserver/calendrier/" in first
    assert "<svg" in first  # the QR code to scan with the phone
    assert raw not in client.get(PAGE).content.decode()
    assert "Téléphone" in client.get(PAGE).content.decode()  # still listed, by its name


def test_the_address_serves_mes_seances_without_logging_in(running_world, client):
    learner = running_world.users["learner"]
    feed, raw = actions.create_feed(learner, "Téléphone")
    response = client.get(feed_url(raw))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    client.force_login(learner)
    mine = client.get(MY_ICS).content
    assert events_by_uid(response.content).keys() == events_by_uid(mine).keys()
    feed.refresh_from_db()
    assert feed.last_used is not None


def test_a_revoked_address_is_404(running_world, login, client):
    learner = running_world.users["learner"]
    feed, raw = actions.create_feed(learner)
    response = login(learner).post(reverse("web:calendar_revoke", args=[feed.pk]))
    assert response.status_code == 302
    client.logout()
    assert client.get(feed_url(raw)).status_code == 404
    feed.refresh_from_db()
    assert feed.revoked_at is not None


@pytest.mark.parametrize("raw", ["pcal_inconnu", "inconnu", "pcal_" + "x" * 200])
def test_an_unknown_address_is_404(running_world, client, raw):
    assert client.get(feed_url(raw)).status_code == 404


def test_an_inactive_owners_address_is_404(running_world, client):
    learner = running_world.users["learner"]
    _, raw = actions.create_feed(learner)
    learner.is_active = False
    learner.save()
    assert client.get(feed_url(raw)).status_code == 404


def test_another_users_address_cannot_be_revoked(running_world, login):
    feed, raw = actions.create_feed(running_world.users["learner"])
    url = reverse("web:calendar_revoke", args=[feed.pk])
    assert login(running_world.users["trainer"]).post(url).status_code == 404
    with pytest.raises(PermissionDenied):
        actions.revoke_feed(running_world.users["trainer"], feed)
    feed.refresh_from_db()
    assert feed.revoked_at is None
    assert login(running_world.users["trainer"]).get(PAGE).content.decode().count("Révoquer") == 0


def test_the_trainers_address_follows_the_trainers_filter(running_world, client):
    trainer = running_world.users["trainer"]
    Dossier.objects.filter(pk=running_world.dossier.pk).update(trainer_accounts={"F1": trainer.pk})
    _, raw = actions.create_feed(trainer)
    assert uids(client.get(feed_url(raw)).content) == session_uids(
        running_world.dossier, "S1", "S2"
    )


def test_the_address_stops_showing_a_contract_the_person_is_removed_from(running_world, client):
    _, raw = actions.create_feed(running_world.users["learner"])
    Dossier.objects.filter(pk=running_world.dossier.pk).update(learner=None)
    assert uids(client.get(feed_url(raw)).content) == set()


@pytest.mark.parametrize("role", ["company_admin", "facilitator", "opco_staff"])
def test_roles_without_an_agenda_cannot_create_an_address(running_world, role):
    with pytest.raises(PermissionDenied):
        actions.create_feed(running_world.users[role])
    assert not CalendarFeed.objects.exists()


def test_the_number_of_working_addresses_is_limited(running_world, login):
    learner = running_world.users["learner"]
    for _ in range(perms.MAX_ACTIVE_FEEDS):
        actions.create_feed(learner)
    with pytest.raises(ValidationError):
        actions.create_feed(learner)
    response = login(learner).post(reverse("web:calendar_create"), {"label": "Encore"})
    assert response.status_code == 400
    assert "révoquez celles que vous n'utilisez plus" in text(response)
    assert CalendarFeed.objects.filter(owner=learner).count() == perms.MAX_ACTIVE_FEEDS


def test_a_too_long_name_is_refused_naming_the_field(running_world, login):
    response = login(running_world.users["learner"]).post(
        reverse("web:calendar_create"), {"label": "x" * 61}
    )
    assert response.status_code == 400
    assert 'id="id_label-erreurs"' in response.content.decode()
    assert not CalendarFeed.objects.exists()
