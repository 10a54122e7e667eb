import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from parcours.domain.calendar import working_days
from parcours.domain.documents import (
    REGISTRY,
    DocumentNotReady,
    UnknownDocument,
    available_documents,
    instances,
    livret_default_sections,
    parts,
    render_document,
)
from parcours.domain.documents.batch import render_all
from parcours.domain.text import number as french_number
from tests.documents.conftest import assert_contains, docx_text, pdf_text, squash

STATEMENTS = [
    "Être capable de paramétrer le logiciel de paie du cabinet pour un nouveau dossier client",
    "Être capable de gérer les absences, congés payés et arrêts maladie dans la paie",
    "Être capable de réaliser les déclarations sociales nominatives mensuelles et événementielles",
]


@pytest.fixture(scope="module")
def whole_set(completed) -> dict[str, bytes | str]:
    return {p.filename: p.content or p.reason for p in render_all(completed)}


def test_the_whole_set_of_a_completed_dossier_is_produced(whole_set):
    produced = {name for name, v in whole_set.items() if isinstance(v, bytes)}
    assert {"convention.pdf", "convention.docx", "referentiel.pdf", "referentiel.docx",
            "parcours.pdf", "parcours.docx", "sequence-M2.pdf", "sequence-M4.docx",
            "positionnement.pdf", "livret.pdf", "livret.docx", "emargement-M1.pdf",
            "emargement-M2.pdf", "certificat.pdf", "bilan-B1.pdf", "bilan-B2.pdf",
            "bilan-final.pdf", "attestation.pdf", "financement.pdf",
            "demande-paiement-entreprise-1.pdf", "demande-paiement-facilitateur-1.pdf",
            "demande-paiement-facilitateur-2.pdf"} <= produced  # fmt: skip
    # A contract that reached its end was not broken off: no notice of rupture, no formal
    # notice nor ending of the convention (art. 10). Its file
    # holds no certificat de réalisation nor attestation yet, so the second payment is not
    # due (FIN-02); its facilitator logged no hours (tests/documents/test_funding_papers.py).
    assert [n for n, v in whole_set.items() if not isinstance(v, bytes)] == [
        "notification-rupture.*", "mise-en-demeure.*", "fin-convention.*",
        "demande-paiement-entreprise-2.*",
        "demande-paiement-facilitateur-service-fait.*",
    ]  # fmt: skip


PER_COMPETENCE = ["referentiel.pdf", "referentiel.docx", "positionnement.pdf", "bilan-B1.pdf",
                  "bilan-final.pdf", "attestation.pdf"]  # fmt: skip


@pytest.mark.parametrize("name", PER_COMPETENCE)
def test_every_competence_is_listed(whole_set, name):
    content = whole_set[name]
    text = docx_text(content) if name.endswith("docx") else pdf_text(content)
    assert_contains(text, *STATEMENTS, "Nadia Exemple" if "referentiel" not in name else "C7")


@pytest.mark.parametrize("name", ["parcours.pdf", "parcours.docx"])
def test_parcours_lists_modules_hours_and_dates(whole_set, name):
    content = whole_set[name]
    text = docx_text(content) if name.endswith("docx") else pdf_text(content)
    assert_contains(text, "M1 – Maîtrise du logiciel de paie", "105 h",
                    "du 11/01/2027 au 30/06/2027", "Organisme Exemple Formation", "Marc Petit",
                    "308 h", "16,92")  # fmt: skip


def test_sequence_shows_activities_and_calendar(whole_set):
    text = pdf_text(whole_set["sequence-M2.pdf"])
    assert_contains(text, "Appliquer les procédures du cabinet", "Contrôle d'un dossier", "21 h",
                    "Manuel qualité du cabinet", "18/01/2027", "22/11/2027", "49 h")  # fmt: skip


def test_emargement_of_a_file_without_records_prints_no_signature(whole_set):
    # The file's learner_signed / trainer_signed flags are no signature the sheet can show:
    # the lines stay blank, to be signed by hand (records: test_attendance_sheets.py).
    text = pdf_text(whole_set["emargement-M1.pdf"])
    assert_contains(text, "Nadia Exemple", "mardi 02/03/2027", "mardi 16/03/2027", "7 h", "14 h")
    for name in ("emargement-M1.pdf", "emargement-M2.pdf"):
        text = pdf_text(whole_set[name])
        assert "signé" not in squash(text)
        assert not re.search(r"empreinte [0-9a-f]{10}", text)


def test_emargement_without_sessions_lists_planned_days(demo):
    keys = [i.key for i in instances(demo, "emargement")]
    assert keys == ["M1", "M2", "M3", "M4", "M5"]
    months = parts(demo, "emargement")
    assert "M1-2027-03" in months and "M2-2027-03" in months and "M2-2027-04" not in months
    text = pdf_text(render_document(demo, "emargement", index="M2-2027-03"))
    assert_contains(text, "lundi 15/03/2027", "Processus internes du cabinet")
    blank = pdf_text(render_document(demo, "emargement", index="M1-2027-05"))
    # No session and no séquence calendar: rows to date by hand, and the month's share of the
    # module's 105 h spread over its working days (Ascension, 6 May 2027, is not one of them).
    days = working_days(dt.date(2027, 1, 11), dt.date(2027, 6, 30))
    may = [day for day in days if day.month == 5]
    assert dt.date(2027, 5, 6) not in may
    assert_contains(blank, "inscrivez la date", french_number(105 * len(may) / len(days)))
    assert "03/05/2027" not in blank


