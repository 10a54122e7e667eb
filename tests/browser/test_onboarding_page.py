"""« Accueil du salarié » (guide action 6) in a browser: the tutor, on a phone (390 px),
follows the to-do item from the home page, ticks items with htmx (one with a comment), and
the home's to-do drops them; the company admin ticks one on a computer with JavaScript off
(a plain form, then the page again); the learner reads the list without any button.
axe-clean, no horizontal scroll on a phone. Screenshots kept in the notes
(/work/notes/shots/onboarding-*.png)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from parcours.dossiers.enums import Status
from tests import factories
from tests.browser.test_closing_pages import DESKTOP, PHONE, checked, keep
from tests.browser.test_full_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PAPERS = "Rassembler les pièces à remettre à l'arrivée"
DESK = "Préparer le poste de travail"


def _world():
    """An accepted contract starting in five days: the items before the arrival and the
    first day's are in the to-do lists."""
    w = factories.world(Status.ACCEPTED)
    start = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    content = w.dossier.content
    content["contract"].update(start_date=start, action_start=start)
    w.dossier.content = content
    w.dossier.save(update_fields=["content"])
    return w


def test_the_tutor_ticks_items_on_a_phone_and_the_to_do_updates(live_server, browser_page):
    w = _world()
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)
    log_in(page, base, w.users["tutor"].username)
    page.goto(f"{base}/")
    todo = page.get_by_role("link", name=f"Accueil de Nadia Exemple : {PAPERS[0].lower()}")
    expect(todo.first).to_be_visible()
    todo.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accueil du salarié")
    expect(page.get_by_text("0 sur 8")).to_be_visible()
    keep(page, "onboarding-tutor-390")

    papers = page.locator("#pieces-rassemblees")
    papers.get_by_role("button", name="C'est fait").click()
    expect(papers.get_by_text("Fait le ")).to_be_visible()
    expect(page.get_by_text("1 sur 8")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("c'est fait")

    desk = page.locator("#poste-pret")
    desk.get_by_text("Autre date ou commentaire").click()
    desk.get_by_label("Commentaire (facultatif)").fill("Ordinateur et badge prêts")
    desk.get_by_role("button", name="C'est fait").click()  # the new version after the 1st
    expect(desk.get_by_text("« Ordinateur et badge prêts »")).to_be_visible()
    expect(page.get_by_text("2 sur 8")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    keep(page, "onboarding-tutor-ticked-390")

    page.goto(f"{base}/")
    expect(page.get_by_text("accueillir le salarié").first).to_be_visible()
    expect(page.get_by_text(PAPERS[0].lower() + PAPERS[1:])).to_have_count(0)
    expect(page.get_by_text(DESK[0].lower() + DESK[1:])).to_have_count(0)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/dossiers/{w.dossier.pk}/accueil/")
    checked(page, "onboarding-tutor")


def test_the_company_ticks_without_javascript(live_server, browser_page):
    w = _world()
    base = live_server.url
    context = browser_page.context.browser.new_context(
        locale="fr-FR", viewport=DESKTOP, java_script_enabled=False
    )
    page = context.new_page()
    log_in(page, base, w.users["company_admin"].username)
    page.goto(f"{base}/dossiers/{w.dossier.pk}/")
    page.get_by_role("link", name="Accueil du salarié").first.click()
    expect(page.get_by_text("Étape 5 sur 6")).to_be_visible()
    welcome = page.locator("#accueil")
    welcome.get_by_text("Autre date ou commentaire").click()
    welcome.get_by_label("Fait le").fill((timezone.localdate() + dt.timedelta(days=3)).isoformat())
    welcome.get_by_role("button", name="C'est fait").click()
    expect(page.locator("#accueil").get_by_role("alert")).to_contain_text("futur")
    welcome = page.locator("#accueil")
    welcome.get_by_label("Fait le").fill(timezone.localdate().isoformat())
    welcome.get_by_role("button", name="C'est fait").click()
    expect(page.get_by_text("« Accueillir le salarié » : c'est fait.")).to_be_visible()
    expect(page.locator("#accueil").get_by_text("Fait le ")).to_be_visible()
    keep(page, "onboarding-company-nojs-1280")
    context.close()


def test_the_learner_reads_without_buttons(live_server, browser_page):
    w = _world()
    page, base = browser_page, live_server.url
    log_in(page, base, w.users["learner"].username)
    page.goto(f"{base}/dossiers/{w.dossier.pk}/accueil/")
    expect(page.get_by_text("Ce que votre entreprise et votre tuteur préparent")).to_be_visible()
    expect(page.get_by_role("button", name="C'est fait")).to_have_count(0)
    checked(page, "onboarding-learner")
