"""H13 in a browser, at 1280 and 390 px, axe-clean: an experienced company's « Financement »
(hour-based, the OPCO sets the rate), then « Fin de la convention » (art. 10): the company
puts the facilitator in formal notice, the OPCO ends the convention after the delay.
Screenshots in /work/notes/shots/h13-*.png."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from parcours.organisations.models import Organisation
from tests import factories
from tests.browser.test_closing_pages import checked, keep_paper
from tests.browser.test_full_journey import log_in
from tests.funding.conftest import sign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def experienced_world():
    world = factories.world(status="running")
    factories.Dossier.objects.filter(pk=world.dossier.pk).update(
        agreement_number="ACC-2026-17",
        agreement_date=timezone.localdate() - dt.timedelta(days=30),
        reference="EXP-2026-0099",
    )
    factories.add_sessions(world.dossier)
    world.dossier.refresh_from_db()
    sign(world)
    Organisation.objects.filter(pk=world.dossier.company_id).update(first_contract=False)
    row = world.dossier
    content = {**row.content, "company": {**row.content["company"], "first_contract": False}}
    factories.Dossier.objects.filter(pk=row.pk).update(content=content)
    row.refresh_from_db()
    return world


def test_hour_based_funding_and_the_convention_ended(live_server, browser_page):
    world = experienced_world()
    row, page, base = world.dossier, browser_page, live_server.url

    log_in(page, base, world.users["opco_staff"].username)
    page.goto(f"{base}/dossiers/{row.pk}/financement/")
    expect(page.locator("#profil")).to_contain_text("n'a pas encore fixé le taux horaire")
    checked(page, "h13-financement-horaire-sans-taux")
    page.get_by_label("Taux horaire du financement").fill("douze")
    page.get_by_role("button", name="Enregistrer le taux horaire").click()
    expect(page.locator("#taux-erreur")).to_contain_text("taux horaire illisible")
    page.get_by_label("Taux horaire du financement").fill("40,50")
    page.get_by_role("button", name="Enregistrer le taux horaire").click()
    expect(page.locator("#profil")).to_contain_text("40,50 € de l'heure")
    checked(page, "h13-financement-horaire")

    page.context.clear_cookies()
    log_in(page, base, world.users["company_admin"].username)
    page.goto(f"{base}/dossiers/{row.pk}/")
    page.get_by_role("link", name="Fin de la convention").first.click()
    expect(page.get_by_role("heading", name="Fin de la convention", exact=True)).to_be_visible()
    checked(page, "h13-fin-convention-formulaire")
    page.get_by_label("Partie mise en demeure").select_option("facilitator")
    page.get_by_label("Manquement constaté").fill(
        "Le tiers facilitateur n'a participé à aucun bilan depuis le début du contrat."
    )
    sent = timezone.localdate() - dt.timedelta(days=20)
    page.get_by_label("Date d'envoi").fill(sent.isoformat())
    page.get_by_role("button", name="Enregistrer la mise en demeure").click()
    expect(page.locator(".messages")).to_contain_text("Mise en demeure enregistrée")
    checked(page, "h13-fin-convention-mise-en-demeure")
    paper = page.request.get(f"{base}/dossiers/{row.pk}/documents/du-dossier/mise-en-demeure.pdf")
    assert paper.ok
    keep_paper(paper.body(), "h13-mise-en-demeure")

    page.context.clear_cookies()
    log_in(page, base, world.users["opco_staff"].username)
    page.goto(f"{base}/dossiers/{row.pk}/fin-convention/")
    page.get_by_role("button", name="Mettre fin à la convention").click()
    expect(page.locator(".messages")).to_contain_text("La convention a pris fin")
    expect(page.locator(".facts")).to_contain_text("Convention rompue le")
    checked(page, "h13-fin-convention-rompue")
    row.refresh_from_db()
    assert row.status == "terminated"
