"""The funding papers on both profiles: the convention's article 9, the financing table and
the payment claim of an experienced company (hour-based, no facilitator funding)."""

import pytest

from parcours.domain.documents import DocumentNotReady, render_document
from parcours.domain.documents.registry import UnknownDocument
from tests.documents.conftest import assert_contains, completed_data, dossier_from, pdf_text, squash


def closed(experienced: bool, rate: float | None = 40.0) -> dict:
    data = completed_data()
    data["documents"].append({"kind": "certificat_realisation", "date": "2028-01-03"})
    data["attestation"] = {"date": "2028-01-04", "competences": []}
    if experienced:
        data["company"]["first_contract"] = False
        data["funding"] = {"hourly_rate": rate}
    return data


def paper(data, name, **kw) -> str:
    return pdf_text(render_document(dossier_from(data), name, "pdf", **kw))


def attended(data) -> float:
    return sum(
        s.get("attended_hours") if s.get("attended_hours") is not None else s["hours"]
        for s in data["sessions"]
        if s.get("attended_hours") is not None or s.get("learner_signed")
    )


def test_convention_first_contract_keeps_the_forfait():
    text = paper(closed(False), "convention")
    assert_contains(text, "forfait parcours défini à 2 500 €", "financement en deux temps")


def test_convention_experienced_says_hour_based_without_facilitator_funding():
    text = squash(paper(closed(True), "convention"))
    assert squash("forfait horaire de 40 € par heure de formation effectivement suivie") in text
    assert squash("n'est pas financé par") in text
    assert squash("forfait parcours défini") not in text
    assert squash("financement en deux temps") not in text


def test_convention_experienced_without_rate_leaves_it_to_the_opco():
    text = paper(closed(True, rate=None), "convention")
    assert_contains(text, "taux horaire à fixer par l'OPCO")


def test_financing_table_experienced_lists_one_payment():
    data = closed(True)
    text = squash(paper(data, "financement"))
    assert squash("Versement des heures suivies") in text
    assert squash("Premier versement") not in text and squash("Facture 1") not in text


def test_experienced_claim_paper_is_the_hours_attended():
    data = closed(True)
    amount = attended(data) * 40
    text = paper(data, "demande-paiement", index="entreprise-2")
    assert_contains(text, "Versement des heures suivies", f"{amount:,.0f} €".replace(",", " "))
    # No first payment for an experienced company: the paper is not offered at all.
    with pytest.raises(UnknownDocument):
        render_document(dossier_from(data), "demande-paiement", index="entreprise-1")


def test_experienced_claim_waits_for_the_rate():
    with pytest.raises(DocumentNotReady) as caught:
        render_document(dossier_from(closed(True, rate=None)), "demande-paiement",
                        index="entreprise-2")  # fmt: skip
    assert "taux horaire" in caught.value.reason
