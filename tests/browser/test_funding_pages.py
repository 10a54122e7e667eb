"""« Financement » and « Paiements à traiter » in a browser, at 1280 px and 390 px: the
company admin enters real costs and claims its first payment, the facilitator logs its hours
and claims its invoice, the OPCO pays one claim and rejects the other with a reason, which
the facilitator reads. axe-clean, no horizontal scroll on a phone. Screenshots of the pages
and of the papers kept in the notes (/work/notes/shots/funding-*.png)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from parcours.domain.documents import render_document
from parcours.dossiers import convert
from tests import factories
from tests.browser.test_closing_pages import checked, keep_paper
from tests.browser.test_full_journey import log_in
from tests.documents.conftest import assert_contains, pdf_text
from tests.funding.conftest import close, sign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def running_world():
    """A running contract accepted 30 days ago; S1, S2 two days ago (the learner signed S2),
    S3 (AFEST) in a week; what FIN-02 asks is there, an AFEST session held and signed."""
    world = factories.world(status="running")
    factories.Dossier.objects.filter(pk=world.dossier.pk).update(
        agreement_number="ACC-2026-17",
        agreement_date=timezone.localdate() - dt.timedelta(days=30),
        reference="EXP-2026-0099",
    )
    factories.add_sessions(world.dossier)
    world.dossier.refresh_from_db()
    sign(world)
    close(world, afest=True)
    return world


def test_claims_made_paid_and_rejected_in_the_pages(live_server, browser_page):
    world = running_world()
    row, page, base = world.dossier, browser_page, live_server.url

    # The company admin: real costs, then the first payment.
    log_in(page, base, world.users["company_admin"].username)
    page.goto(f"{base}/dossiers/{row.pk}/")
    page.get_by_role("link", name="Financement").first.click()
    expect(page.get_by_role("heading", name="Financement", exact=True)).to_be_visible()
    expect(page.locator("#demande-final_payment")).to_contain_text("2 000")
    page.get_by_text("Renseigner le coût réel des modules").click()
    for module, cost in {"M1": "4200", "M2": "1500", "M3": "2240,50", "M4": "800",
                         "M5": "300"}.items():  # fmt: skip
        page.locator(f"#cout-{module}").fill(cost)
    page.get_by_role("button", name="Enregistrer les coûts réels").click()
    expect(page.locator(".remaining")).to_contain_text("6 040,50")
    page.locator("#demande-first_payment").get_by_role("button", name="Faire la demande").click()
    expect(page.locator(".messages")).to_contain_text("facture n°")
    checked(page, "funding-entreprise")
    page.get_by_role("button", name="Se déconnecter").click()

    # The facilitator: hours, then its first invoice.
    log_in(page, base, world.users["facilitator"].username)
    page.goto(f"{base}/dossiers/{row.pk}/financement/")
    page.get_by_label("Durée (heures)").fill("3,5")
    page.get_by_label("Ce qui a été fait").fill("Rédaction du référentiel métier avec le tuteur")
    page.get_by_role("button", name="Enregistrer l'intervention").click()
    expect(page.locator("#heures")).to_contain_text("Rédaction du référentiel métier")
    page.get_by_label("Durée (heures)").fill("11")
    page.get_by_label("Ce qui a été fait").fill("Tout le reste")
    page.get_by_role("button", name="Enregistrer l'intervention").click()
    expect(page.locator("#heures")).to_contain_text("il reste 10,5")
    page.get_by_label("Durée (heures)").fill("2")
    page.get_by_label("Ce qui a été fait").fill("Bilan de suivi avec le tuteur et le salarié")
    page.get_by_role("button", name="Enregistrer l'intervention").click()
    invoice = page.locator("#demande-facilitator_invoice_1")
    invoice.get_by_role("button", name="Faire la demande").click()
    expect(page.locator("#demande-facilitator_invoice_1")).to_contain_text("Demandée")
    checked(page, "funding-facilitateur")
    page.get_by_role("button", name="Se déconnecter").click()

    # The OPCO: pays the company's claim, rejects the facilitator's.
    log_in(page, base, world.users["opco_staff"].username)
    page.get_by_role("link", name="Paiements à traiter").click()
    expect(page.locator(".claim")).to_have_count(2)
    checked(page, "funding-opco-paiements")
    first = page.locator(".claim", has_text="Premier versement à l'entreprise")
    first.get_by_role("button", name="Marquer payée").click()
    expect(page.locator(".messages")).to_contain_text("marquée payée")
    other = page.locator(".claim", has_text="Première facture du tiers facilitateur")
    other.get_by_label("Motif du rejet").fill("Le numéro SIRET ne figure pas sur la facture.")
    other.get_by_role("button", name="Rejeter").click()
    expect(page.get_by_text("Aucune demande de paiement à traiter.")).to_be_visible()
    page.goto(f"{base}/dossiers/{row.pk}/financement/")
    checked(page, "funding-opco-dossier")
    page.get_by_role("button", name="Se déconnecter").click()

    # The facilitator reads the reason and may claim again.
    log_in(page, base, world.users["facilitator"].username)
    page.goto(f"{base}/dossiers/{row.pk}/financement/")
    invoice = page.locator("#demande-facilitator_invoice_1")
    expect(invoice).to_contain_text("Le numéro SIRET ne figure pas sur la facture.")
    expect(invoice.get_by_role("button", name="Faire la demande")).to_be_visible()

    # The papers carry the number and the state; the certificate lists the hours.
    row.refresh_from_db()
    claim = row.claims.get(kind="first_payment")
    domain = convert.to_domain(row)
    demande = render_document(domain, "demande-paiement", index="entreprise-1")
    assert_contains(pdf_text(demande), claim.invoice_number, "payée le", "1 000 €")
    keep_paper(demande, "funding-paper-demande-entreprise-1")
    final = render_document(domain, "demande-paiement", index="entreprise-2")
    assert_contains(pdf_text(final), "2 000 €", "Second versement (dont AFEST)")
    keep_paper(final, "funding-paper-demande-entreprise-2")
    service = render_document(domain, "demande-paiement", index="facilitateur-service-fait")
    text = pdf_text(service)
    assert_contains(text, "Certificat de service fait", "Rédaction du référentiel métier",
                    "5,5 h", "sur 14 h de mission")  # fmt: skip
    assert re.search(r"\d{2}/\d{2}/\d{4}", text)
    keep_paper(service, "funding-paper-service-fait")
    table = render_document(domain, "financement")
    assert_contains(pdf_text(table), "Reste à charge de l'entreprise", "Demandes de paiement")
    keep_paper(table, "funding-paper-financement")
