"""« Rupture du contrat » and « Clôture du contrat » in a browser, at 1280 px and 390 px:
the company admin declares a rupture (date picked, reason chosen), adds the sending date of
the notice, the OPCO acknowledges; on another contract the admin reads what the closing
rules miss, prepares the attestation and closes the contract. axe-clean, no horizontal
scroll on a phone. Screenshots of the pages and of both papers kept in the notes
(/work/notes/shots/closing-*.png)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from parcours.domain.documents import render_document
from parcours.dossiers import convert
from tests.browser.test_accessibility import BLOCKING, axe_violations, describe
from tests.browser.test_full_journey import log_in
from tests.closing.conftest import COMPETENCES, hold, live_world, sign_learner
from tests.factories import add_sessions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTES = Path(__file__).resolve().parents[3] / "notes" / "shots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
FINAL = {"C1": 3, "C2": 2, "C3": 3, "C4": 2, "C5": 1, "C6": 4, "C7": 2}


def keep(page, name: str) -> None:
    if NOTES.parent.is_dir():
        NOTES.mkdir(exist_ok=True)
        page.screenshot(path=str(NOTES / f"{name}.png"), full_page=True)


def keep_paper(content: bytes, name: str) -> None:
    """The paper's pages as PNG (pdftoppm), for the notes."""
    if not (NOTES.parent.is_dir() and shutil.which("pdftoppm")):
        return
    NOTES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "paper.pdf"
        pdf.write_bytes(content)
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(NOTES / name)], check=True)


def checked(page, name: str) -> None:
    """axe-clean, no horizontal scroll, then kept at 1280 and at 390 px."""
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert not blocking, describe(page.url, blocking)
    keep(page, f"{name}-1280")
    page.set_viewport_size(PHONE)
    page.reload()  # the steps menu folds on a phone when the page loads
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    keep(page, f"{name}-390")
    page.set_viewport_size(DESKTOP)
    page.reload()


def test_a_rupture_declared_notified_and_acknowledged(live_server, browser_page):
    today = timezone.localdate()
    world = live_world()
    add_sessions(world.dossier)
    sign_learner(world, "S1")
    hold(world.dossier, 0, "2026-02-26", dict.fromkeys(COMPETENCES, 1))
    row, page, base = world.dossier, browser_page, live_server.url
    log_in(page, base, world.users["company_admin"].username)
    page.goto(f"{base}/dossiers/{row.pk}/")
    page.get_by_role("link", name="Rupture du contrat").first.click()
    expect(page.get_by_role("heading", name="Déclarer la rupture")).to_be_visible()
    checked(page, "closing-rupture-formulaire")

    rupture_day = today - dt.timedelta(days=2)
    page.get_by_label("Date de la rupture").fill(rupture_day.isoformat())
    page.get_by_label("Rupture d'un commun accord").check()
    page.get_by_role("button", name="Enregistrer la rupture").click()
    expect(page.get_by_text("La rupture est enregistrée et le contrat est rompu")).to_be_visible()
    row.refresh_from_db()
    assert row.status == "terminated"
    checked(page, "closing-rupture-enregistree")

    page.get_by_label("Date d'envoi de la notification écrite à l'OPCO").fill(
        (today - dt.timedelta(days=1)).isoformat()
    )
    page.get_by_role("button", name="Enregistrer les corrections").click()
    expect(page.get_by_text("La rupture est mise à jour.")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, base, world.users["opco_staff"].username)
    page.goto(f"{base}/dossiers/{row.pk}/rupture/")
    expect(page.get_by_role("heading", name="Accuser réception")).to_be_visible()
    checked(page, "closing-rupture-opco")
    page.get_by_label("Date de l'accusé de réception").fill(today.isoformat())
    page.get_by_role("button", name="Accuser réception").click()
    expect(page.get_by_text("la rupture est définitive")).to_be_visible()
    checked(page, "closing-rupture-accusee")

    row.refresh_from_db()
    dossier = convert.to_domain(row)
    keep_paper(render_document(dossier, "notification-rupture"), "closing-notification-rupture")
    keep_paper(render_document(dossier, "attestation"), "closing-attestation-rupture")


def monthly_sessions(world) -> None:
    """One external session (M1, 7 h) on the 15th (or the next weekday) of each month of
    2026, the learner signing those already held: the alternance holds all year."""
    today = timezone.localdate()
    sessions = []
    for month in range(1, 13):
        day = dt.date(2026, month, 15)
        while day.weekday() > 4:  # a weekday
            day += dt.timedelta(days=1)
        sessions.append({"id": f"S{month}", "module": "M1", "date": day.isoformat(), "hours": 7})
    add_sessions(world.dossier, sessions)
    sign_learner(world, *(s["id"] for s in sessions if s["date"] <= today.isoformat()))


def test_the_closing_page_then_the_contract_closed(live_server, browser_page):
    world = live_world()
    monthly_sessions(world)
    row = world.dossier
    hold(row, 0, "2026-02-26", dict.fromkeys(COMPETENCES, 1))
    hold(row, 1, "2026-06-25", dict.fromkeys(COMPETENCES, 2))
    page, base = browser_page, live_server.url
    log_in(page, base, world.users["company_admin"].username)
    page.goto(f"{base}/dossiers/{row.pk}/")
    page.get_by_role("link", name="Clôture du contrat").first.click()
    expect(page.get_by_text("Le bilan final n'a pas été tenu.")).to_be_visible()
    expect(page.get_by_role("button", name="Clore le contrat")).to_be_disabled()
    checked(page, "closing-cloture-manque")

    hold(row, 2, "2026-11-16", FINAL)
    page.reload()
    page.get_by_role("button", name="Joindre le certificat au dossier").click()
    expect(page.get_by_text("Le certificat de réalisation est joint au dossier.")).to_be_visible()
    expect(page.get_by_text("Aperçu d'après le bilan final B3 du 16/11/2026")).to_be_visible()
    page.get_by_role("button", name="Préparer l'attestation").click()
    expect(page.get_by_text("L'attestation de fin de contrat est préparée.")).to_be_visible()
    checked(page, "closing-cloture-prete")
    row.refresh_from_db()
    keep_paper(render_document(convert.to_domain(row), "attestation"), "closing-attestation")
    button = page.get_by_role("button", name="Clore le contrat")
    if button.is_disabled():  # say what is left, for the report
        left = page.locator(".closing-todo .what").all_inner_texts()
        pytest.fail(f"Clôture encore bloquée : {left}")
    button.click()
    expect(page.get_by_text("Le contrat est clos.").first).to_be_visible()
    row.refresh_from_db()
    assert row.status == "completed"
    checked(page, "closing-cloture-close")
