"""The review papers (bilan de suivi, bilan final): who took part, the decision, a level, a
comment and an appreciation against the level expected on the review's day per
competence, and the progress charts (SVG, drawn in the PDF) with their text alternative."""

from __future__ import annotations

import re

import pytest

from parcours.domain.documents import build_paper, render_document
from parcours.domain.documents.blocks import Chart
from parcours.domain.documents.docx import render_docx
from tests.documents.conftest import (
    assert_contains,
    completed_data,
    docx_text,
    dossier_from,
    pdf_text,
    squash,
)


@pytest.fixture(scope="module")
def followed():
    data = completed_data()
    b1 = data["reviews"][0]
    b1.update(
        participants=[{"name": "Sophie Bernard", "quality": "tuteur"},
                      {"name": "Marc Petit", "quality": "formateur"},
                      {"name": "Paul Durand", "quality": "tiers_facilitateur"}],
        decision="adapt", held_by="Sophie Bernard",
    )  # fmt: skip
    b1["scores"][0]["comment"] = "Paramètre seule un nouveau dossier client"
    b1["scores"][1]["level"] = 0  # C2 positioned at 1: one level behind on 25/02/2027
    data["evaluations"] = [
        {"module": "M1", "date": "2027-02-20",
         "evaluator": {"name": "Organisme Exemple Formation", "quality": "formateur"},
         "results": [{"competence": "C1", "level": 2, "comment": "QCM 16/20"}]}
    ]  # fmt: skip
    return dossier_from(data)


@pytest.fixture(scope="module")
def b1_pdf(followed):
    return render_document(followed, "bilan", "pdf", index="B1")


def test_the_review_paper_says_who_took_part_and_what_was_decided(b1_pdf):
    assert_contains(pdf_text(b1_pdf), "Bilan tenu par Sophie Bernard",
                    "Sophie Bernard (tuteur), Marc Petit (formateur), "
                    "Paul Durand (tiers facilitateur)", "adapter le parcours")  # fmt: skip


def test_each_competence_has_its_level_comment_and_appreciation_at_that_date(b1_pdf):
    text = pdf_text(b1_pdf)
    assert_contains(text, "Attendu au bilan", "Appréciation à cette date",
                    "Paramètre seule un nouveau dossier client",
                    "En avance de 3 niveaux sur l'attendu à cette date",  # C1: 3 where 0 expected
                    "En retard de 1 niveau sur l'attendu à cette date",  # C2: 0 where 1 expected
                    "Au niveau attendu à cette date")  # C7: 1 where 1 expected  # fmt: skip


def test_the_review_paper_draws_the_progress_charts_up_to_that_day(followed, b1_pdf):
    paper = build_paper(followed, "bilan", index="B1")
    charts = [b for b in paper.blocks if isinstance(b, Chart)]
    assert len(charts) == 1 + len(followed.competences)  # the legend, then one per competence
    assert charts[1].caption.startswith("C1 – Être capable de paramétrer")
    # the alternative reads the series up to B1 (the final review of December is not in it)
    assert "évaluation du module M1 le 20 février 2027\u00a0: niveau 2" in charts[1].alt
    assert "bilan final" not in charts[1].alt
    text = pdf_text(b1_pdf)
    assert_contains(text, "Progression par compétence", "Auto-positionnement", "Attendu à la date")
    assert re.search(r"juin\s*27", text)  # the charts' axes are text drawn in the PDF
    assert b1_pdf.count(b"/Subtype /Image") == 0  # vectors, not a raster picture


def test_the_final_review_says_whether_each_competence_is_acquired(followed):
    text = squash(pdf_text(render_document(followed, "bilan-final", "pdf")))
    assert squash("Acquise ; au niveau attendu à cette date") in text  # C1: 3 of 3
    assert squash("Non acquise ; en retard de 1 niveau") in text  # C3: 2 of 3


def test_word_gets_the_charts_text_alternative(followed):
    paper = build_paper(followed, "bilan", index="B1")
    text = docx_text(render_docx(paper))
    assert "Compétence C1, Être capable de paramétrer" in text
