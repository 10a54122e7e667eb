"""Papers to PDF with Typst: the paper's blocks as JSON data, one template set (typst/),
the fonts shipped in fonts/, PDF/A-2b and PDF/UA-1.

The paper never becomes Typst markup: `paper_json` turns its blocks into JSON, handed to
the template as `sys.inputs.paper`; the template shows every text as a string, so a
learner called « Zoé #1 *Martin* » prints exactly that. Typst checks both standards while
exporting and refuses a file that would not conform (`typst.TypstError`): a paper is
archivable (PDF/A-2b: fonts embedded, colours defined, XMP metadata) and accessible
(PDF/UA-1: tagged structure, title, language French, table headers, image alternatives).

A `typst.Compiler` may not be used by two threads at once (it raises « Already
borrowed »), so each thread gets its own; they share the fonts and Typst's caches, which
makes a thread's first compiler cheap (a few ms).

Typst works with threads of its own (fonts, parallel layout): they do not survive a fork,
and a forked child that compiles then waits for them forever. `fork_safe()` says whether
this process may still fork workers that render PDFs (batch.py asks it); a server forks
its workers before loading the application (gunicorn without --preload).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
from functools import cache
from pathlib import Path

from parcours.domain.documents import blocks
from parcours.domain.documents.blocks import Paper

HERE = Path(__file__).parent
TEMPLATES = HERE / "typst"
FONTS = HERE / "fonts"
MAIN = TEMPLATES / "paper.typ"
STANDARDS = ["a-2b", "ua-1"]

logger = logging.getLogger(__name__)
_local = threading.local()
_started = False  # Typst has run (and started its threads) in this process


def _encode(value):
    """Blocks (any dataclass of blocks.py, present or future) to JSON-ready values: a
    block is a dict with its `kind` (class name, lower case) and its fields."""
    if isinstance(value, blocks.Filled):
        return {"filled": value.text}
    if dataclasses.is_dataclass(value):
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"kind": type(value).__name__.lower(), **fields}
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def _grouped(encoded: list[dict]) -> list[dict]:
    """Consecutive half-width charts become one row of charts (side by side)."""
    out: list[dict] = []
    for block in encoded:
        if block["kind"] == "chart" and block.get("half"):
            if out and out[-1]["kind"] == "chartrow" and len(out[-1]["charts"]) < 2:
                out[-1]["charts"].append(block)
            else:
                out.append({"kind": "chartrow", "charts": [block]})
        else:
            out.append(block)
    return out


def _sheets(encoded: list[dict]) -> list[dict]:
    """The blocks cut into sheets at each running title, each sheet a run of pages with its
    own title in the page header (« Émargement M1 – mars 2027 »), given to Typst with the
    sheet rather than looked up on each page (no faster, measured: simpler). A sheet
    starts at the page break before its running title (the break itself is the new
    sheet's first page)."""
    sheets: list[dict] = [{"title": None, "blocks": []}]
    for block in encoded:
        if block["kind"] != "runningtitle":
            sheets[-1]["blocks"].append(block)
            continue
        current = sheets[-1]["blocks"]
        breaks = [i for i, b in enumerate(current) if b["kind"] == "pagebreak"]
        if breaks:
            moved = current[breaks[-1] + 1 :]
            del current[breaks[-1] :]
            sheets.append({"title": block["text"], "blocks": moved})
        elif any(b["kind"] != "heading" for b in current):
            sheets.append({"title": block["text"], "blocks": []})  # a new page
        else:
            sheets[-1]["title"] = block["text"]
    return sheets


def _paper_data(paper: Paper) -> dict:
    data = _encode(paper)
    data["sheets"] = _sheets(_grouped(data.pop("blocks")))
    return data


def paper_json(paper: Paper) -> str:
    return json.dumps(_paper_data(paper), ensure_ascii=False)


def fork_safe() -> bool:
    """Whether a child forked now could render PDFs (Typst has not run in this process)."""
    return not _started


@cache
def _fonts():
    import typst

    global _started
    _started = True
    # Only the shipped fonts: a paper looks the same on every machine.
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                       font_paths=[str(FONTS)])  # fmt: skip


def _compiler():
    compiler = getattr(_local, "compiler", None)
    if compiler is None:
        import typst

        compiler = typst.Compiler(str(MAIN), root=str(TEMPLATES), font_paths=_fonts())
        _local.compiler = compiler
    return compiler


def _compile(data: str) -> bytes:
    import typst

    compiler = _compiler()
    try:
        return compiler.compile(format="pdf", sys_inputs={"paper": data}, pdf_standards=STANDARDS)
    except typst.TypstError as exc:
        if "could not be displayed" not in str(exc):
            raise
        # A character none of the shipped fonts has (PDF/A refuses a glyph it cannot show):
        # the paper is still produced, tagged, without the PDF/A and PDF/UA claims, rather
        # than no paper at all for a name in a rare script.
        logger.warning("PDF sans PDF/A ni PDF/UA : %s", exc)
        return compiler.compile(format="pdf", sys_inputs={"paper": data}, pdf_standards=[])


def render_pdf(paper: Paper) -> bytes:
    return _compile(paper_json(paper))


WARM_UP_PAPER = Paper(
    title="Préchauffage",
    subtitle="",
    header="parcours",
    blocks=(
        blocks.Heading("Titre"),
        blocks.p("Texte ", blocks.Filled("valeur"), "."),
        blocks.Table(("a", "b"), (("1", blocks.Filled("2\n3")),), footer=("t", "u")),
        blocks.Signatures((("Partie", "Nom", False),)),
    ),
)


def warm_up() -> None:
    """Load Typst, the fonts and the templates now (e.g. before serving requests): the
    first real paper then costs what every other one does."""
    render_pdf(WARM_UP_PAPER)
