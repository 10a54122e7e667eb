"""« Calendrier des séances » in a browser: the company admin generates the plan, moves a
session (checked live, then saved by htmx); the page holds at 1280 px and at 390 px (phone:
each session a card, no horizontal scroll). Screenshots kept under test-output/screenshots."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.test_accessibility import BLOCKING, axe_violations, describe
from tests.browser.test_full_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


NOTES = Path(__file__).resolve().parents[3] / "notes" / "shots"


def keep(page, name: str, selector: str | None = None) -> None:
    """A viewport screenshot (scrolled to `selector`) for the notes, next to the full-page
    one of `shoot`."""
    if selector:
        page.locator(selector).first.scroll_into_view_if_needed()
    if NOTES.parent.is_dir():
        NOTES.mkdir(exist_ok=True)
        page.screenshot(path=str(NOTES / f"{name}.png"))


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_generate_then_move_a_session(live_server, browser_page, shoot):
    world = factories.world(status="accepted")
    admin = world.users["company_admin"]
    page, base = browser_page, live_server.url
    log_in(page, base, admin.username)
    page.goto(f"{base}/dossiers/{world.dossier.pk}/")
    expect(page.get_by_role("button", name="Démarrer le contrat")).to_be_visible()
    keep(page, "planning-1280-demarrer")
    page.get_by_role("link", name="Calendrier des séances").first.click()
    page.wait_for_selector("h1:has-text('Calendrier des séances')")
    page.select_option("[name='rhythm']", "jour-par-semaine")
    page.get_by_role("button", name="Ajouter une fermeture").click()
    page.fill("[name='closures-0-start']", "2027-08-02")
    page.fill("[name='closures-0-end']", "2027-08-20")
    shoot("planning-01-generer")
    page.get_by_role("button", name="Générer le calendrier").click()
    page.wait_for_selector("text=Calendrier généré", timeout=60_000)
    world.dossier.refresh_from_db()
    sessions = world.dossier.content["sessions"]
    assert sessions and not any("2027-08-02" <= s["date"] <= "2027-08-20" for s in sessions)
    shoot("planning-02-calendrier-1280")
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert not blocking, describe(page.url, blocking)
    keep(page, "planning-1280-haut")
    keep(page, "planning-1280-seances", "table.sessions")

    first = sessions[0]
    row = page.locator("tr", has=page.locator(f"[form='f-seance-{first['id'].lower()}']")).first
    row.locator("input[name='date']").fill("2026-12-01")
    row.locator("input[name='date']").dispatch_event("change")
    expect(page.locator("#constats-calendrier")).to_contain_text("Aperçu")
    expect(page.locator("#constats-calendrier")).to_contain_text("CTR-02")
    keep(page, "planning-1280-apercu", "#constats-calendrier")
    row.locator("input[name='date']").fill(first["date"][:8] + "28")
    row.get_by_role("button", name="Enregistrer").click()
    page.wait_for_selector("text=Séance modifiée")
    world.dossier.refresh_from_db()
    moved = next(s for s in world.dossier.content["sessions"] if s["id"] == first["id"])
    assert moved["date"] == first["date"][:8] + "28"
    shoot("planning-03-deplacee")

    # The séquence of M2 offers the plan's dates as checkboxes (checked: its calendar).
    page.goto(f"{base}/dossiers/{world.dossier.pk}/sequences/")
    m2_dates = sorted({s["date"] for s in world.dossier.content["sessions"] if s["module"] == "M2"})
    box = page.locator(f"[name='sequences-0-calendar'][value='{m2_dates[1]}']")
    expect(box).to_be_checked()
    keep(page, "planning-1280-sequence-calendrier", "[name='sequences-0-calendar']")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/dossiers/{world.dossier.pk}/seances/")
    page.wait_for_selector("h1:has-text('Calendrier des séances')")
    assert no_horizontal_scroll(page)
    shoot("planning-04-telephone-390")
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert not blocking, describe(page.url, blocking)
    keep(page, "planning-390-haut")
    keep(page, "planning-390-seances", "table.sessions")
    page.get_by_text("Générer à nouveau le calendrier").click()
    assert no_horizontal_scroll(page)
    keep(page, "planning-390-generer", "[name='rhythm']")
    page.get_by_text("Ajouter une séance").click()
    assert no_horizontal_scroll(page)
    keep(page, "planning-390-ajouter", "[name='module']")
    page.goto(f"{base}/dossiers/{world.dossier.pk}/sequences/")
    assert no_horizontal_scroll(page)
    keep(page, "planning-390-sequence-calendrier", "[name='sequences-0-calendar']")


def test_a_sequence_date_is_added_with_the_date_picker(live_server, browser_page):
    world = factories.world()
    page, base = browser_page, live_server.url
    log_in(page, base, world.users["company_admin"].username)
    page.goto(f"{base}/dossiers/{world.dossier.pk}/sequences/")
    first = page.locator("#sequences-0")
    first.locator("[name='sequences-0-calendar'][value='2027-03-15']").uncheck()
    first.get_by_role("button", name="Ajouter une date").click()
    added = first.locator("input[name='sequences-0-calendar_added']")
    expect(added).to_have_count(2)
    added.nth(1).fill("2027-04-12")
    keep(page, "planning-1280-sequence-ajout-date", "#sequences-0 .added-dates")
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert not blocking, describe(page.url, blocking)
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.wait_for_selector(".message-success")
    world.dossier.refresh_from_db()
    calendar = world.dossier.content["sequences"][0]["calendar"]
    assert "2027-04-12" in calendar and "2027-03-15" not in calendar
