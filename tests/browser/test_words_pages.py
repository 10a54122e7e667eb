"""The pages of « words and flow », at 1280 and 390 px: the stepper and « Enregistrer et
continuer », findings in words on the submission page, the history in words, the French 404
and a save conflict showing what the other person changed. No horizontal scroll, axe clean;
screenshots kept (and copied to /work/notes/shots/ as words-*.png)."""

from __future__ import annotations

import shutil

import pytest

from parcours.dossiers import actions
from parcours.dossiers.models import Dossier
from tests import factories
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_signing_phone import (
    DESKTOP,
    NOTES,
    PHONE,
    accessible,
    browser,  # noqa: F401, F811 (fixture)
    device,
    log_in,
    no_horizontal_scroll,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = ((DESKTOP, "ordinateur"), (PHONE, "telephone"))


def shoot(page, name: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"words-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if NOTES.parent.exists():
        NOTES.mkdir(exist_ok=True)
        shutil.copy(path, NOTES / path.name)
    return path


@pytest.fixture
def world():
    w = factories.world()
    data = w.dossier.content
    data["competences"][3]["statement"] = "Traiter les entrées et sorties de salariés"
    Dossier.objects.filter(pk=w.dossier.pk).update(content=data)
    w.dossier.refresh_from_db()
    admin = w.users["company_admin"]
    tutor = {**w.dossier.content["tutor"], "volunteer": False}
    actions.update_section(w.dossier, admin, "tutor", tutor, w.dossier.version)
    return w


def test_words_pages_at_desktop_and_phone_size(live_server, browser, world):  # noqa: F811
    base, pk = live_server.url, world.dossier.pk
    admin = world.users["company_admin"]
    for size, label in SIZES:
        page = device(browser, size)
        log_in(page, base, admin.username)
        for slug, name in (("referentiel", "etape"), ("soumission", "soumission"),
                           ("historique", "historique")):  # fmt: skip
            page.goto(f"{base}/dossiers/{pk}/{slug}/")
            body = page.locator("main").inner_text()
            assert "competences[" not in body and "None" not in body, slug
            no_horizontal_scroll(page)
            accessible(page)
            shoot(page, f"{name}-{label}")
        page.goto(f"{base}/dossiers/999999/")
        assert "Page introuvable" in page.locator("main").inner_text()
        no_horizontal_scroll(page)
        shoot(page, f"404-{label}")
        page.context.close()


def test_a_conflict_shows_what_the_other_person_changed(live_server, browser, world):  # noqa: F811
    base, pk = live_server.url, world.dossier.pk
    for size, label in SIZES:
        row = Dossier.objects.get(pk=pk)
        page = device(browser, size)
        log_in(page, base, world.users["company_admin"].username)
        page.goto(f"{base}/dossiers/{pk}/parcours/")
        page.fill("[name='modules-1-hours']", "50")
        modules = [dict(m) for m in row.content["modules"]]
        modules[1]["hours"] = modules[1]["hours"] + 1
        actions.update_section(row, world.users["facilitator"], "modules", modules, row.version)
        page.get_by_role("button", name="Enregistrer", exact=True).click()
        page.wait_for_selector(".conflict")
        assert "les heures du module M2" in page.locator(".conflict").inner_text()
        assert page.input_value("[name='modules-1-hours']") == "50"
        no_horizontal_scroll(page)
        shoot(page, f"conflit-{label}")
        page.context.close()


def test_the_learner_s_page_and_the_creation_form(live_server, browser, world):  # noqa: F811
    base, pk = live_server.url, world.dossier.pk
    for size, label in SIZES:
        page = device(browser, size)
        log_in(page, base, world.users["learner"].username)
        page.goto(f"{base}/dossiers/{pk}/")
        body = page.locator("main").inner_text()
        assert "À faire" in body and "Anomalies bloquantes" not in body
        no_horizontal_scroll(page)
        accessible(page)
        shoot(page, f"salarie-accueil-{label}")
        page.context.close()
        page = device(browser, size)
        log_in(page, base, world.users["company_admin"].username)
        page.goto(f"{base}/dossiers/nouveau/")
        assert "si déjà recruté" in page.locator("main").inner_text()
        no_horizontal_scroll(page)
        accessible(page)
        shoot(page, f"creation-{label}")
        page.context.close()
