"""The review's fidelity fixes (issue 12), read back from the PDF and DOCX text."""

import io
import re

from docx import Document

from parcours.domain.documents import build_paper, render_document
from parcours.domain.documents.blocks import Heading, Para, Signatures
from parcours.domain.documents.typography import french
from tests.documents.conftest import (
    assert_contains,
    completed_data,
    demo_data,
    docx_text,
    dossier_from,
    pdf_text,
    squash,
)


def accepted_data() -> dict:
    data = completed_data()
    data["agreement"] = {"number": "ACC-77812", "date": "2027-01-02"}
    return data


# French typography --------------------------------------------------------------------


def test_french_typography_of_one_text():
    assert french("Article 1 : Objet") == "Article 1\u00a0: Objet"
    assert french("Pourquoi ? Voilà ; et !") == "Pourquoi\u202f? Voilà\u202f; et\u202f!"
    assert french("15 % du contrat") == "15\u00a0% du contrat"
    assert french("jusqu'à 2 500 €") == "jusqu\u2019à 2\u202f500\u00a0€"
    assert french("« Zoé »") == "«\u00a0Zoé\u00a0»"
    assert french("à 10:30, voir https://exemple.fr") == "à 10:30, voir https://exemple.fr"
    once = french("L'Entreprise : 1 500 € ; 25 %")
    assert french(once) == once  # idempotent


def test_papers_are_set_in_french_typography(demo):
    paper = build_paper(demo, "convention")
    headings = [b.text for b in paper.blocks if isinstance(b, Heading)]
    assert "Article 1\u00a0: Objet de la convention de formation" in headings
    words = " ".join(str(part) for b in paper.blocks if isinstance(b, Para) for part in b.parts)
    assert "l\u2019Entreprise" in words and "l'Entreprise" not in words
    assert "jusqu\u2019à 2\u202f500\u00a0€" in words
    content = docx_text(render_document(demo, "convention", "docx"))
    assert "Article 1\u00a0:" in content and "L\u2019Opérateur de Compétences" in content


# Draft mark ---------------------------------------------------------------------------


def blocking_data() -> dict:
    data = demo_data()
    for m in data["modules"]:  # a parcours far too short: VOL findings are bloquant
        m["hours"] = 1
    return data


def test_a_dossier_with_bloquant_findings_prints_projet_non_conforme():
    d = dossier_from(blocking_data())
    assert build_paper(d, "referentiel").draft_mark == "PROJET — non conforme"
    assert "PROJET — non conforme" in pdf_text(render_document(d, "referentiel"))
    word = Document(io.BytesIO(render_document(d, "referentiel", "docx")))
    assert "PROJET — non conforme" in [p.text for p in word.sections[0].header.paragraphs]


def test_a_conforming_dossier_has_no_draft_mark(demo):
    assert build_paper(demo, "referentiel").draft_mark is None
    assert "PROJET" not in pdf_text(render_document(demo, "referentiel"))


# Signature boxes ----------------------------------------------------------------------


def test_signature_boxes_are_empty_with_name_and_quality_never_signe(completed):
    # the demo's convention is recorded as signed by every party: the paper still shows
    # empty boxes, since it holds no image of any signature
    assert completed.documents
    paper = build_paper(completed, "convention")
    box = next(b for b in paper.blocks if isinstance(b, Signatures))
    assert box.quality(0) == "Associée gérante"
    text = pdf_text(render_document(completed, "convention"))
    assert "Signé" not in text
    assert_contains(text.split("Signatures")[-1], "Claire Martin", "Associée gérante",
                    "Paul Durand", "Consultant", "Date et signature")  # fmt: skip
    word = docx_text(render_document(completed, "convention", "docx"))
    assert "Signé" not in word and "Associée gérante" in word


def test_the_opco_blanks_leave_a_line_to_write_on(demo):
    text = pdf_text(render_document(demo, "convention"))
    opco = text.split("Opérateur de Compétences")[1]
    assert re.search(r"Adresse\s+…{20,}", opco)
    assert re.search(r"Représenté\(e\) par\s+…{20,}", opco)


# OPCO numbers -------------------------------------------------------------------------


def test_headers_and_claims_carry_the_dossier_and_agreement_numbers():
    d = dossier_from(accepted_data())
    assert "accord n° ACC-77812 du 02/01/2027" in build_paper(d, "livret").header
    text = pdf_text(render_document(d, "parcours"))
    assert_contains(text, "EXP-2027-0042", "ACC-77812")
    claim = pdf_text(render_document(d, "demande-paiement", index="entreprise-1"))
    assert_contains(claim, "N° de dossier Atlas EXP-2027-0042",
                    "N° d'accord de prise en charge ACC-77812 du 02/01/2027")  # fmt: skip
    assert "à reporter" not in claim and "sans numéro" not in claim


# Article 9 ----------------------------------------------------------------------------


def test_article_9_keeps_the_seed_wording_and_totals_real_costs():
    data = demo_data()
    for m in data["modules"]:
        m["real_cost"] = 1000
    d = dossier_from(data)
    text = squash(pdf_text(render_document(d, "convention")))
    assert squash("Montant estimé à 2 500 € à ajuster selon le prestataire") in text
    modules = len([m for m in d.modules if not m.dispensed and m.hours])
    total = 2500 + 1000 * modules
    assert squash(f"TOTAL 308 {total:,}".replace(",", " ")) in text


# Claims and invoices ------------------------------------------------------------------


