"""The DOCX files as packages: every style a paper refers to is defined in it (the
template keeps only the styles the papers use), and the values in its tables are data."""

import io
import re
import zipfile

from docx import Document

from parcours.domain.documents import blocks
from parcours.domain.documents.batch import render_all
from parcours.domain.documents.blocks import Filled, Paper
from parcours.domain.documents.docx import render_docx
from tests.documents.conftest import completed_data, dossier_from

STYLE_REF = re.compile(r'w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"')
STYLE_DEF = re.compile(r'<w:style [^>]*w:styleId="([^"]+)"')


def test_every_style_a_docx_refers_to_is_defined_in_it():
    produced = [p for p in render_all(dossier_from(completed_data()), ("docx",), workers=1)]
    files = [p for p in produced if p.content is not None]
    assert len(files) >= 10
    for paper in files:
        package = zipfile.ZipFile(io.BytesIO(paper.content))
        defined = set(STYLE_DEF.findall(package.read("word/styles.xml").decode()))
        parts = [
            n
            for n in package.namelist()
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)
        ]
        used = {s for n in parts for s in STYLE_REF.findall(package.read(n).decode())}
        assert used and used <= defined, (paper.filename, used - defined)
        assert "word/stylesWithEffects.xml" not in package.namelist()


def test_table_values_with_markup_characters_stay_text():
    odd = 'Zoé <b>&amp; "O\'Brien"\nligne 2\tsuite'
    paper = Paper(
        title="T",
        subtitle="",
        header="h",
        blocks=(
            blocks.Table(
                ("Nom", "Valeur"), ((odd, Filled(odd)),), numeric=(1,), footer=("Total", "3")
            ),
            blocks.Fields((("Libellé", Filled(odd)), ("Autre", "x")), columns=2),
        ),
    )
    word = Document(io.BytesIO(render_docx(paper)))
    table, fields = word.tables
    assert table.cell(1, 0).text == odd  # line break and tab kept
    assert table.cell(1, 1).paragraphs[0].runs[0].bold
    assert table.cell(1, 1).paragraphs[0].alignment is not None  # numeric: right-aligned
    assert table.cell(0, 1).paragraphs[0].alignment is None  # not the header
    assert all(run.bold for run in table.rows[-1].cells[0].paragraphs[0].runs)
    assert fields.cell(0, 1).text == odd and fields.cell(0, 3).text == "x"
