"""The OPCO's one-page summary (« Synthèse ») in a browser, at 1280 px and 390 px: reached
from the review page, axe-clean, no horizontal scroll on a phone, the findings beside their
section, what changed since the previous submission; printed, it holds on A4 pages.
Screenshots and the printed pages kept in the notes (/work/notes/shots/portfolio-summary-*)."""

from __future__ import annotations

import copy
import subprocess
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from parcours.dossiers import actions
from tests import factories
from tests.browser.test_closing_pages import NOTES, checked
from tests.browser.test_full_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _resubmitted():
    """The example with two alertes, justified, sent, sent back (modules, tutor, learner),
    changed and sent again."""
    w = factories.world()
    data = factories.example("alertes-redaction-et-formateur")
    row = factories.dossier(w.company, "draft", data, w.users["tutor"], w.users["learner"])
    admin, opco = w.users["company_admin"], w.users["opco_staff"]
    actions.justify_alert(
        row,
        admin,
        "REF-02",
        "competences[0].statement",
        "Formulation reprise de la fiche de poste, validée avec l'OPCO.",
    )
    actions.justify_alert(
        row,
        admin,
        "TRN-02",
        "trainers[0].trainer_training",
        "Marc Petit forme nos salariés depuis six ans.",
    )
    actions.submit_dossier(row, admin, row.version)
    actions.request_changes(
        row,
        opco,
        row.version,
        {
            "modules": "Le module M1 paraît court pour deux compétences indispensables.",
            "tutor": "Précisez l'expérience de la tutrice.",
            "learner": "Indiquez le plus haut diplôme obtenu.",
        },
    )
    modules = copy.deepcopy(row.content["modules"])
    modules[0]["hours"] = 126
    modules[0]["end"] = "2027-07-09"
    actions.update_section(row, admin, "modules", modules, row.version)
    tutor = copy.deepcopy(row.content["tutor"])
    tutor["experience_years"] = 11
    actions.update_section(row, admin, "tutor", tutor, row.version)
    actions.submit_dossier(row, admin, row.version)
    return w, row


def test_the_summary_reads_well_on_screen_phone_and_paper(live_server, browser_page):
    w, row = _resubmitted()
    page, base = browser_page, live_server.url
    log_in(page, base, w.users["opco_staff"].username)
    page.goto(f"{base}/opco/dossiers/{row.pk}/")
    page.get_by_role("link", name="Voir la synthèse du dossier sur une page").click()
    expect(page.get_by_role("heading", name="Ce qui a changé depuis la soumission précédente"))
    changes = page.locator(".summary-changes")
    expect(changes).to_contain_text("durée portée de 105 h à 126 h")
    expect(changes).to_contain_text("aucun changement dans cette section")
    expect(page.locator("#s-trainers")).to_contain_text("Marc Petit forme nos salariés")
    expect(page.locator("#s-competences")).to_contain_text("REF-02")
    checked(page, "portfolio-summary")

    # Printed: no navigation nor forms, the sections in two columns, A4 pages.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthese.pdf"
        path.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        pages = int(
            next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages"))
        )
        if NOTES.parent.is_dir():
            NOTES.mkdir(exist_ok=True)
            subprocess.run(
                ["pdftoppm", "-png", "-r", "70", str(path), str(NOTES / "portfolio-summary-print")],
                check=True,
            )
        assert pages <= 2, f"{pages} pages imprimées"
