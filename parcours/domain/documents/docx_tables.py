"""Word tables written as one piece of WordprocessingML, parsed once.

python-docx builds a table cell by cell, each call searching the element's children to
insert in schema order: a paper's tables took most of its DOCX time. Here the whole
<w:tbl> is written as text (every value escaped, never markup) and parsed by lxml in one
go; docx.py decides what goes in it (widths, heights, bold, alignment), as before.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from parcours.domain.documents.blocks import Filled

BLUE = "0B3D91"  # a value taken from the dossier (docx.BLUE)
EMU_PER_TWIP = 635
LOOK = (
    '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
    'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
)


@dataclass(frozen=True)
class Row:
    cells: tuple  # str or Filled each
    bold: bool = False
    header: bool = False  # repeated at the top of every page
    min_height_emu: int = 0  # at least this high (room to write or sign by hand)


def _run(text: str, *, bold: bool, colour: str | None, size: int | None) -> str:
    props = ("<w:b/>" if bold else "") + (f'<w:color w:val="{colour}"/>' if colour else "")
    props += f'<w:sz w:val="{size}"/>' if size else ""
    pieces = []
    for i, line in enumerate(text.split("\n")):
        if i:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    if not pieces:
        return ""
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{''.join(pieces)}</w:r>"


def _cell(value, width: int, *, bold: bool, right: bool, size: int | None) -> str:
    if isinstance(value, Filled):
        run = _run(value.text, bold=True, colour=BLUE, size=size)
    else:
        run = _run(value, bold=bold, colour=None, size=size)
    align = '<w:pPr><w:jc w:val="right"/></w:pPr>' if right else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p>{align}{run}</w:p></w:tc>'
    )


def _row(row: Row, widths: list[int], numeric, size: int | None, cant_split: bool) -> str:
    flags = '<w:cantSplit w:val="true"/>' if cant_split else ""
    if row.min_height_emu:
        twips = math.ceil(row.min_height_emu / EMU_PER_TWIP)
        flags += f'<w:trHeight w:val="{twips}" w:hRule="atLeast"/>'
    if row.header:
        flags += '<w:tblHeader w:val="true"/>'
    cells = "".join(
        _cell(value, width, bold=row.bold, right=i in numeric and not row.header, size=size)
        for i, (value, width) in enumerate(zip(row.cells, widths, strict=True))
    )
    return f"<w:tr>{f'<w:trPr>{flags}</w:trPr>' if flags else ''}{cells}</w:tr>"


def add_table(
    doc,
    rows: list[Row],
    widths_emu: list[int],
    *,
    grid_style: bool = True,
    centred: bool = False,
    numeric=(),
    size: int | None = None,
    cant_split: bool = False,
):
    """Append a table to the document's body: fixed layout, column widths in the grid
    (LibreOffice reads them) and in each cell (Word reads them); `size` in half-points."""
    widths = [w // EMU_PER_TWIP for w in widths_emu]
    props = '<w:tblStyle w:val="TableGrid"/>' if grid_style else ""
    props += f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
    props += '<w:jc w:val="center"/>' if centred else ""
    props += f'<w:tblLayout w:type="fixed"/>{LOOK}'
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = "".join(_row(r, widths, numeric, size, cant_split) for r in rows)
    tbl = parse_xml(
        f"<w:tbl {nsdecls('w')}><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        f"{body}</w:tbl>"
    )
    doc.element.body._insert_tbl(tbl)
    return tbl
