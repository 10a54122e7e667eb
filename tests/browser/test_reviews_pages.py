"""Reviews in the browser, desktop (1280) and phone (390): the tutor holds B1 from the
dossier's page (participants, a level and a comment per competence, the decision); the
trainer evaluates its module M2 on a phone; the learner reads her « Progression » on a phone
(charts named by their text alternative, no horizontal scroll, axe clean); the review PDF
then carries the levels, comments, appreciations and charts. Screenshots are kept (and copied
to /work/notes/shots/ when it exists)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from parcours.dossiers.enums import Status
from tests import factories
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_signing_phone import (
    DESKTOP,
    NOTES,
    PHONE,
    accessible,
    browser,  # noqa: F401 (fixture)
    device,
    log_in,
    no_horizontal_scroll,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
COMPETENCES = ["C1", "C2", "C3", "C4", "C5", "C6", "C7"]


def shoot(page, name: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"reviews-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if NOTES.parent.exists():
        NOTES.mkdir(exist_ok=True)
        shutil.copy(path, NOTES / path.name)
    return path


@pytest.fixture
def running():
    """A running contract whose action started on 1 October 2026 (the browser keeps the real
    clock): B1 planned on 20 November 2026, M2 (interne, F1 = the trainer account) from 5
    October."""
    w = factories.world(Status.RUNNING)
    for key, first, last in (("learner", "Nadia", "Exemple"), ("trainer", "Marc", "Petit"),
                             ("tutor", "Sophie", "Bernard")):  # fmt: skip
        w.users[key].first_name, w.users[key].last_name = first, last
        w.users[key].save()
    content = w.dossier.content
    content["contract"]["action_start"] = "2026-10-01"
    content["positioning"]["date"] = "2026-09-20"
    content["reviews"][0]["planned_date"] = "2026-11-20"
    next(m for m in content["modules"] if m["id"] == "M2")["start"] = "2026-10-05"
    w.dossier.save(update_fields=["content"])
    return w


def test_hold_a_review_evaluate_a_module_and_read_the_progress(live_server, browser, running,  # noqa: F811
                                                                tmp_path):  # fmt: skip
    base, pk = live_server.url, running.dossier.pk

    # The tutor, at a desk, holds B1 from the dossier's page.
    desk = device(browser, DESKTOP)
    log_in(desk, base, running.users["tutor"].username)
    desk.goto(f"{base}/dossiers/{pk}/")
    desk.get_by_role("link", name="Tenir le bilan B1").click()
    expect(desk.get_by_role("heading", name="Tenir le bilan B1", level=1)).to_be_visible()
    desk.get_by_label("Date à laquelle le bilan a eu lieu").fill("2026-11-20")
    desk.get_by_label("Marc Petit (formateur)").check()
    desk.get_by_label("Paul Durand (tiers facilitateur)").check()
    levels = {"C1": "1", "C2": "0", "C3": "1", "C4": "2", "C5": "1", "C6": "1", "C7": "1"}
    for c, level in levels.items():
        desk.get_by_label(f"Niveau constaté – {c}").select_option(level)
    desk.get_by_label("Commentaire – C1").fill("Paramètre seule un dossier simple")
    desk.get_by_label("Commentaire – C2").fill("Bulletins encore relus ligne à ligne")
    desk.get_by_label("Adapter le parcours").check()
    no_horizontal_scroll(desk)
    accessible(desk)
    shoot(desk, "01-tenir-le-bilan-1280")
    desk.get_by_role("button", name="Enregistrer le bilan").click()
    expect(desk.get_by_text("Bilan B1 enregistré, tenu le 20/11/2026.")).to_be_visible()
    expect(desk.get_by_role("heading", name="Progression de Nadia Exemple")).to_be_visible()
    no_horizontal_scroll(desk)
    accessible(desk)
    shoot(desk, "02-progression-1280")

    # The trainer evaluates M2 on his phone.
    phone = device(browser, PHONE)
    log_in(phone, base, running.users["trainer"].username)
    phone.goto(f"{base}/dossiers/{pk}/")
    phone.get_by_role("link", name="Évaluer M2").click()
    phone.get_by_label("Date de l'évaluation").fill("2026-11-18")
    phone.get_by_label("Niveau constaté – C5").select_option("2")
    phone.get_by_label("Commentaire – C5").fill("Cas pratique réussi sans aide")
    no_horizontal_scroll(phone)
    accessible(phone)
    shoot(phone, "03-evaluer-le-module-390")
    phone.get_by_role("button", name="Enregistrer l'évaluation").click()
    expect(phone.get_by_text("Évaluation du module M2 enregistrée.")).to_be_visible()

    # The learner reads her progress on her phone.
    hers = device(browser, PHONE)
    log_in(hers, base, running.users["learner"].username)
    hers.goto(f"{base}/dossiers/{pk}/progression/")
    chart = hers.locator("svg[role=img][aria-labelledby=alt-C2]")
    expect(chart).to_be_visible()
    expect(hers.locator("#alt-C2")).to_contain_text(
        "bilan B1 le 20 novembre 2026 : niveau 0, en retard de 1 niveau sur l'attendu à cette date"
    )
    expect(hers.locator("#alt-C5")).to_contain_text("évaluation du module M2 le 18 novembre 2026")
    assert chart.bounding_box()["width"] <= PHONE["width"]
    no_horizontal_scroll(hers)
    accessible(hers)
    shoot(hers, "04-progression-390")
    hers.locator("article", has_text="C2 –").locator("summary").click()
    expect(hers.get_by_text("Bulletins encore relus ligne à ligne")).to_be_visible()
    no_horizontal_scroll(hers)
    hers.locator("article", has_text="C2 –").scroll_into_view_if_needed()
    hers.screenshot(path=str(SCREENSHOTS / "reviews-05-progression-tableau-390.png"))
    if NOTES.parent.exists():
        shutil.copy(SCREENSHOTS / "reviews-05-progression-tableau-390.png", NOTES)
    desk.set_viewport_size(PHONE)
    desk.goto(f"{base}/dossiers/{pk}/bilans/B2/tenir/")
    no_horizontal_scroll(desk)
    shoot(desk, "06-tenir-le-bilan-390")

    # The review's paper: levels, comments, appreciation at that date, charts.
    response = hers.request.get(f"{base}/dossiers/{pk}/documents/du-dossier/bilan.pdf?index=B1")
    assert response.status == 200, response.text()[:300]
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    flat = " ".join(text.split())
    for words in ("Bilan tenu par Sophie Bernard", "Paul Durand (tiers facilitateur)",
                  "Paramètre seule un dossier simple", "Progression par compétence"):  # fmt: skip
        assert words in flat, words
    assert re.search(r"En retard de 1 ni\W*veau", flat)
    if shutil.which("pdftoppm"):
        pdf = tmp_path / "bilan-B1.pdf"
        pdf.write_bytes(response.body())
        out = SCREENSHOTS / "reviews-07-bilan-B1-pdf"
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(out)], check=True)
        for made in sorted(SCREENSHOTS.glob("reviews-07-bilan-B1-pdf*.png")):
            if NOTES.parent.exists():
                shutil.copy(made, NOTES / made.name)
