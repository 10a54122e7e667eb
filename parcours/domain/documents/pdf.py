"""Papers to PDF: Jinja2 HTML templates, one print stylesheet, WeasyPrint.

The stylesheet and the font configuration are built once per process: parsing the CSS
and setting up fonts is a good part of WeasyPrint's cost for a one-page document.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from parcours.domain.documents import blocks
from parcours.domain.documents.blocks import Paper

TEMPLATES = Path(__file__).parent / "templates"


def _kind(block) -> str:
    return type(block).__name__.lower()


def _lines(value: str) -> Markup:
    return Markup("<br>").join(escape(line) for line in str(value).split("\n"))


def _trimmed(row: tuple[str, ...]) -> tuple[str, ...]:
    """A row without its trailing empty cells (at least one cell is kept): fewer boxes
    for WeasyPrint to style, lay out and draw, e.g. the blank rows of an émargement."""
    end = len(row)
    while end > 1 and not row[end - 1]:
        end -= 1
    return row[:end]


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(("html",)),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["kind"] = _kind
    env.filters["lines"] = _lines
    env.filters["trimmed"] = _trimmed
    env.tests["filled"] = lambda value: isinstance(value, blocks.Filled)
    return env


@cache
def _weasy():
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = CSS(filename=str(TEMPLATES / "print.css"), font_config=fonts)
    return fonts, css


def warm_up() -> None:
    """Load the templates, the stylesheet and the fonts now (e.g. before forking workers)."""
    environment().get_template("document.html")
    _weasy()


def render_html(paper: Paper) -> str:
    return environment().get_template("document.html").render(paper=paper)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """WeasyPrint builds a large graph of cyclic objects (boxes, styles, layouts): left
    on, the cyclic collector runs hundreds of times during a render, twice a full pass
    over the whole heap for an émargement of a module (≈ 0.2 s of its 1 s). Paused, the
    render's objects all stay in the youngest generation and one young collection at the
    end frees them without scanning the rest of the process. Reference counting still
    frees everything acyclic meanwhile. Only the caller that found the collector on
    turns it back on, so concurrent renders (threads) leave it on in the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect(0)


def render_pdf(paper: Paper) -> bytes:
    from weasyprint import HTML

    fonts, css = _weasy()
    with _cyclic_gc_paused():
        html = HTML(string=render_html(paper), base_url=str(TEMPLATES))
        return html.write_pdf(stylesheets=[css], font_config=fonts)
