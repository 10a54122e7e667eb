"""Two whole contracts lived in the pages (issue [5]).

1. From acceptance to completion: the OPCO accepts, the company starts the contract, the
   OPCO proposes an adaptation before the first review which the company accepts, the plan
   is generated; sessions are signed (the learner from her account, the trainer through a
   one-time link); the first claims are made and paid; the tutor holds the reviews, the
   trainer evaluates his module; after the first review an avenant is drafted, accepted by
   the OPCO and signed by the parties; at the end the certificat is recorded, the
   attestation prepared, the last claims made and paid and the contract closed.
2. A contract ending in a rupture: first session signed, first review held, first claim
   made; the rupture declared with its reason, the notice downloaded, its sending date
   recorded, the OPCO acknowledges; the attestation comes from the last held review, and
   only the first claim and the first facilitator invoice are due.

The papers of both are downloaded through the pages and their text checked (pypdf).

Time: the live server and the browser share one clock. Contract 1 runs in the future and the
clock travels forward through its life (`time_machine`, ticking): the browser keeps the real
clock, and cookies the server sets later stay valid for it. Only the many sessions between
the steps shown are signed through the actions layer (the people's own signing actions), the
ones shown are signed in the pages.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect
from pypdf import PdfReader

from parcours.attendance import actions as attendance
from parcours.attendance.models import Signature
from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from parcours.funding.models import FundingClaim
from tests import factories
from tests.browser.test_signing_phone import (
    DESKTOP,
    NOTES,
    browser,  # noqa: F401 (fixture)
    device,
    log_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARIS = ZoneInfo("Europe/Paris")
EXAMPLE_START = dt.date(2027, 1, 4)  # a Monday
COMPETENCES = ("C1", "C2", "C3", "C4", "C5", "C6", "C7")
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --- the clock -----------------------------------------------------------------------------


class Clock:
    """Moves the server's (and the test's) day; the browser keeps its own clock."""

    def __init__(self):
        self.traveller = None

    def to(self, day: dt.date, hour: int = 18) -> None:
        self.stop()
        moment = dt.datetime.combine(day, dt.time(hour), tzinfo=PARIS)
        self.traveller = time_machine.travel(moment, tick=True)
        self.traveller.start()

    def stop(self) -> None:
        if self.traveller is not None:
            self.traveller.stop()
            self.traveller = None


@pytest.fixture
def clock():
    c = Clock()
    yield c
    c.stop()


# --- helpers -------------------------------------------------------------------------------


def shifted(value, delta: dt.timedelta):
    if isinstance(value, str) and ISO.match(value):
        return (dt.date.fromisoformat(value) + delta).isoformat()
    if isinstance(value, dict):
        return {k: shifted(v, delta) for k, v in value.items()}
    if isinstance(value, list):
        return [shifted(v, delta) for v in value]
    return value


def contract_world(status: str, start: dt.date):
    """The shared example moved by whole weeks so that its contract starts the Monday on or
    after `start`; people named."""
    w = factories.world(status)
    weeks = -((EXAMPLE_START - start).days // 7)
    delta = dt.timedelta(weeks=weeks)
    content = shifted(w.dossier.content, delta)
    w.dossier.content = content
    w.dossier.save(update_fields=["content"])
    names = {"learner": ("Nadia", "Exemple"), "trainer": ("Marc", "Petit"),
             "tutor": ("Sophie", "Bernard"), "company_admin": ("Claire", "Dumont"),
             "facilitator": ("Paul", "Durand"), "opco_staff": ("Inès", "Robert")}  # fmt: skip
    for key, (first, last) in names.items():
        w.users[key].first_name, w.users[key].last_name = first, last
        w.users[key].save()
    return w


def day_of(row, key: str) -> dt.date:
    section, _, name = key.partition(".")
    return dt.date.fromisoformat(row.content[section][name])


def review_day(row, review_id: str) -> dt.date:
    review = next(r for r in row.content["reviews"] if r["id"] == review_id)
    return dt.date.fromisoformat(review["planned_date"])


def sign_until(w, day: dt.date) -> int:
    """Every session up to `day` signed by the learner (and by its trainer for interne and
    AFEST ones), each person through their own signing action."""
    row = Dossier.objects.get(pk=w.dossier.pk)
    modality = {m["id"]: m["modality"] for m in row.content["modules"]}
    done = set(Signature.objects.filter(dossier=row).values_list("session_id", "signer"))
    count = 0
    for s in row.content["sessions"]:
        if dt.date.fromisoformat(s["date"]) > day:
            continue
        signers = ["learner"]
        if modality[s["module"]] in ("interne", "afest"):
            signers.append("trainer")
        for signer in signers:
            if (s["id"], signer) in done:
                continue
            row = Dossier.objects.get(pk=row.pk)
            attendance.sign_session(row, w.users[signer], s["id"], signer=signer)
            count += 1
    w.dossier.refresh_from_db()
    return count


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF"), content[:200]
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def fetch(page, url: str, name: str | None = None) -> str:
    """A paper downloaded through the pages (the logged-in person's own session); its text.
    With `name`, its first page kept as a PNG in the notes."""
    response = page.request.get(url)
    assert response.status == 200, f"{url}: {response.status} {response.text()[:300]}"
    body = response.body()
    if name and NOTES.parent.exists() and shutil.which("pdftoppm"):
        NOTES.mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / "paper.pdf"
            pdf.write_bytes(body)
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf),
                            str(NOTES / f"life-{name}")], check=True)  # fmt: skip
    return pdf_text(body)


def has(text: str, *words: str) -> None:
    for word in words:
        assert word in text, f"« {word} » absent de : {text[:1500]}"


def keep(page, name: str) -> None:
    if NOTES.parent.exists():
        NOTES.mkdir(exist_ok=True)
        page.screenshot(path=str(NOTES / f"life-{name}.png"), full_page=True)


def fr(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def hold_review(
    page, base, pk, review_id, day, levels, decision="Poursuivre le parcours", comment=None
):
    page.goto(f"{base}/dossiers/{pk}/")
    page.get_by_role("link", name=f"Tenir le bilan {review_id}").click()
    expect(page.get_by_role("heading", name=re.compile("^Tenir le bilan"), level=1)).to_be_visible()
    page.get_by_label("Date à laquelle le bilan a eu lieu").fill(day.isoformat())
    page.get_by_label("Marc Petit (formateur)").check()
    page.get_by_label("Paul Durand (tiers facilitateur)").check()
    for c, level in levels.items():
        page.get_by_label(f"Niveau constaté – {c}").select_option(str(level))
    if comment:
        page.get_by_label("Commentaire – C1").fill(comment)
    page.get_by_label(decision).check()
    page.get_by_role("button", name="Enregistrer le bilan").click()
    expect(page.get_by_text(re.compile(f"enregistré, tenu le {fr(day)}"))).to_be_visible()


def claim(page, base, pk, kind: str) -> None:
    page.goto(f"{base}/dossiers/{pk}/financement/")
    page.locator(f"#demande-{kind}").get_by_role("button", name="Faire la demande").click()
    expect(page.locator(f"#demande-{kind}")).to_contain_text("Demandée")


def log_hours(page, base, pk, hours: str, what: str) -> None:
    page.goto(f"{base}/dossiers/{pk}/financement/")
    page.get_by_label("Durée (heures)").fill(hours)
    page.get_by_label("Ce qui a été fait").fill(what)
    page.get_by_role("button", name="Enregistrer l'intervention").click()
    expect(page.locator("#heures")).to_contain_text(what)


def pay_all(page, base, count: int) -> None:
    page.goto(f"{base}/opco/paiements/")
    expect(page.locator(".claim")).to_have_count(count)
    for _ in range(count):
        page.locator(".claim").first.get_by_role("button", name="Marquer payée").click()
        expect(page.locator(".messages")).to_contain_text("marquée payée")
    expect(page.get_by_text("Aucune demande de paiement à traiter.")).to_be_visible()


# --- 1. from acceptance to completion ------------------------------------------------------


def test_a_contract_from_acceptance_to_completion(live_server, browser, clock):  # noqa: F811
    base = live_server.url
    today = dt.date.today()
    w = contract_world(Status.SUBMITTED, today + dt.timedelta(days=10))
    row, users = w.dossier, w.users
    pk = row.pk
    start = day_of(row, "contract.action_start")

    def person(key: str):
        """A fresh device logged in as `key` (sessions expire as the clock moves)."""
        page = device(browser, DESKTOP)
        log_in(page, base, users[key].username)
        return page

    # Acceptance: the OPCO accepts with its agreement number.
    clock.to(today, hour=9)
    opco = person("opco_staff")
    opco.goto(f"{base}/opco/dossiers/{pk}/")
    opco.locator("[name=agreement_number]").fill("ATLAS-2026-0777")
    opco.locator("[name=agreement_date]").fill(today.isoformat())
    opco.get_by_label("Numéro de dossier OPCO").fill("EXP-2026-0777")
    opco.get_by_role("button", name="Accepter le dossier").click()
    expect(opco.get_by_text("Prise en charge accordée.")).to_be_visible()

    # The company starts the contract.
    admin = person("company_admin")
    admin.goto(f"{base}/dossiers/{pk}/")
    admin.get_by_role("button", name="Démarrer le contrat").click()
    expect(admin.get_by_text("Le contrat a démarré").first).to_be_visible()
    row.refresh_from_db()
    assert row.status == Status.RUNNING

    # Before the first review the OPCO proposes an adaptation; the company accepts it.
    opco.goto(f"{base}/dossiers/{pk}/versions/")
    opco.get_by_role("link", name="Proposer une adaptation du parcours").click()
    opco.get_by_label("Objet et explication du changement").fill(
        "Le positionnement montre un besoin de pratique du logiciel : 7 heures de plus."
    )
    opco.locator("#id_modules-0-hours").fill("112")
    opco.get_by_role("button", name="Enregistrer le brouillon").click()
    opco.get_by_role("button", name="Proposer l'adaptation à l'entreprise").click()
    expect(opco.get_by_text("Adaptation proposée à l'entreprise.")).to_be_visible()
    admin.goto(f"{base}/dossiers/{pk}/versions/")
    expect(admin.get_by_text("durée portée de 105 h à 112 h").first).to_be_visible()
    admin.get_by_role("button", name="Accepter", exact=True).click()
    expect(admin.get_by_text("Adaptation acceptée : le parcours en vigueur")).to_be_visible()

    # The plan is generated for the adapted parcours.
    admin.goto(f"{base}/dossiers/{pk}/seances/")
    admin.select_option("[name='rhythm']", "jour-par-semaine")
    admin.get_by_role("button", name="Générer le calendrier").click()
    expect(admin.get_by_text("Calendrier généré").first).to_be_visible(timeout=90_000)
    keep(admin, "01-calendrier")
    row.refresh_from_db()
    sessions = row.content["sessions"]
    assert sessions and min(s["date"] for s in sessions) >= start.isoformat()
    m1 = sum(s["hours"] for s in sessions if s["module"] == "M1")
    assert m1 == 112
    for ctx in (opco, admin):
        ctx.context.close()

    # The first interne session's day: the learner signs from her account, the trainer
    # through a one-time link opened on another phone.
    first = min((s for s in sessions if s["module"] == "M2"), key=lambda s: s["date"])
    clock.to(dt.date.fromisoformat(first["date"]))
    sign_until(w, dt.date.fromisoformat(first["date"]) - dt.timedelta(days=1))
    her = person("learner")
    her.goto(f"{base}/dossiers/{pk}/emargement/")
    mine = f"li.sign-line:has(input[name=session][value='{first['id']}'])"
    line = her.locator(f"{mine}:has(button.sign-now)")
    key = line.get_attribute("id")
    line.get_by_role("button", name=re.compile("^Je signe")).click()
    expect(her.locator(f"[id='{key}']")).to_contain_text("depuis son compte")
    assert Signature.objects.filter(session_id=first["id"], signer="learner").exists()
    his = person("trainer")
    his.goto(f"{base}/dossiers/{pk}/emargement/")
    own = his.locator(f"{mine}:has(button.link)", has_text="(vous)")
    own.get_by_role("button", name=re.compile("Lien ou QR code")).click()
    link = his.locator(".qr a").get_attribute("href")
    scanner = device(browser)
    scanner.goto(link)
    scanner.get_by_role("button", name="Je signe", exact=True).click()
    expect(scanner.get_by_role("heading", name="Séance signée")).to_be_visible()
    keep(scanner, "02-lien-signe")
    trainer_sig = Signature.objects.get(session_id=first["id"], signer="trainer")
    assert trainer_sig.method == "link"
    for ctx in (her, his, scanner):
        ctx.context.close()

    # Training has started: the first payment and the facilitator's first invoice are
    # claimed and paid.
    admin = person("company_admin")
    claim(admin, base, pk, "first_payment")
    keep(admin, "03-financement-premiere-demande")
    helper = person("facilitator")
    log_hours(helper, base, pk, "7", "Aide à la rédaction du référentiel et du parcours")
    claim(helper, base, pk, "facilitator_invoice_1")
    opco = person("opco_staff")
    pay_all(opco, base, 2)
    for ctx in (admin, helper, opco):
        ctx.context.close()

    # B1 on its day: the tutor holds it.
    b1 = review_day(row, "B1")
    clock.to(b1)
    sign_until(w, b1)
    tutor = person("tutor")
    hold_review(tutor, base, pk, "B1", b1, dict.fromkeys(COMPETENCES, 1),
                comment="Paramètre seule un dossier simple")  # fmt: skip
    keep(tutor, "04-progression-apres-b1")
    tutor.context.close()

    # After B1 a change is an avenant: drafted, accepted by the OPCO, signed by the parties.
    admin = person("company_admin")
    admin.goto(f"{base}/dossiers/{pk}/versions/")
    admin.get_by_role("link", name="Rédiger un avenant").click()
    admin.get_by_label("Objet et explication du changement").fill(
        "Le bilan B1 a montré que la DSN demande plus de pratique : 14 heures de plus."
    )
    admin.locator("#id_modules-2-hours").fill("70")
    admin.get_by_role("button", name="Enregistrer le brouillon").click()
    admin.get_by_role("button", name="Soumettre l'avenant à l'OPCO").click()
    expect(admin.get_by_text("Avenant soumis à l'OPCO.")).to_be_visible()
    opco = person("opco_staff")
    opco.goto(f"{base}/dossiers/{pk}/versions/")
    opco.locator("form.answer").first.get_by_role("button", name="Accepter").click()
    expect(opco.get_by_text("Avenant accepté")).to_be_visible()
    her = person("learner")
    her.goto(f"{base}/dossiers/{pk}/versions/")
    her.get_by_role("button", name="Enregistrer la signature").click()
    expect(her.get_by_text("Signature enregistrée.")).to_be_visible()
    admin.goto(f"{base}/dossiers/{pk}/versions/")
    for _ in range(3):
        admin.get_by_role("button", name="Enregistrer la signature").first.click()
        expect(admin.get_by_text("Signature enregistrée").first).to_be_visible()
    expect(admin.get_by_text("L'avenant est signé par toutes les parties")).to_be_visible()
    keep(admin, "05-versions")
    # The plan follows the avenant (signed sessions kept).
    admin.goto(f"{base}/dossiers/{pk}/seances/")
    summary = admin.get_by_text("Générer à nouveau le calendrier")
    if summary.count():
        summary.first.click()
    admin.select_option("[name='rhythm']", "jour-par-semaine")
    admin.get_by_role("button", name="Générer le calendrier").click()
    expect(admin.get_by_text("Calendrier généré").first).to_be_visible(timeout=90_000)
    row.refresh_from_db()
    assert sum(s["hours"] for s in row.content["sessions"] if s["module"] == "M3") == 70
    for ctx in (admin, opco, her):
        ctx.context.close()

    # B2 on its day; the trainer evaluates his module M2.
    b2 = review_day(row, "B2")
    clock.to(b2)
    sign_until(w, b2)
    tutor = person("tutor")
    hold_review(tutor, base, pk, "B2", b2, dict.fromkeys(COMPETENCES, 2))
    his = person("trainer")
    his.goto(f"{base}/dossiers/{pk}/")
    his.get_by_role("link", name="Évaluer M2").click()
    his.get_by_label("Date de l'évaluation").fill(b2.isoformat())
    his.get_by_label("Niveau constaté – C5").select_option("2")
    his.get_by_label("Niveau constaté – C6").select_option("3")
    his.get_by_label("Commentaire – C5").fill("Cas pratique réussi sans aide")
    his.get_by_role("button", name="Enregistrer l'évaluation").click()
    expect(his.get_by_text("Évaluation du module M2 enregistrée.")).to_be_visible()
    for ctx in (tutor, his):
        ctx.context.close()

    # The end: every session signed, the final review, the certificat, the attestation,
    # the last claims, the contract closed.
    end = day_of(row, "contract.action_end")
    b3 = review_day(row, "B3")
    clock.to(end)
    sign_until(w, end)
    final = {"C1": 3, "C2": 3, "C3": 3, "C4": 2, "C5": 2, "C6": 3, "C7": 1}
    tutor = person("tutor")
    hold_review(tutor, base, pk, "B3", b3, final)
    tutor.context.close()
    admin = person("company_admin")
    admin.goto(f"{base}/dossiers/{pk}/cloture/")
    admin.get_by_role("button", name="Joindre le certificat au dossier").click()
    expect(admin.get_by_text("Le certificat de réalisation est joint au dossier.")).to_be_visible()
    admin.get_by_role("button", name="Préparer l'attestation").click()
    expect(admin.get_by_text("L'attestation de fin de contrat est préparée.")).to_be_visible()
    claim(admin, base, pk, "final_payment")
    helper = person("facilitator")
    log_hours(helper, base, pk, "7", "Bilans de suivi et bilan final avec le tuteur")
    claim(helper, base, pk, "facilitator_invoice_2")
    keep(helper, "06-financement-facilitateur")
    opco = person("opco_staff")
    pay_all(opco, base, 2)
    admin.goto(f"{base}/dossiers/{pk}/cloture/")
    button = admin.get_by_role("button", name="Clore le contrat")
    if button.is_disabled():
        left = admin.locator(".closing-todo .what").all_inner_texts()
        pytest.fail(f"Clôture encore bloquée : {left}")
    button.click()
    expect(admin.get_by_text("Le contrat est clos.").first).to_be_visible()
    keep(admin, "07-contrat-clos")
    row.refresh_from_db()
    assert row.status == Status.COMPLETED
    claims = {c.kind: c for c in FundingClaim.objects.filter(dossier=row)}
    assert {k: c.state for k, c in claims.items()} == dict.fromkeys(
        ("first_payment", "final_payment", "facilitator_invoice_1", "facilitator_invoice_2"),
        "paid",
    )

    # The papers, downloaded through the pages.
    papers = f"{base}/dossiers/{pk}/documents/du-dossier"
    text = fetch(admin, f"{papers}/bilan.pdf?index=B1", "bilan-b1")
    has(text, "Dossier Atlas n° EXP-2026-0777", "Nadia Exemple", "Bilan tenu par Sophie Bernard",
        fr(b1),
        "Paramètre seule un dossier simple", "Progression par compétence")  # fmt: skip
    text = fetch(admin, f"{papers}/bilan-final.pdf?index=B3", "bilan-final")
    has(text, "Nadia Exemple", fr(b3), "Progression par compétence")
    text = fetch(admin, f"{base}/dossiers/{pk}/versions/3/avenant.pdf", "avenant")
    has(text, "Avenant n° 1", "Nadia Exemple", "Le bilan B1 a montré", "56 h", "70 h")
    # Every session was signed: the hours done are those of the parcours in force (the
    # adaptation's 112 h for M1, the avenant's 70 h for M3), 315 h in all.
    signed = sum(s["hours"] for s in row.content["sessions"])
    assert signed == 315
    text = fetch(admin, f"{papers}/certificat.pdf", "certificat")
    has(
        text,
        "Certificat de réalisation",
        "Nadia Exemple",
        "EXP-2026-0777",
        "ATLAS-2026-0777",
        "durée réalisée de 315 h",
        "M1 – Maîtrise du logiciel de paie Formation externe 112 h",
    )
    text = fetch(admin, f"{papers}/attestation.pdf", "attestation")
    has(text, "Attestation de fin de contrat", "Nadia Exemple", "a suivi 315 h de formation",
        f"bilan final B3 du {fr(b3)}", "6 compétence(s) sur 7")  # fmt: skip
    first_claim = claims["first_payment"]
    text = fetch(admin, f"{papers}/demande-paiement.pdf?index=entreprise-1", "demande-1")
    has(text, first_claim.invoice_number, "1 000 €", "payée le")
    text = fetch(admin, f"{papers}/demande-paiement.pdf?index=entreprise-2", "demande-2")
    has(text, claims["final_payment"].invoice_number, "2 000 €", "payée le")
    text = fetch(admin, f"{papers}/demande-paiement.pdf?index=facilitateur-service-fait",
                 "service-fait")  # fmt: skip
    has(text, "Certificat de service fait", "Paul Durand", "Nadia Exemple", "EXP-2026-0777",
        "Aide à la rédaction du référentiel et du parcours", "Bilans de suivi et bilan final",
        "Total 14 h sur 14 h de mission")  # fmt: skip
    for ctx in (admin, helper, opco):
        ctx.context.close()


# --- 2. a rupture ----------------------------------------------------------------------------


def test_a_contract_ending_in_a_rupture(live_server, browser, clock):  # noqa: F811
    base = live_server.url
    today = dt.date.today()
    clock.to(today)
    w = contract_world(Status.RUNNING, today - dt.timedelta(days=300))
    row, users, pk = w.dossier, w.users, w.dossier.pk
    row.agreement_number, row.agreement_date = "ATLAS-2026-0888", today - dt.timedelta(days=320)
    row.save(update_fields=["agreement_number", "agreement_date"])
    b1 = review_day(row, "B1")
    session_day = b1 - dt.timedelta(days=3)
    while session_day.weekday() > 4:
        session_day -= dt.timedelta(days=1)
    times = {"start_time": "09:00", "end_time": "12:30", "hours": 3.5}
    factories.add_sessions(row, [
        {"id": "S1", "module": "M2", "date": session_day.isoformat(), **times},
        {"id": "S2", "module": "M1", "date": (session_day + dt.timedelta(days=7)).isoformat(),
         **times},
        {"id": "S3", "module": "M4", "date": (today + dt.timedelta(days=7)).isoformat(), **times},
    ])  # fmt: skip

    def person(key: str):
        page = device(browser, DESKTOP)
        log_in(page, base, users[key].username)
        return page

    # The learner and the trainer sign S1 from their accounts.
    for key in ("learner", "trainer"):
        page = person(key)
        page.goto(f"{base}/dossiers/{pk}/emargement/")
        line = page.locator("li.sign-line:has(input[name=session][value=S1]):has(button.sign-now)")
        key = line.get_attribute("id")
        line.get_by_role("button", name=re.compile("^Je signe")).click()
        expect(page.locator(f"[id='{key}']")).to_contain_text("depuis son compte")
        page.context.close()
    assert Signature.objects.filter(dossier=row, session_id="S1").count() == 2

    # B1 held by the tutor.
    tutor = person("tutor")
    levels = {"C1": 1, "C2": 1, "C3": 0, "C4": 1, "C5": 2, "C6": 1, "C7": 0}
    hold_review(tutor, base, pk, "B1", b1, levels, comment="Premiers bulletins avec aide")
    tutor.context.close()

    # The company claims its first payment; the second is not due.
    admin = person("company_admin")
    claim(admin, base, pk, "first_payment")
    expect(
        admin.locator("#demande-final_payment").get_by_role("button", name="Faire la demande")
    ).to_have_count(0)

    # The rupture, declared with its reason.
    admin.goto(f"{base}/dossiers/{pk}/")
    admin.get_by_role("link", name="Rupture du contrat").first.click()
    rupture_day = today - dt.timedelta(days=2)
    admin.get_by_label("Date de la rupture").fill(rupture_day.isoformat())
    admin.get_by_label("Démission").check()
    admin.get_by_role("button", name="Enregistrer la rupture").click()
    expect(admin.get_by_text("La rupture est enregistrée et le contrat est rompu")).to_be_visible()
    row.refresh_from_db()
    assert row.status == Status.TERMINATED
    papers = f"{base}/dossiers/{pk}/documents/du-dossier"
    text = fetch(admin, f"{papers}/notification-rupture.pdf", "notification-rupture")
    has(text, "Nadia Exemple", fr(rupture_day), "Démission", "ATLAS-2026-0888", "3,5 h")
    sent = today - dt.timedelta(days=1)
    admin.get_by_label("Date d'envoi de la notification écrite à l'OPCO").fill(sent.isoformat())
    admin.get_by_role("button", name="Enregistrer les corrections").click()
    expect(admin.get_by_text("La rupture est mise à jour.")).to_be_visible()
    keep(admin, "10-rupture")

    # The OPCO acknowledges.
    opco = person("opco_staff")
    opco.goto(f"{base}/dossiers/{pk}/rupture/")
    opco.get_by_label("Date de l'accusé de réception").fill(today.isoformat())
    opco.get_by_role("button", name="Accuser réception").click()
    expect(opco.get_by_text("la rupture est définitive")).to_be_visible()

    # The attestation from the last held review.
    admin.goto(f"{base}/dossiers/{pk}/cloture/")
    admin.get_by_role("button", name="Préparer l'attestation").click()
    expect(admin.get_by_text("L'attestation de fin de contrat est préparée.")).to_be_visible()
    keep(admin, "11-rupture-cloture")
    text = fetch(admin, f"{papers}/attestation.pdf", "attestation-rupture")
    has(text, "Nadia Exemple", f"bilan de suivi B1 du {fr(b1)}", "a suivi 3,5 h",
        f"anticipée le {fr(rupture_day)} (Démission)")  # fmt: skip

    # Only the first claims are due: the facilitator may claim its first invoice only.
    helper = person("facilitator")
    log_hours(helper, base, pk, "7", "Aide à la rédaction du référentiel et du parcours")
    claim(helper, base, pk, "facilitator_invoice_1")
    expect(
        helper.locator("#demande-facilitator_invoice_2").get_by_role(
            "button", name="Faire la demande"
        )
    ).to_have_count(0)
    keep(helper, "12-rupture-financement")
    assert set(FundingClaim.objects.filter(dossier=row).values_list("kind", flat=True)) == {
        "first_payment",
        "facilitator_invoice_1",
    }
    text = fetch(admin, f"{papers}/demande-paiement.pdf?index=entreprise-1", "rupture-demande-1")
    has(text, "1 000 €", "Nadia Exemple")
    text = fetch(admin, f"{papers}/bilan.pdf?index=B1", "rupture-bilan-b1")
    has(text, "Premiers bulletins avec aide", fr(b1), "Progression par compétence")
    for ctx in (admin, opco, helper):
        ctx.context.close()
