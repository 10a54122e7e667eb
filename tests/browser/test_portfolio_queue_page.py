"""The OPCO's instruction queue in a browser, at 1280 px and 390 px: axe-clean, no
horizontal scroll on a phone; a filter chosen in « Plus de filtres » narrows the list
without reloading the page (htmx) and the address keeps it; « Page suivante » leads on;
the instructor takes a dossier and writes a private note on its review page."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from tests import factories
from tests.browser.test_closing_pages import checked
from tests.browser.test_full_journey import log_in
from tests.portfolio.queue_rows import clones, moment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_queue_filters_pages_and_follows(live_server, browser_page):
    world = factories.world(Status.SUBMITTED)
    Dossier.objects.filter(pk=world.dossier.pk).delete()
    clones(
        world,
        55,
        status=Status.SUBMITTED,
        learner_name=lambda i: f"NOM{i:02d} Prénom",
        search_text=lambda i: f"nom{i:02d} prenom",
        age_band=lambda i: "lt21" if i % 5 == 0 else "26-29",
        submitted_at=lambda i: moment(1) + dt.timedelta(hours=i),
        decision_deadline=lambda i: dt.date(2026, 10, 21) + dt.timedelta(days=i),
        total_hours=lambda i: 150.0 + i,
    )
    page, base = browser_page, live_server.url
    log_in(page, base, world.users["opco_staff"].username)
    expect(page.get_by_role("heading", name="File d'instruction")).to_be_visible()
    rows = page.locator("table.portfolio-queue tbody tr")
    expect(rows).to_have_count(50)
    expect(rows.first).to_contain_text("NOM00")
    checked(page, "portfolio-queue")

    page.get_by_role("link", name="Page suivante »").click()
    expect(rows).to_have_count(5)
    expect(rows.first).to_contain_text("NOM50")
    page.get_by_role("link", name="« Page précédente").click()
    expect(rows).to_have_count(50)

    # A filter applies as soon as it is chosen, and the address keeps it.
    page.get_by_text("Plus de filtres").click()
    page.get_by_label("Âge du salarié").select_option("lt21")
    expect(rows).to_have_count(11)
    assert "age_band=lt21" in page.url
    expect(page.get_by_role("status")).to_have_text("11 dossiers avec ces filtres.")

    # The instructor takes the first one and notes something only the OPCO reads.
    rows.first.get_by_role("link", name="NOM00 Prénom", exact=True).click()
    page.get_by_label("Suivi par").select_option(
        label=f"{world.users['opco_staff'].get_full_name()} (moi)"
    )
    page.get_by_role("button", name="Enregistrer le suivi").click()
    expect(page.locator(".message-success")).to_contain_text("maintenant suivi par")
    page.get_by_label("Nouvelle note").fill("Rappeler le tuteur : planning de l'AFEST à préciser.")
    page.get_by_role("button", name="Ajouter la note").click()
    expect(page.locator("#suivi-opco")).to_contain_text("planning de l'AFEST à préciser")
    page.goto(f"{base}/opco/?assigned_to=moi")
    expect(rows).to_have_count(1)
