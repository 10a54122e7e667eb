"""« Formation des tuteurs et formateurs » (guide step 4) in a browser, at 1280 and 390 px:
the company admin reaches it from the step menu, reads the trainings proposed to the tutor
and the trainer (with the reason), plans one (date picked, organisme), marks a late one
done and sets aside the trainer's hours; the tutor reads the page without any form.
axe-clean, no horizontal scroll on a phone. Screenshots kept in the notes
(/work/notes/shots/staff-training-*.png)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.browser.test_closing_pages import checked, keep
from tests.browser.test_full_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world():
    w = factories.world()
    content = w.dossier.content
    content["trainers"][0].update(trainer_training=False, afest_aware=False)
    late = (timezone.localdate() - dt.timedelta(days=5)).isoformat()
    content["staff_training"] = {
        "trainings": [
            {"person": "F1", "course": "referent-afest", "planned_on": late, "provider": "Atlas"}
        ]  # fmt: skip
    }
    w.dossier.content = content
    w.dossier.save(update_fields=["content"])
    return w


def test_the_company_plans_trainings_and_time(live_server, browser_page):
    w = _world()
    page, base = browser_page, live_server.url
    log_in(page, base, w.users["company_admin"].username)
    page.goto(f"{base}/dossiers/{w.dossier.pk}/")
    page.get_by_role("link", name="Formation des tuteurs et formateurs").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Formation des tuteurs et formateurs")
    expect(page.get_by_text("Étape 4 sur 6")).to_be_visible()
    expect(page.get_by_role("heading", name="Formations à confirmer")).to_be_visible()
    expect(page.get_by_text("sans avoir suivi de formation de formateur")).to_be_visible()
    checked(page, "staff-training")

    page.get_by_text("Planifier « Les fondamentaux du tutorat » pour Sophie Bernard").click()
    tutor = page.locator("form").filter(
        has=page.locator('[name$="fondamentaux-tutorat-planned_on"]')
    )
    start = timezone.localdate() + dt.timedelta(days=20)
    tutor.get_by_label("Date prévue").fill(start.isoformat())
    tutor.get_by_label("Organisme de formation").fill("Atlas (campusAtlas)")
    tutor.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("est enregistrée")).to_be_visible()
    expect(page.get_by_text(f"Prévue le {start:%d/%m/%Y} (Atlas (campusAtlas))")).to_be_visible()

    page.get_by_text("Modifier ou indiquer la fin « Référent AFEST » pour Marc Petit").click()
    afest = page.locator("form").filter(has=page.locator('[name$="referent-afest-done_on"]'))
    afest.get_by_label("Suivie le").fill(timezone.localdate().isoformat())
    afest.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", name="Formations à confirmer")).to_have_count(0)

    trainer = page.get_by_role("region", name="Marc Petit — Formateur AFEST")
    trainer.get_by_label("Heures par mois").fill("7,5")
    trainer.get_by_role("button", name="Enregistrer le temps dégagé").click()
    expect(page.get_by_text("7,5\u00a0h par mois.")).to_be_visible()
    checked(page, "staff-training-planned")


def test_the_tutor_reads_without_forms(live_server, browser_page):
    w = _world()
    page, base = browser_page, live_server.url
    log_in(page, base, w.users["tutor"].username)
    page.goto(f"{base}/dossiers/{w.dossier.pk}/formation-tuteurs/")
    expect(page.get_by_text("Sophie Bernard est le tuteur du contrat")).to_be_visible()
    expect(page.get_by_role("button", name="Enregistrer")).to_have_count(0)
    keep(page, "staff-training-tutor-1280")
