"""« Versions du parcours » in a browser, on a computer and on a phone: the OPCO proposes an
adaptation before the first review, the company accepts it; after the review the company
drafts an avenant, the OPCO accepts it, the parties sign, and the avenant's paper shows the
change. Screenshots kept (test-output/screenshots/amendments-*.png) and looked at."""

import shutil
import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from parcours.dossiers import actions as dossier_actions
from tests import factories
from tests.amendments.factories import hold_review
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_accessibility import BLOCKING, axe_violations, describe
from tests.browser.test_calendars_page import log_in, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def contract():
    """A running contract the OPCO accepted today (version 1 recorded then)."""
    w = factories.world(status="submitted")
    row = w.dossier
    today = timezone.localdate()
    dossier_actions.accept_dossier(row, w.users["opco_staff"], row.version, "ACC-7", today)
    dossier_actions.start_contract(row, w.users["company_admin"], row.version)
    return w


def check(page, name: str, shoot) -> None:
    assert no_horizontal_scroll(page), f"défilement horizontal : {name}"
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert not blocking, describe(page.url, blocking)
    shoot(name)


@pytest.mark.parametrize(("width", "name"), [(1280, "ordinateur"), (390, "telephone")])
def test_an_adaptation_then_an_avenant_in_the_pages(
    live_server, browser_page, shoot, contract, width, name
):
    page, base, users = browser_page, live_server.url, contract.users
    row = contract.dossier
    versions = f"{base}/dossiers/{row.pk}/versions/"
    page.set_viewport_size({"width": width, "height": 900})

    # The OPCO proposes an adaptation (M1 from 105 h to 120 h).
    log_in(page, base, users["opco_staff"].username)
    page.goto(versions)
    expect(page.get_by_role("heading", name="Versions du parcours", level=1)).to_be_visible()
    page.get_by_role("link", name="Proposer une adaptation du parcours").click()
    page.get_by_label("Objet et explication du changement").fill(
        "Le positionnement montre un besoin de pratique du logiciel : 15 heures de plus."
    )
    page.locator("#id_modules-0-hours").fill("120")
    check(page, f"amendments-editeur-{name}", shoot)
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_text("Brouillon de la version 2 enregistré")).to_be_visible()
    page.get_by_role("button", name="Proposer l'adaptation à l'entreprise").click()
    expect(page.get_by_text("Adaptation proposée à l'entreprise.")).to_be_visible()

    # The company accepts it.
    page.context.clear_cookies()
    log_in(page, base, users["company_admin"].username)
    page.goto(versions)
    expect(page.get_by_text("durée portée de 105 h à 120 h").first).to_be_visible()
    check(page, f"amendments-adaptation-proposee-{name}", shoot)
    page.get_by_role("button", name="Accepter", exact=True).click()
    expect(page.get_by_text("Adaptation acceptée : le parcours en vigueur")).to_be_visible()

    # The first review is held (tests/reviews write it through their pages); then an avenant.
    hold_review(row, "B1", timezone.localdate())
    page.goto(versions)
    page.get_by_role("link", name="Rédiger un avenant").click()
    page.get_by_label("Objet et explication du changement").fill(
        "Le bilan B1 a montré que la DSN demande plus de pratique : 14 heures de plus."
    )
    page.locator("#id_modules-2-hours").fill("70")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_role("button", name="Soumettre l'avenant à l'OPCO").click()
    expect(page.get_by_text("Avenant soumis à l'OPCO.")).to_be_visible()

    # The OPCO accepts it.
    page.context.clear_cookies()
    log_in(page, base, users["opco_staff"].username)
    page.goto(versions)
    check(page, f"amendments-avenant-soumis-{name}", shoot)
    page.locator("form.answer").first.get_by_role("button", name="Accepter").click()
    expect(page.get_by_text("Avenant accepté")).to_be_visible()

    # The company records the parties' signatures (the learner's, herself).
    page.context.clear_cookies()
    log_in(page, base, users["learner"].username)
    page.goto(versions)
    expect(page.get_by_role("button", name="Enregistrer la signature")).to_have_count(1)
    page.get_by_role("button", name="Enregistrer la signature").click()
    expect(page.get_by_text("Signature enregistrée.")).to_be_visible()
    page.context.clear_cookies()
    log_in(page, base, users["company_admin"].username)
    page.goto(versions)
    check(page, f"amendments-signatures-{name}", shoot)
    for _ in range(3):
        page.get_by_role("button", name="Enregistrer la signature").first.click()
        expect(page.get_by_text("Signature enregistrée").first).to_be_visible()
    expect(page.get_by_text("L'avenant est signé par toutes les parties")).to_be_visible()
    expect(page.get_by_text("Version 3 — Avenant à la convention — En vigueur")).to_be_visible()
    check(page, f"amendments-versions-{name}", shoot)
    row.refresh_from_db()
    assert [m["hours"] for m in row.content["modules"]][:3] == [120, 49, 70]

    pdf = page.request.get(f"{versions}3/avenant.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    if name == "ordinateur" and shutil.which("pdftoppm"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        out = SCREENSHOTS / "amendments-avenant.pdf"
        out.write_bytes(pdf.body())
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", str(out), str(SCREENSHOTS / "amendments-avenant-pdf")],
            check=True,
        )
