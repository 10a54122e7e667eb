"""Papers to DOCX with python-docx, for the documents people edit (convention, référentiel,
parcours, séquence, livret): same blocks as the PDF, Word's own styles."""

from __future__ import annotations

import io
from functools import cache

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE
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
from parcours.domain.documents.docx_tables import Row, add_table

BLUE = RGBColor(0x0B, 0x3D, 0x91)
RED = RGBColor(0xA4, 0x00, 0x00)


def render_docx(paper: Paper) -> bytes:
    doc = _blank()
    _page(doc, paper)
    doc.core_properties.title = paper.title
    doc.core_properties.subject = paper.subtitle
    _styled(doc, "Title", paper.title)
    if paper.subtitle:
        _styled(doc, "Subtitle", paper.subtitle)
    for block in paper.blocks:
        RENDERERS[type(block)](doc, block)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@cache
def _template() -> bytes:
    """python-docx's blank document with our Normal style, without the Word 2010 copy of
    the styles (stylesWithEffects, 430 kB that Word rebuilds): opened once per process,
    then each paper starts from these bytes, smaller to read and to write."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(9.5)
    part = doc.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)
    _keep_styles(doc.styles.element, USED_STYLES)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# The styles the papers use (by id, see _styled and _grid; Header and Footer: the page
# header and footer python-docx adds) and the defaults Word needs;
# those they are based on, linked to or followed by are kept with them.
USED_STYLES = {"Normal", "Title", "Subtitle", "Heading1", "Heading2", "Heading3",
               "ListBullet", "ListBullet2", "TableGrid", "TableNormal",
               "Header", "Footer", "DefaultParagraphFont", "NoList"}  # fmt: skip


def _keep_styles(styles, used: set[str]) -> None:
    """Drop the template's 150 unused style definitions (tables in every accent colour…):
    97 % of its styles part, parsed and written again for every paper otherwise. A style
    someone applies later in Word falls back to Word's built-in definition."""
    by_id = {s.get(qn("w:styleId")): s for s in styles.iterchildren(qn("w:style"))}
    keep, todo = set(), list(used)
    while todo:
        style = by_id.get(todo.pop())
        if style is None or style in keep:
            continue
        keep.add(style)
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = style.find(qn(tag))
            if ref is not None:
                todo.append(ref.get(qn("w:val")))
    for style in by_id.values():
        if style not in keep:
            styles.remove(style)


def _blank():
    return Document(io.BytesIO(_template()))


def _styled(container, style_id: str, text: str = ""):
    """A paragraph with a style given by its id: python-docx's lookup by name searches
    the whole styles part at each call (most of a paper's time before this)."""
    paragraph = container.add_paragraph(text)
    paragraph._p.style = style_id
    return paragraph


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
    if paper.draft_mark:  # on every page, where nobody can miss it
        mark = section.header.add_paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = mark.add_run(paper.draft_mark)
        run.bold, run.font.size, run.font.color.rgb = True, Pt(11), RED
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
    _styled(doc, f"Heading{min(b.level - 1, 3) or 1}", b.text)


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
        _inline(_styled(doc, "ListBullet2" if b.nested else "ListBullet"), item)


def _fields(doc, b: Fields) -> None:
    pairs = max(1, b.columns)
    rows = []
    for start in range(0, len(b.rows), pairs):
        chunk = b.rows[start : start + pairs]
        cells = [value for pair in chunk for value in pair]
        rows.append(Row(tuple(cells + [""] * (2 * pairs - len(cells)))))
    percents = (32, 68) if pairs == 1 else (17, 33) * pairs
    add_table(doc, rows, _column_widths(doc, percents), grid_style=False)


def _table(doc, b: Table) -> None:
    columns = len(b.header or b.rows[0])
    # room to sign (≥ 15 mm) or to write a short value by hand
    height = Mm(15.1) if b.signing else Mm(10) if b.tall else 0
    rows = [Row(tuple(t.replace("\u00ad", "") for t in b.header), bold=True, header=True)]
    rows = rows if b.header else []
    rows += [Row(tuple(r), min_height_emu=height) for r in b.rows]
    rows += [Row(tuple(b.footer), bold=True)] if b.footer else []
    widths = _column_widths(doc, b.widths or (100 / columns,) * columns)
    # a row is never split across two pages; the header row is repeated on each page
    add_table(doc, rows, widths, centred=True, numeric=b.numeric, size=16, cant_split=True)


def _grid(doc, rows: int, columns: int):
    """A table with Word's « Table Grid » style (set by id, as _styled does)."""
    table = doc.add_table(rows=rows, cols=columns)
    table._tbl.tblPr.style = "TableGrid"
    return table


def _row_flag(row, tag: str) -> None:
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _column_widths(doc, percents) -> list[int]:
    """Widths (EMU) of columns given in percents of the line between the margins."""
    section = doc.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    total = sum(percents) or 1
    return [int(usable * percent / total) for percent in percents]


def _widths(table, percents, doc) -> None:
    """Column widths Word and LibreOffice both obey: a fixed layout, the table's grid
    (w:gridCol, which LibreOffice reads) and each cell's width (which Word reads)."""
    section = doc.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    total = sum(percents) or 1
    widths = [int(usable * percent / total) for percent in percents]
    table.autofit = False
    properties = table._tbl.tblPr
    layout = properties.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        properties.append(layout)
    layout.set(qn("w:type"), "fixed")
    width = properties.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        properties.append(width)
    width.set(qn("w:w"), str(sum(w // 635 for w in widths)))  # EMU to twentieths of a point
    width.set(qn("w:type"), "dxa")
    for column, value in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=False):
        column.set(qn("w:w"), str(value // 635))
    for row in table.rows:
        for cell, value in zip(row.cells, widths, strict=False):
            cell.width = value


def _signatures(doc, b: Signatures) -> None:
    """Empty boxes to sign by hand (never « Signé »: the file holds no signature), with
    the signatory's name and quality, at least 28 mm high (18 mm for a visa)."""
    table = _grid(doc, 1, len(b.boxes))
    for i, (cell, (label, name, _signed)) in enumerate(
        zip(table.rows[0].cells, b.boxes, strict=True)
    ):
        cell.text = label
        cell.paragraphs[0].runs[0].bold = True
        if name:
            cell.add_paragraph(name)
        if b.quality(i):
            cell.add_paragraph().add_run(b.quality(i)).italic = True
        cell.add_paragraph().add_run("Date et signature").font.size = Pt(7.5)
    row = table.rows[0]
    row.height = Mm(18 if b.compact else 28)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    _row_flag(row, "w:cantSplit")
    _widths(table, (100 / len(b.boxes),) * len(b.boxes), doc)


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
