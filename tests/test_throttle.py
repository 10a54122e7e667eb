"""Login throttling: wrong passwords lock the account (and the address) out for a cool-off,
with a French message and the way back; the right password is refused meanwhile."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tests import factories
from tests.web.pages import text

PASSWORD = "mot-de-passe-de-test"


@pytest.fixture
def person(db):
    return factories.user("tutor", factories.organisation())


def _login(client, username, password, address="192.0.2.10"):
    return client.post(
        reverse("web:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_the_right_password_works_before_the_limit(client, person):
    for _ in range(4):
        assert _login(client, person.username, "faux").status_code == 200
    response = _login(client, person.username, PASSWORD)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_after_five_wrong_passwords_the_account_is_locked_with_a_french_message(client, person):
    for _ in range(5):
        _login(client, person.username, "faux")
    response = _login(client, person.username, PASSWORD)
    assert response.status_code == 429
    page = text(response)
    assert "Trop d'essais de mot de passe" in page
    assert "bloquée pendant 15 minutes" in page
    assert "Mot de passe oublié ?" in page
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_account_even_from_another_address(client, person):
    for i in range(5):
        _login(client, person.username, "faux", address=f"198.51.100.{i}")
    response = _login(client, person.username, PASSWORD, address="203.0.113.7")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_address_for_every_account(client, person, db):
    other = factories.user("learner", person.organisation)
    for i in range(5):
        _login(client, f"inconnu{i}", "faux", address="192.0.2.99")
    assert _login(client, other.username, PASSWORD, address="192.0.2.99").status_code == 429
    assert _login(client, other.username, PASSWORD, address="192.0.2.100").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, person):
    start = dt.datetime.now(dt.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            _login(client, person.username, "faux")
        assert _login(client, person.username, PASSWORD).status_code == 429
    with time_machine.travel(start + dt.timedelta(minutes=16), tick=False):
        assert _login(client, person.username, PASSWORD).status_code == 302


def test_behind_a_proxy_the_visitor_is_the_forwarded_address(rf, settings):
    from parcours.web.throttle import client_ip

    settings.PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="10.0.0.1, 192.0.2.5", REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == "192.0.2.5"
    settings.PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"


def test_the_tablet_is_throttled_too_and_records_nothing_meanwhile(db, client):
    from parcours.attendance.models import Signature
    from tests.web.test_attendance_pages import running as build_running  # noqa: F401
    from tests.web.test_attendance_pages import tablet_post

    world = factories.world()
    running = build_running.__wrapped__(world)  # the attendance pages' running dossier
    client.force_login(world.users["company_admin"])
    learner = world.users["learner"]
    for _ in range(5):
        tablet_post(client, running, "learner", learner.username, "faux")
    response = tablet_post(client, running, "learner", learner.username, PASSWORD)
    assert response.status_code == 429
    assert "Trop d'essais de mot de passe" in text(response)
    assert not Signature.objects.exists()
