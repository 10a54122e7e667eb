"""Guide action 1 ③ and action 5 ⑤ / step 6 in a browser, at 1280 and 390 px, axe-clean:
the company admin records the work team's confirmation of the référentiel; once the parcours
has ended, the tutor gives their lessons learned, the company admin records the final debrief
and the OPCO's dashboard counts the answers. Screenshots kept in the notes
(/work/notes/shots/referentiel-confirmation-*.png, lessons-*.png)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.test_closing_pages import NOTES, checked
from tests.browser.test_full_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_company_confirms_the_referentiel(live_server, browser_page):
    w = factories.world()
    page, base = browser_page, live_server.url
    log_in(page, base, w.users["company_admin"].username)
    page.goto(f"{base}/dossiers/{w.dossier.pk}/referentiel/")
    block = page.locator("#confirmation")
    expect(block.get_by_text("Non confirmé par l'équipe de travail")).to_be_visible()
    block.get_by_label("Personnes qui ont confirmé").fill(
        "Anne Martin — cheffe d'équipe\nKarim Benali — gestionnaire de paie"
    )
    block.get_by_label("Commentaire (facultatif)").fill("Relu en réunion d'équipe.")
    block.get_by_role("button", name="Enregistrer la confirmation").click()
    expect(
        page.get_by_text("confirmation du référentiel par l'équipe est enregistrée")
    ).to_be_visible()
    expect(block.get_by_text("Confirmé par l'équipe de travail")).to_be_visible()
    expect(block.get_by_text("Anne Martin (cheffe d'équipe)")).to_be_visible()
    checked(page, "referentiel-confirmation")


def test_lessons_learned_the_debrief_and_the_dashboard(live_server, browser_page):
    w = factories.world()
    w.dossier.status = "completed"
    w.dossier.save(update_fields=["status"])
    page, base = browser_page, live_server.url
    log_in(page, base, w.users["tutor"].username)
    page.goto(f"{base}/dossiers/{w.dossier.pk}/")
    page.get_by_role("link", name="Retours d'expérience").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Retours d'expérience")
    page.get_by_label("Ce qui a bien fonctionné").fill("Les bilans réguliers avec le salarié.")
    page.get_by_label("Ce qu'il faudrait changer").fill("Plus de temps dégagé pour le tutorat.")
    page.get_by_label("Peut-être").check()
    page.get_by_role("button", name="Enregistrer mon avis").click()
    expect(page.get_by_text("votre retour d'expérience est enregistré")).to_be_visible()
    expect(page.locator(".answer.mine")).to_contain_text("Les bilans réguliers avec le salarié.")
    expect(page.get_by_label("Ce qui a bien fonctionné")).to_be_hidden()  # folded once given
    checked(page, "lessons-tutor")

    page.context.clear_cookies()
    log_in(page, base, w.users["company_admin"].username)
    page.goto(f"{base}/dossiers/{w.dossier.pk}/retours/")
    page.get_by_label("Participants").fill("Anne Martin\nSophie Bernard\nNadia Exemple")
    page.get_by_label("L'OPCO a été invité").check()
    page.get_by_label("Conclusions").fill("Parcours à renouveler ; prévoir l'AFEST plus tôt.")
    page.get_by_role("button", name="Enregistrer le débriefing").click()
    expect(page.get_by_text("Le débriefing final est enregistré.")).to_be_visible()
    checked(page, "lessons-company")

    page.context.clear_cookies()
    log_in(page, base, w.users["opco_staff"].username)
    page.goto(f"{base}/opco/tableau-de-bord/")
    figure = page.locator("section#retours")
    expect(figure.get_by_role("heading", level=2)).to_contain_text("Retours d'expérience")
    expect(figure.get_by_text("le tuteur : 0 oui, 0 non, 1 peut-être")).to_be_attached()
    if NOTES.parent.is_dir():
        NOTES.mkdir(exist_ok=True)
        figure.screenshot(path=str(NOTES / "lessons-dashboard-1280.png"))