def test_claims_carry_invoice_number_addressee_and_vat_lines():
    data = accepted_data()
    data["claims"] = [{"kind": "first_payment", "amount": 1000, "state": "claimed",
                       "due_on": "2027-03-02", "claimed_on": "2027-03-05",
                       "invoice_number": "F-2027-0001"}]  # fmt: skip
    text = pdf_text(render_document(dossier_from(data), "demande-paiement", index="entreprise-1"))
    assert_contains(text, "N° de facture F-2027-0001", "Destinataire Atlas",
                    "851 296 632 00017", "Total hors taxes (HT) 1 000 €", "TVA au taux de",
                    "Montant total toutes taxes comprises (TTC)", "TVA non applicable")  # fmt: skip
    # without a claim yet, a line to write the invoice number on
    blank = pdf_text(render_document(dossier_from(accepted_data()), "demande-paiement",
                                     index="facilitateur-1"))  # fmt: skip
    assert re.search(r"N° de facture\s+…{20,}", blank)


# Parcours, positioning, séquence, livret ------------------------------------------------


def test_parcours_has_a_recognition_column_and_a_month_by_month_grid():
    data = demo_data()
    data["modules"][0]["recognition"] = "Bloc de compétences RNCP35150BC01"
    d = dossier_from(data)
    text = pdf_text(render_document(d, "parcours"))
    assert_contains(text, "Reconnaissance (bloc de compétences)", "RNCP35150BC01",
                    "Planning de l'alternance, mois par mois", "janv. 27", "déc. 27",
                    "Heures de formation du mois")  # fmt: skip
    word = docx_text(render_document(d, "parcours", "docx"))
    assert "Reconnaissance (bloc de compétences)" in word and "févr. 27" in word


def test_positioning_flags_a_gap_of_two_without_reinforcement_and_has_signatures(demo):
    text = pdf_text(render_document(demo, "positionnement"))
    # C1: expected 3, assessed 0, modules M1 and M5 standard -> flagged
    assert_contains(text, "3 – sans renforcement", "Date et signature", "Nadia Exemple",
                    "Sophie Bernard")  # fmt: skip
    data = demo_data()
    for m in data["modules"]:
        m["adaptation"] = "renforcement"
    text = pdf_text(render_document(dossier_from(data), "positionnement"))
    assert "sans renforcement" not in text and squash("3 (renforcé)") in squash(text)


def test_the_sequence_shows_hours_per_date(demo):
    text = pdf_text(render_document(demo, "sequence", index="M2"))
    # 49 h over 5 dates, no session yet: 9,8 h each
    assert_contains(text, "18/01/2027 9,8 h", "22/11/2027 9,8 h", "Total 49 h")


def test_the_livret_takes_reviews_and_contacts_from_the_dossier(demo):
    text = pdf_text(render_document(demo, "livret"))
    assert_contains(text, "un bilan de suivi le 25/02/2027", "le bilan final le 20/12/2027",
                    "Paul Durand, Consultant", "Claire Martin, Associée gérante")  # fmt: skip
    assert "6e mois" not in text
    # training hours without the facilitator's 14 h: 308 - 14
    assert_contains(text, "Le parcours compte 294 h de formation")
    short = demo_data()
    short["reviews"] = [r for r in short["reviews"] if r["kind"] == "final"]
    text = pdf_text(render_document(dossier_from(short), "livret"))
    assert "bilan de suivi le" not in text and "2e" not in text


# DOCX structure ----------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_docx_tables_have_widths_repeated_headers_and_unsplit_rows(demo):
    word = Document(io.BytesIO(render_document(demo, "parcours", "docx")))
    table = word.tables[1]  # the modules (the first is the identity)
    grid = [int(c.get(W + "w")) for c in table._tbl.tblGrid.iter(W + "gridCol")]
    assert len(grid) == 10 and len(set(grid)) > 3  # real widths, not equal columns
    assert table._tbl.tblPr.find(W + "tblLayout").get(W + "type") == "fixed"
    assert table.rows[0]._tr.trPr.find(W + "tblHeader") is not None
    assert all(r._tr.trPr.find(W + "cantSplit") is not None for r in table.rows)
    styles = {p.style.name for p in word.paragraphs}
    assert {"Title", "Heading 1"} <= styles


def test_every_editable_paper_has_a_docx(completed):
    from parcours.domain.documents import REGISTRY

    editable = {n for n, t in REGISTRY.items() if "docx" in t.formats}
    assert editable == {"convention", "referentiel", "parcours", "sequence", "positionnement",
                        "livret", "bilan", "bilan-final", "attestation", "notification-rupture",
                        "demande-paiement", "calendrier", "evaluation-module",
                        "mise-en-demeure", "fin-convention"}  # fmt: skip
    for name in ("positionnement", "bilan-final", "attestation"):
        word = Document(io.BytesIO(render_document(completed, name, "docx")))
        assert word.core_properties.title and word.tables


def test_the_draft_mark_does_not_tell_whether_the_learner_receives_a_benefit():
    # a learner eligible only through a benefit (ELIG-01): the tutor's paper comes from the
    # dossier without the benefits; it must look like the company's
    data = demo_data()
    data["learner"].update(birth_date="1990-01-01", job_seeker=False, benefits=["rsa"])
    with_benefit = build_paper(dossier_from(data), "referentiel")
    data["learner"]["benefits"] = []
    stripped = build_paper(dossier_from(data), "referentiel")
    assert with_benefit.draft_mark == stripped.draft_mark


def test_docx_blank_rows_leave_room_to_write():
    data = demo_data()
    data["positioning"] = None  # a grid to fill in by hand
    word = Document(io.BytesIO(render_document(dossier_from(data), "positionnement", "docx")))
    grid = word.tables[1]
    heights = [r.height for r in grid.rows[1:]]
    assert heights and all(h is not None and h.mm >= 9.9 for h in heights)
    signatures = word.tables[-1]
    assert signatures.rows[0].height.mm >= 27.9
    assert "Date et signature" in signatures.rows[0].cells[0].text
