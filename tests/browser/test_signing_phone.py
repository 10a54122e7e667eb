"""Signing at phone size (390 × 844): the trainer shows the QR code / link of his own line,
the link is opened on another device (a fresh browser, as from a phone scanning the QR code)
and signed; the learner signs her line in one tap from her home; the émargement PDF then
shows both signatures (name, method, short hash). Every page seen is screenshotted (phone and
desktop) and checked for horizontal scrolling."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from parcours.attendance.models import Signature
from parcours.dossiers.enums import Status
from tests import factories
from tests.browser.conftest import ARGS, CHROMIUM, SCREENSHOTS, require_chromium
from tests.browser.test_accessibility import BLOCKING, axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
NOTES = Path("/work/notes/shots")


@pytest.fixture
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        env = {**os.environ, "LANGUAGE": "fr", "LANG": "fr_FR.UTF-8"}
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, env=env)
        yield chromium
        chromium.close()
        from django.db import connections

        connections.close_all()


def device(browser, size=PHONE):
    """A fresh browser context (its own cookies): another device."""
    context = browser.new_context(
        locale="fr-FR", viewport=size, is_mobile=size is PHONE, has_touch=size is PHONE
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def shoot(page, name: str) -> Path:
    """Screenshot into test-output/screenshots/ (and /work/notes/shots/ when it exists)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"signing-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if NOTES.parent.exists():
        NOTES.mkdir(exist_ok=True)
        shutil.copy(path, NOTES / path.name)
    return path


def no_horizontal_scroll(page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} défile horizontalement de {overflow} px"


def accessible(page) -> None:
    """No serious or critical axe violation on the page as it is now."""
    found = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert not found, describe(page.url, found)


def log_in(page, base, username):
    page.goto(f"{base}/connexion/")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(factories.PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(lambda url: "/connexion/" not in url)


@pytest.fixture
def running():
    """The world's dossier running, with S1 (interne, run by F1 = the trainer account) and
    S2 (externe) two days ago, S3 (AFEST) in a week; the learner is Nadia Exemple."""
    w = factories.world(Status.RUNNING)
    w.users["trainer"].first_name, w.users["trainer"].last_name = "Marc", "Petit"
    w.users["trainer"].save()
    w.users["learner"].first_name, w.users["learner"].last_name = "Nadia", "Exemple"
    w.users["learner"].save()
    row = w.dossier
    row.agreement_number, row.agreement_date = "ATLAS-2026-00042", row.created_at.date()
    row.save()
    factories.add_sessions(row)
    return w


def test_trainer_link_on_a_phone_learner_one_tap_then_the_pdf_shows_both(
    live_server, browser, running, tmp_path
):
    base, pk = live_server.url, running.dossier.pk
    trainer, learner = running.users["trainer"], running.users["learner"]

    # The trainer, on his phone, opens the émargement and shows the QR code of his line.
    phone = device(browser)
    log_in(phone, base, trainer.username)
    phone.goto(f"{base}/dossiers/{pk}/emargement/")
    expect(phone.get_by_role("heading", name="Émargement", level=1)).to_be_visible()
    # The step menu is folded at the top: the content comes first.
    expect(phone.locator("details.steps-menu")).not_to_have_attribute("open", "")
    no_horizontal_scroll(phone)
    shoot(phone, "01-formateur-emargement-telephone")
    own_line = phone.locator("li.sign-line", has_text="Marc Petit, formateur (vous)").first
    own_line.get_by_role("button", name=re.compile("Lien ou QR code")).click()
    qr = phone.locator(".qr")
    expect(qr.locator("svg")).to_be_visible()
    expect(qr).to_contain_text("Valable jusqu'au")
    link = qr.locator("a").get_attribute("href")
    assert "/signer/sig_" in link
    no_horizontal_scroll(phone)
    qr.scroll_into_view_if_needed()
    shoot(phone, "02-formateur-qr-code-telephone")
    accessible(phone)

    # Another phone (no session, no login) scans the QR code and signs, with a drawing.
    scanner = device(browser)
    scanner.goto(link)
    expect(scanner.locator(".session-what")).to_contain_text("ligne de Marc Petit, formateur")
    no_horizontal_scroll(scanner)
    box = scanner.locator("canvas").bounding_box()
    scanner.mouse.move(box["x"] + 20, box["y"] + 40)
    scanner.mouse.down()
    scanner.mouse.move(box["x"] + 120, box["y"] + 90, steps=8)
    scanner.mouse.move(box["x"] + 220, box["y"] + 30, steps=8)
    scanner.mouse.up()
    shoot(scanner, "03-lien-qr-page-publique-telephone")
    accessible(scanner)
    scanner.get_by_role("button", name="Je signe", exact=True).click()
    expect(scanner.get_by_role("heading", name="Séance signée")).to_be_visible()
    shoot(scanner, "04-lien-qr-signe-telephone")
    trainer_sig = Signature.objects.get(signer="trainer")
    assert (trainer_sig.method, trainer_sig.session_id) == ("link", "S1")
    assert trainer_sig.evidence_sha256  # the drawing was kept
    # The link is spent.
    again = scanner.goto(link)
    assert again.status == 410
    expect(scanner.get_by_role("heading", name="Lien de signature inutilisable")).to_be_visible()
    shoot(scanner, "05-lien-deja-utilise-telephone")

    # The learner, on her phone, signs S1 from her home in one tap.
    her = device(browser)
    log_in(her, base, learner.username)
    expect(her.get_by_role("heading", name="Mes prochaines séances")).to_be_visible()
    no_horizontal_scroll(her)
    shoot(her, "06-apprenante-accueil-telephone")
    first = her.locator("#mes-seances ~ ul li.sign-line, #mes-seances ~ * li.sign-line").first
    first.get_by_role("button", name=re.compile("^Je signe")).click()
    expect(her.locator("li.sign-line.signed").first).to_contain_text("depuis son compte")
    no_horizontal_scroll(her)
    shoot(her, "07-apprenante-a-signe-telephone")
    accessible(her)
    learner_sig = Signature.objects.get(signer="learner", session_id="S1")
    assert learner_sig.method == "account"

    # Her dossier's overview leads with what she does now; the steps follow, folded.
    her.goto(f"{base}/dossiers/{pk}/")
    expect(her.get_by_role("heading", name="Maintenant")).to_be_in_viewport()
    no_horizontal_scroll(her)
    shoot(her, "08-apprenante-vue-d-ensemble-telephone")

    # The émargement PDF shows both signatures: names, method, short hash.
    response = her.request.get(f"{base}/dossiers/{pk}/documents/du-dossier/emargement.pdf?index=M2")
    assert response.status == 200, response.text()[:300]
    pdf = tmp_path / "emargement.pdf"
    pdf.write_bytes(response.body())
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.body())).pages)
    flat = " ".join(text.split())
    for sig in (trainer_sig, learner_sig):
        assert sig.signer_name in flat
        assert sig.hash[:8] in flat.replace(" ", "")
    assert "Marc Petit" in flat and "Nadia Exemple" in flat
    assert re.search(r"lien|QR", flat, re.I) and re.search(r"compte", flat, re.I)
    if shutil.which("pdftoppm"):
        out = SCREENSHOTS / "signing-09-emargement-pdf"
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(out)], check=True)
        for made in sorted(SCREENSHOTS.glob("signing-09-emargement-pdf*.png")):
            if NOTES.parent.exists():
                shutil.copy(made, NOTES / made.name)


