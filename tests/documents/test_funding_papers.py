"""The money's papers: payment claims and facilitator invoices (ready once due, with their
invoice number and state once made), the facilitator's certificate of service, the
financing table with real costs and the company's remaining cost."""

import pytest

from parcours.domain.documents import DocumentNotReady, render_document
from tests.documents.conftest import (
    assert_contains,
    completed_data,
    dossier_from,
    pdf_text,
    squash,
)


def closed_data(afest_signed: bool = False) -> dict:
    """The completed demo with everything FIN-02 asks, and optionally a signed AFEST session."""
    data = completed_data()
    data["documents"].append({"kind": "certificat_realisation", "date": "2028-01-03"})
    data["attestation"] = {"date": "2028-01-04", "competences": []}
    data["sessions"].append(
        {"id": "S9", "module": "M4", "date": "2027-03-09", "hours": 7,
         "learner_signed": afest_signed}
    )  # fmt: skip
    return data


def claim_text(data: dict, key: str) -> str:
    return pdf_text(render_document(dossier_from(data), "demande-paiement", index=key))


def test_the_first_payment_is_not_ready_before_a_signed_session():
    data = completed_data()
    data.update(status="running", as_of="2027-03-01")
    for s in data["sessions"]:
        s["learner_signed"] = False
    with pytest.raises(DocumentNotReady) as caught:
        render_document(dossier_from(data), "demande-paiement", index="entreprise-1")
    assert "aucune séance n'est signée" in caught.value.reason


def test_second_payment_without_a_signed_afest_session_is_1500_euros():
    text = claim_text(closed_data(afest_signed=False), "entreprise-2")
    assert_contains(text, "1 500 €", "Attestation de fin de contrat de professionnalisation")
    assert "2000€" not in squash(text)  # (a SIRET such as « 632 00017 » holds « 2 000 »)


def test_second_payment_with_a_signed_afest_session_is_2000_euros():
    assert_contains(claim_text(closed_data(afest_signed=True), "entreprise-2"), "2 000 €",
                    "Second versement (dont AFEST)")  # fmt: skip


def test_a_claim_made_carries_its_invoice_number_date_and_state():
    data = completed_data()
    data["claims"] = [
        {"kind": "first_payment", "amount": 1000, "state": "paid", "due_on": "2027-03-02",
         "claimed_on": "2027-03-05", "invoice_number": "2027-0001", "paid_on": "2027-04-02"},
        {"kind": "facilitator_invoice_1", "amount": 1250, "state": "rejected",
         "due_on": "2027-01-04", "claimed_on": "2027-01-05", "invoice_number": "2027-0003",
         "rejected_on": "2027-01-20", "rejection_reason": "SIRET illisible"},
    ]  # fmt: skip
    assert_contains(claim_text(data, "entreprise-1"), "N° de facture", "2027-0001",
                    "payée le 02/04/2027", "Date de facturation : 05/03/2027")  # fmt: skip
    assert_contains(claim_text(data, "facilitateur-1"), "2027-0003",
                    "rejetée le 20/01/2027 : SIRET illisible")  # fmt: skip
    table = pdf_text(render_document(dossier_from(data), "financement"))
    assert_contains(table, "Demandes de paiement", "2027-0001", "payée le 02/04/2027")


def test_after_a_rupture_the_second_payment_is_refused_with_the_reason():
    data = closed_data(afest_signed=True)
    data.update(status="terminated", rupture={"date": "2027-05-01", "reason": "Démission"})
    with pytest.raises(DocumentNotReady) as caught:
        render_document(dossier_from(data), "demande-paiement", index="entreprise-2")
    assert "rompu" in caught.value.reason
    with pytest.raises(DocumentNotReady):
        render_document(dossier_from(data), "demande-paiement", index="facilitateur-2")
    assert_contains(claim_text(data, "facilitateur-1"), "1 250 €")


def test_the_certificate_of_service_lists_the_logged_hours():
    data = completed_data()
    with pytest.raises(DocumentNotReady) as caught:
        render_document(dossier_from(data), "demande-paiement", index="facilitateur-service-fait")
    assert "aucune heure" in caught.value.reason
    data["facilitator_log"] = [
        {"date": "2026-10-05", "hours": 3.5, "activity": "Rédaction du référentiel métier",
         "author": "Paul Conseil"},
        {"date": "2027-02-25", "hours": 2, "activity": "Bilan de suivi B1 avec le tuteur",
         "author": "Paul Conseil"},
    ]  # fmt: skip
    text = claim_text(data, "facilitateur-service-fait")
    assert_contains(text, "Certificat de service fait", "05/10/2026", "3,5 h",
                    "Rédaction du référentiel métier", "Bilan de suivi B1 avec le tuteur",
                    "5,5 h", "sur 14 h de mission", "Paul Conseil", "EXP-2027-0042")  # fmt: skip


def test_real_costs_fill_the_article_9_table_and_the_remaining_cost():
    data = completed_data()
    costs = {"M1": 4200, "M2": 1500, "M3": 2240, "M4": 800, "M5": 300}
    for m in data["modules"]:
        m["real_cost"] = costs[m["id"]]
    table = pdf_text(render_document(dossier_from(data), "financement"))
    # 2,500 + 6,440 + 1,800 + 800 = 11,540 real; 5,500 possible: 6,040 left to the company.
    assert_contains(table, "6 440", "1 800", "11 540", "Reste à charge de l'entreprise",
                    "6 040 €")  # fmt: skip
    convention = pdf_text(render_document(dossier_from(data), "convention"))
    assert_contains(convention, "11 540", "Reste à charge de l'entreprise (coût réel")
