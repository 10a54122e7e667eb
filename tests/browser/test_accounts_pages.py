"""« Équipe » and « Jetons d'API » in a browser, on a computer and on a phone: the admin
deactivates then reactivates an account (the history shows both), and makes then revokes
an API token; axe finds no serious violation, no horizontal scroll."""

import pytest
from playwright.sync_api import expect

from parcours.accounts.enums import Role
from parcours.organisations.models import Kind
from tests import factories
from tests.browser.test_accessibility import BLOCKING, axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def company():
    factories.organisation(Kind.OPCO, name="Atlas", siret="85129663200017")
    company = factories.organisation(name="Cabinet Exemple")
    factories.user(Role.COMPANY_ADMIN, company, username="rh", first_name="Rose", last_name="Hugo")
    factories.user(Role.LEARNER, company, username="nadia", first_name="Nadia",
                   last_name="Exemple", email="nadia@example.org")  # fmt: skip
    return company


def log_in(page, base, username):
    page.goto(f"{base}/connexion/")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(factories.PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def clean(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert not blocking, describe(page.url, blocking)


@pytest.mark.parametrize(("width", "name"), [(1280, "ordinateur"), (390, "telephone")])
def test_team_and_tokens_pages(live_server, browser_page, shoot, company, width, name):
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, base, "rh")
    page.goto(f"{base}/equipe/")
    page.get_by_role("button", name="Désactiver le compte de Nadia Exemple").click()
    expect(page.get_by_text("Compte de Nadia Exemple désactivé")).to_be_visible()
    page.get_by_role("button", name="Réactiver le compte de Nadia Exemple").click()
    expect(page.get_by_text("compte réactivé — Nadia Exemple")).to_be_visible()
    expect(page.get_by_text("compte désactivé — Nadia Exemple")).to_be_visible()
    clean(page)
    shoot(f"equipe-{name}")

    page.get_by_role("link", name="Jetons d'API").click()
    page.get_by_label("Nom du jeton").fill("logiciel de paie")
    page.get_by_role("button", name="Créer un jeton").click()
    key = page.get_by_label("Jeton (à placer").input_value()
    assert key.startswith("pct_")
    assert page.request.get(f"{base}/api/dossiers", headers={"Authorization": f"Bearer {key}"}).ok
    clean(page)
    shoot(f"jetons-{name}")
    page.get_by_role("button", name="Révoquer le jeton logiciel de paie").click()
    expect(page.get_by_text("révoqué")).to_be_visible()
    assert (
        page.request.get(f"{base}/api/dossiers", headers={"Authorization": f"Bearer {key}"}).status
        == 401
    )
