"""Papers to DOCX with python-docx, for the documents people edit (convention, référentiel,
parcours, séquence, livret): same blocks as the PDF, Word's own styles."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from parcours.domain.documents.blocks import (
    Bullets,
    Chart,
    Fields,
    Filled,
    Heading,
    PageBreak,
    Paper,
    Para,
    RunningTitle,
    Signatures,
    Table,
)

BLUE = RGBColor(0x0B, 0x3D, 0x91)


def render_docx(paper: Paper) -> bytes:
    doc = Document()
    _page(doc, paper)
    doc.core_properties.title = paper.title
    doc.core_properties.subject = paper.subtitle
    style = doc.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(9.5)
    doc.add_heading(paper.title, 0)
    if paper.subtitle:
        doc.add_paragraph(paper.subtitle, style="Subtitle")
    for block in paper.blocks:
        RENDERERS[type(block)](doc, block)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page(doc, paper: Paper) -> None:
    section = doc.sections[0]
    width, height = Mm(210), Mm(297)
    if paper.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(16))
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)
    head = section.header.paragraphs[0]
    head.text = f"{paper.header} — {paper.title}"
    head.runs[0].font.size = Pt(7.5)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for piece in ("page ", "PAGE", " / ", "NUMPAGES"):
        if piece.isupper():
            _field(foot, piece)
        else:
            foot.add_run(piece).font.size = Pt(7.5)


def _field(paragraph, code: str) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(7.5)
    for kind, instr in (("begin", None), (None, code), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = instr
        run._r.append(element)
        if kind == "separate":
            run._r.append(_text("1"))


def _text(value: str):
    element = OxmlElement("w:t")
    element.text = value
    return element


def _inline(paragraph, parts) -> None:
    for part in parts:
        if isinstance(part, Filled):
            run = paragraph.add_run(part.text)
            run.bold = True
            run.font.color.rgb = BLUE
        else:
            paragraph.add_run(part)


def _heading(doc, b: Heading) -> None:
    doc.add_heading(b.text, min(b.level - 1, 3) or 1)


def _para(doc, b: Para) -> None:
    paragraph = doc.add_paragraph()
    _inline(paragraph, b.parts)
    if b.style in ("strong", "center"):
        for run in paragraph.runs:
            run.bold = True
    if b.style == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if b.style == "note":
        for run in paragraph.runs:
            run.font.size = Pt(8)


def _bullets(doc, b: Bullets) -> None:
    for item in b.items:
        _inline(doc.add_paragraph(style="List Bullet 2" if b.nested else "List Bullet"), item)


def _fields(doc, b: Fields) -> None:
    pairs = max(1, b.columns)
    table = doc.add_table(rows=0, cols=2 * pairs)
    for start in range(0, len(b.rows), pairs):
        cells = table.add_row().cells
        for i, (label, value) in enumerate(b.rows[start : start + pairs]):
            cells[2 * i].text = label
            _inline(cells[2 * i + 1].paragraphs[0], [value])
    _widths(table, (32, 68) if pairs == 1 else (17, 33) * pairs, doc)


def _table(doc, b: Table) -> None:
    columns = len(b.header or b.rows[0])
    table = doc.add_table(rows=1 if b.header else 0, cols=columns, style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(table.rows[0].cells if b.header else (), b.header, strict=True):
        cell.text = title.replace("\u00ad", "")
        cell.paragraphs[0].runs[0].bold = True
    for row in (*b.rows, *((b.footer,) if b.footer else ())):
        cells = table.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, row, strict=True)):
            if isinstance(value, Filled):
                _inline(cell.paragraphs[0], [value])
            else:
                cell.text = value
            if i in b.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if b.footer:
        for cell in table.rows[-1].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
    if b.widths:
        _widths(table, b.widths, doc)
    if b.signing:
        first = 1 if b.header else 0
        for row in table.rows[first : first + len(b.rows)]:
            row.height, row.height_rule = Mm(15.1), WD_ROW_HEIGHT_RULE.AT_LEAST  # ≥ 15 mm in twips
    _small(table)


def _small(table) -> None:
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)


def _widths(table, percents, doc) -> None:
    section = doc.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    for row in table.rows:
        for cell, percent in zip(row.cells, percents, strict=False):
            cell.width = int(usable * percent / 100)


def _signatures(doc, b: Signatures) -> None:
    table = doc.add_table(rows=1, cols=len(b.boxes), style="Table Grid")
    for cell, (label, name, signed) in zip(table.rows[0].cells, b.boxes, strict=True):
        cell.text = label
        cell.paragraphs[0].runs[0].bold = True
        if name:
            cell.add_paragraph(name)
        cell.add_paragraph("Signé" if signed else "")
        cell.add_paragraph("")
        cell.add_paragraph("")


def _page_break(doc, b: PageBreak) -> None:
    doc.add_page_break()


def _running_title(doc, b: RunningTitle) -> None:
    """Word's page header is one per section: the sheet's own heading says it."""


def _chart(doc, b: Chart) -> None:
    """Word gets the chart's text alternative (the PDF carries the drawing)."""
    if b.caption:
        doc.add_paragraph().add_run(b.caption).bold = True
    doc.add_paragraph().add_run(b.alt).italic = True


RENDERERS = {
    Heading: _heading,
    Para: _para,
    Bullets: _bullets,
    Fields: _fields,
    Table: _table,
    Signatures: _signatures,
    PageBreak: _page_break,
    RunningTitle: _running_title,
    Chart: _chart,
}
