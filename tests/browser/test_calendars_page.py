"""« Mes calendriers » in a browser, on a computer and on a phone: a learner creates her
subscription address, sees it once with its QR code, and an agenda app can read it."""

import pytest
from playwright.sync_api import expect

from parcours.accounts.enums import Role
from parcours.organisations.models import Kind
from tests import factories
from tests.browser.test_accessibility import BLOCKING, axe_violations, describe
from tests.calendars.conftest import put_sessions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def learner():
    factories.organisation(Kind.OPCO, name="Atlas", siret="85129663200017")
    company = factories.organisation(name="Cabinet Exemple")
    person = factories.user(
        Role.LEARNER, company, username="nadia", first_name="Nadia", last_name="Exemple"
    )
    row = factories.dossier(company, status="running", learner=person)
    put_sessions(row)
    return person


def log_in(page, base, username):
    page.goto(f"{base}/connexion/")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(factories.PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize(("width", "name"), [(1280, "ordinateur"), (390, "telephone")])
def test_learner_subscribes_from_mes_calendriers(live_server, browser_page, shoot, learner,
                                                 width, name):  # fmt: skip
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, base, "nadia")
    page.get_by_role("link", name="Mes calendriers").click()
    expect(page.get_by_role("heading", name="Mes calendriers", level=1)).to_be_visible()
    page.get_by_label("Nom de l'appareil (facultatif)").fill("Téléphone")
    page.get_by_role("button", name="Créer une adresse d'abonnement").click()
    address = page.get_by_label("Adresse à coller dans votre agenda")
    url = address.input_value()
    assert url.startswith(f"{base}/calendrier/pcal_")
    expect(page.locator(".qr svg")).to_be_visible()
    page.get_by_role("button", name="Copier l'adresse").click()
    expect(page.locator("#copy-feed-state")).to_have_text("Adresse copiée.")
    page.get_by_text("Android (Google Agenda)").click()  # one explanation open
    assert no_horizontal_scroll(page)
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert not blocking, describe(page.url, blocking)
    shoot(f"calendars-{name}")

    feed = page.request.get(url)
    assert feed.status == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    assert feed.text().count("BEGIN:VEVENT") == 4 + 3  # four sessions, three reviews

    page.reload()
    expect(page.get_by_label("Adresse à coller dans votre agenda")).to_have_count(0)
    expect(page.get_by_text("lue par un agenda le")).to_be_visible()
    assert no_horizontal_scroll(page)
    shoot(f"calendars-{name}-liste")
    page.get_by_role("button", name="Révoquer").click()
    expect(page.get_by_text("révoquée")).to_be_visible()
    assert page.request.get(url).status == 404