def test_the_other_signing_pages_at_phone_and_desktop_size(live_server, browser, running):
    """The tablet, the company's sheet and the refused link, phone and desktop: no
    horizontal scrolling, and a wrong password on the tablet stores nothing."""
    base, pk = live_server.url, running.dossier.pk
    learner = running.users["learner"]
    for size, label in ((PHONE, "telephone"), (DESKTOP, "ordinateur")):
        page = device(browser, size)
        log_in(page, base, running.users["company_admin"].username)
        page.goto(f"{base}/dossiers/{pk}/emargement/")
        no_horizontal_scroll(page)
        shoot(page, f"10-entreprise-emargement-{label}")
        page.goto(f"{base}/dossiers/{pk}/")
        no_horizontal_scroll(page)
        shoot(page, f"11-entreprise-vue-d-ensemble-{label}")
        page.goto(f"{base}/dossiers/{pk}/emargement/tablette/S1/")
        form = page.locator("li.sign-line", has_text="Nadia Exemple").locator("form")
        form.get_by_label("Identifiant de Nadia Exemple").fill(learner.username)
        form.get_by_label("Mot de passe").fill("pas-le-bon")
        form.get_by_role("button", name="Signer sans dessin").click()
        expect(page.get_by_role("alert")).to_contain_text("Identifiant ou mot de passe incorrect")
        assert not Signature.objects.exists()
        no_horizontal_scroll(page)
        shoot(page, f"12-tablette-mot-de-passe-faux-{label}")
        accessible(page)
        page.goto(f"{base}/signer/sig_inconnu/")
        no_horizontal_scroll(page)
        shoot(page, f"13-lien-inconnu-{label}")
        page.context.close()
    # Desktop views of the learner's and trainer's pages too.
    for who in ("learner", "trainer"):
        page = device(browser, DESKTOP)
        log_in(page, base, running.users[who].username)
        shoot(page, f"14-accueil-{who}-ordinateur")
        page.goto(f"{base}/dossiers/{pk}/emargement/")
        shoot(page, f"15-emargement-{who}-ordinateur")
        page.context.close()


# The pages a learner or a trainer reaches on a running dossier: none may scroll sideways.
LEARNER_AND_TRAINER_PAGES = (
    "/", "/dossiers/{pk}/", "/dossiers/{pk}/emargement/", "/dossiers/{pk}/historique/",
    "/dossiers/{pk}/documents/du-dossier/", "/dossiers/{pk}/acces/", "/dossiers/{pk}/soumission/",
    "/dossiers/{pk}/entreprise/", "/dossiers/{pk}/referentiel/", "/dossiers/{pk}/positionnement/",
    "/dossiers/{pk}/tuteurs/", "/dossiers/{pk}/parcours/", "/dossiers/{pk}/sequences/",
    "/dossiers/{pk}/bilans/", "/dossiers/{pk}/documents/",
)  # fmt: skip


@pytest.mark.parametrize("who", ["learner", "trainer"])
def test_every_page_of_learners_and_trainers_fits_a_phone(live_server, browser, running, who):
    base, pk = live_server.url, running.dossier.pk
    page = device(browser)
    log_in(page, base, running.users[who].username)
    wide = []
    for path in LEARNER_AND_TRAINER_PAGES:
        response = page.goto(base + path.format(pk=pk))
        assert response.status == 200, path
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            shoot(page, f"debordement-{who}-{path.strip('/').replace('/', '-') or 'accueil'}")
            wide.append(f"{path} ({overflow} px)")
    assert wide == []
