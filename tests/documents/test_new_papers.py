"""The papers the review found missing (issue 12): bundle, calendar annex, end-of-module
evaluation sheet, CERFA 12434 data sheet."""

import io

from pypdf import PdfReader

from parcours.domain.documents import render_document
from parcours.domain.documents.batch import render_all
from tests.documents.conftest import (
    assert_contains,
    completed_data,
    demo_data,
    docx_text,
    dossier_from,
    pdf_text,
    squash,
)


def pages(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


PARTS = ("convention", "referentiel", "parcours", "calendrier")


def test_the_bundle_is_the_convention_and_its_annexes_in_one_pdf(demo):
    bundle = render_document(demo, "convention-et-annexes")
    assert pages(bundle) >= sum(pages(render_document(demo, n)) for n in PARTS) - 1
    text = pdf_text(bundle)
    assert_contains(text, "Article 11", "Référentiel métier (annexe 1)", "Compétences visées",
                    "Parcours de formation (annexe 2)", "Modules de formation",
                    "Calendrier de la formation (annexe)", "Répartition mensuelle")  # fmt: skip
    markers = (
        "Différends éventuels",
        "Référentiel métier (annexe 1)",
        "Modules de formation",
        "Calendrier de la formation (annexe)",
    )
    positions = [squash(text).index(squash(m)) for m in markers]
    assert positions == sorted(positions)


def test_the_whole_set_holds_the_bundle():
    produced = {p.filename: p.content for p in render_all(dossier_from(demo_data()), ("pdf",))}
    assert produced["convention-et-annexes.pdf"].startswith(b"%PDF")


def test_the_calendar_annex_lists_the_sessions_month_by_month(completed):
    text = pdf_text(render_document(completed, "calendrier"))
    assert_contains(text, "Mars 2027", "02/03/2027", "M1 – Maîtrise du logiciel de paie",
                    "16/03/2027", "Total du mois 21 h", "mars 27")  # fmt: skip
    word = docx_text(render_document(completed, "calendrier", "docx"))
    assert "15/03/2027" in word


def test_the_calendar_annex_before_sessions_gives_the_module_periods(demo):
    text = pdf_text(render_document(demo, "calendrier"))
    assert_contains(text, "Périodes des modules", "du 11/01/2027 au 30/06/2027",
                    "n'est pas encore établi")  # fmt: skip


def test_the_evaluation_sheet_of_a_module():
    data = completed_data()
    data["evaluations"] = [{"module": "M1", "date": "2027-06-30",
                            "evaluator": {"name": "Jeanne Formatrice", "quality": "formateur"},
                            "results": [{"competence": "C1", "level": 3},
                                        {"competence": "C2", "level": 2}]}]  # fmt: skip
    d = dossier_from(data)
    text = pdf_text(render_document(d, "evaluation-module", index="M1"))
    assert_contains(text, "Évaluation de fin de module", "M1 – Maîtrise du logiciel de paie",
                    "Jeanne Formatrice (Formateur)", "30/06/2027", "C1", "C2",
                    "3 – maîtrise", "2 – application", "Critères observés",
                    "Date et signature", "Sophie Bernard", "Nadia Exemple")  # fmt: skip
    blank = pdf_text(render_document(d, "evaluation-module", index="M2"))
    assert_contains(blank, "M2", "C5", "C6", "Nom et qualité")
    assert docx_text(render_document(d, "evaluation-module", "docx", index="M2"))


def test_the_cerfa_sheet_is_prefilled_in_the_form_order():
    data = demo_data()
    data["learner"]["benefits"] = ["rsa"]
    text = pdf_text(render_document(dossier_from(data), "cerfa-12434"))
    assert_contains(text, "CERFA n° 12434*02", "412 345 688 00011", "Nadia", "Exemple",
                    "Gestionnaire de paie", "04/01/2027", "03/01/2028", "Sophie Bernard",
                    "revenu de solidarité active (RSA)", "308 h")  # fmt: skip
    plain = text.replace("\u2019", "'")
    order = [plain.index(s) for s in ("L'employeur", "Le salarié", "Le tuteur",
                                     "Le contrat", "La formation")]  # fmt: skip
    assert order == sorted(order)
