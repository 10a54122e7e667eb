"""« Êtes-vous prêt ? » driven by the keyboard only (Tab, Space, Enter, the arrows inside a
radio group; no click): from the login page's link to the test, its errors, its verdict,
the consent and the login, to the new dossier's page prefilled with the job title. axe-core
checks every state of the page (tests/browser/test_accessibility.py's harness)."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from parcours.domain import readiness
from parcours.dossiers.management.commands.load_demo import PASSWORD
from tests.browser.test_accessibility import BLOCKING, axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


ACTIVE = "(() => { const e = document.activeElement; return {tag: e.tagName, "
ACTIVE += "type: e.type || '', name: e.name || '', value: e.value || '', "
ACTIVE += "text: (e.textContent || '').trim(), id: e.id || ''}; })()"


def active(page) -> dict:
    return page.evaluate(ACTIVE)


def tab_to(page, wanted, limit=80) -> dict:
    """Tab until the focused element matches `wanted(active)`; fails after `limit` Tabs."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = active(page)
        if wanted(focused):
            return focused
    raise AssertionError(f"jamais atteint au clavier ; dernier élément : {focused}")


def assert_no_violation(page, label):
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert not blocking, describe(label, blocking)


def answer_all(page, changes: dict[str, str]):
    """Each radio group is one Tab stop: Space checks its first choice (« Oui »), the right
    arrow moves to « Non », twice to « Je ne sais pas »."""
    steps = {"oui": 0, "non": 1, "ne-sait-pas": 2}
    for question in readiness.QUESTIONS:
        focused = tab_to(page, lambda a, q=question: a["type"] == "radio" and a["name"] == q.id)
        assert focused["value"] == "oui", focused
        page.keyboard.press("Space")
        for _ in range(steps[changes.get(question.id, "oui")]):
            page.keyboard.press("ArrowRight")


def test_the_readiness_test_by_keyboard_only(live_server, browser_page, demo, shoot):
    page, base = browser_page, live_server.url
    page.goto(f"{base}/connexion/")
    tab_to(page, lambda a: a["tag"] == "A" and "Faites le test" in a["text"])
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/pret/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Êtes-vous prêt")
    assert_no_violation(page, "/pret/")
    shoot("readiness-01-questions")

    # Sent unanswered: the errors are listed, each linked to its question's first choice.
    tab_to(page, lambda a: a["tag"] == "BUTTON" and a["text"] == "Voir le résultat")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("#erreurs")).to_contain_text("réponses manquent")
    assert_no_violation(page, "/pret/ (erreurs)")
    shoot("readiness-00-erreurs")
    tab_to(page, lambda a: a["tag"] == "A" and "OPCO Atlas" in a["text"])
    page.keyboard.press("Enter")
    expect(page.locator("#id_opco_member_0")).to_be_focused()

    # Answered: the job title, then every question (the tutor has no time set aside).
    page.goto(f"{base}/pret/")
    tab_to(page, lambda a: a["name"] == "job_title")
    page.keyboard.type("Gestionnaire de paie")
    answer_all(page, {"tutor_time": "non", "afest_possible": "ne-sait-pas"})
    tab_to(page, lambda a: a["tag"] == "BUTTON" and a["text"] == "Voir le résultat")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    result = page.locator("#resultat")
    expect(result).to_contain_text("Votre résultat : Presque prêt")
    expect(result).to_contain_text("À préparer : Du temps pour le tuteur")
    expect(result).to_contain_text("action 5 ③ et ④")
    expect(result).to_contain_text("L'AFEST (facultatif)")
    assert_no_violation(page, "/pret/ (résultat)")
    shoot("readiness-02-verdict")

    # The consent is unticked; Space ticks it, Enter on the button keeps the answers.
    consent = page.locator("#id_consent")
    expect(consent).not_to_be_checked()
    tab_to(page, lambda a: a["id"] == "id_consent")
    page.keyboard.press("Space")
    expect(consent).to_be_checked()
    tab_to(page, lambda a: a["tag"] == "BUTTON" and "avec ces réponses" in a["text"])
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/connexion/" in url)

    # The company admin logs in, by the keyboard too, and finds the dossier prefilled.
    tab_to(page, lambda a: a["name"] == "username")
    page.keyboard.type("dirigeant.boulangerie")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/dossiers/nouveau/")
    expect(page.locator("#id_contract-job_title")).to_have_value("Gestionnaire de paie")
    expect(page.locator(".readiness-kept")).to_contain_text("Du temps pour le tuteur")
    assert_no_violation(page, "/dossiers/nouveau/ (réponses gardées)")
    shoot("readiness-03-creation-preremplie")


def test_the_page_fits_a_phone(live_server, browser_page, demo, shoot):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/pret/")
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
    shoot("readiness-04-telephone")
    answer_all(page, {"opco_member": "non"})
    tab_to(page, lambda a: a["tag"] == "BUTTON" and a["text"] == "Voir le résultat")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("#resultat")).to_contain_text("Pas encore")
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
    assert_no_violation(page, "/pret/ (390 px)")
    shoot("readiness-05-telephone-verdict")