def test_a_module_emargement_has_one_page_per_month(demo):
    months = [k for k in parts(demo, "emargement") if k.startswith("M1-")]
    assert months == [f"M1-2027-0{n}" for n in range(1, 7)]
    content = render_document(demo, "emargement", index="M1")
    pages = PdfReader(io.BytesIO(content)).pages
    assert len(pages) == len(months)
    names = ("janvier", "février", "mars", "avril", "mai", "juin")
    for page, name in zip(pages, names, strict=True):
        text = page.extract_text()
        assert_contains(text, f"{name} 2027", "Nadia Exemple", "M1 – Maîtrise du logiciel de paie",
                        "Total du mois", "Sophie Bernard", "Heures prévues ce mois-ci")  # fmt: skip
    for module in ("M3", "M5"):  # long months (23 working days) still fit on one page each
        count = sum(1 for k in parts(demo, "emargement") if k.startswith(f"{module}-"))
        content = render_document(demo, "emargement", index=module)
        assert len(PdfReader(io.BytesIO(content)).pages) == count


def test_an_unknown_month_is_refused(demo):
    with pytest.raises(UnknownDocument):
        render_document(demo, "emargement", index="M1-2027-12")


def test_certificat_totals_attended_hours(whole_set):
    text = pdf_text(whole_set["certificat.pdf"])
    assert_contains(text, "Nadia Exemple", "du 02/03/2027 au 16/03/2027",
                    "durée réalisée de 10,5 h", "Claire Martin")  # fmt: skip


def test_attestation_levels_and_count(whole_set):
    text = pdf_text(whole_set["attestation.pdf"])
    assert_contains(text, "412 345 688 00011", "17/04/1985", "5 compétence(s) sur 7",
                    "2 – application", "1 – notion", "20/12/2027")  # fmt: skip


def test_funding_claims_and_table(whole_set):
    assert_contains(pdf_text(whole_set["demande-paiement-entreprise-1.pdf"]), "1 000 €",
                    "EXP-2027-0042", "412 345 688 00011")  # fmt: skip
    assert_contains(pdf_text(whole_set["demande-paiement-facilitateur-2.pdf"]), "1 250 €",
                    "523 456 796 00011")  # fmt: skip
    assert_contains(pdf_text(whole_set["financement.pdf"]), "5 500", "Premier versement",
                    "Facture 2 : une journée (7 h)")  # fmt: skip


def test_livret_default_sections_and_company_edits(demo):
    text = pdf_text(render_document(demo, "livret"))
    assert_contains(text, "Votre premier jour", "04/01/2027", "Sophie Bernard", "Règles de vie")
    edited = render_document(demo, "livret", "docx",
                             livret_sections={"Règles de vie": "Badge obligatoire à l'accueil.",
                                              "Restauration": "Cantine au 2e étage."})  # fmt: skip
    text = docx_text(edited)
    assert_contains(text, "Badge obligatoire à l'accueil.", "Restauration", "Cantine au 2e étage.")
    assert "règlement intérieur" not in text


def test_livret_default_sections_are_what_the_livret_prints(demo):
    defaults = livret_default_sections(demo)
    assert "Règles de vie" in defaults and "Sophie Bernard" in " ".join(defaults.values())
    text = squash(pdf_text(render_document(demo, "livret")))
    for title in defaults:
        assert squash(title) in text


def test_attestation_before_final_review_says_why(demo):
    with pytest.raises(DocumentNotReady) as caught:
        render_document(demo, "attestation")
    assert "bilan final" in caught.value.reason and "20/12/2027" in caught.value.reason


def test_available_documents_reports_readiness(demo):
    rows = {name: (formats, ready, reason) for name, _, formats, ready, reason
            in available_documents(demo)}  # fmt: skip
    assert set(rows) == set(REGISTRY)
    assert rows["convention"] == (("pdf", "docx"), True, "")
    assert rows["certificat"][1] is False and "séance" in rows["certificat"][2]
    assert rows["demande-paiement"][1] is False and "accord" in rows["demande-paiement"][2]


def test_unknown_format_and_index_are_refused(demo):
    with pytest.raises(UnknownDocument):
        render_document(demo, "certificat", "docx")  # a proof: PDF only
    with pytest.raises(UnknownDocument):
        render_document(demo, "sequence", index=7)


def test_serial_and_parallel_rendering_give_the_same_files(demo):
    serial = list(render_all(demo, ("docx",), workers=1))
    parallel = list(render_all(demo, ("docx",), workers=2))
    assert [p.filename for p in serial] == [p.filename for p in parallel]
    for s, p in zip(serial, parallel, strict=True):
        assert (s.content is None) == (p.content is None) and s.reason == p.reason
        if s.content:
            assert docx_text(s.content) == docx_text(p.content)


def test_rendering_a_pdf_leaves_the_cyclic_collector_as_it_found_it(demo):
    import gc

    assert gc.isenabled()
    assert pdf_text(render_document(demo, "convention"))  # collector paused during it
    assert gc.isenabled()
    gc.disable()
    try:
        render_document(demo, "referentiel")
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()
