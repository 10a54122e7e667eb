"""The neutral shape of a paper: a title and a list of blocks.

Every document is built once as a `Paper` from the dossier; `pdf.py` renders it
through the HTML templates, `docx.py` through python-docx. One source, two formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Filled:
    """A value from the dossier put where the template had a blank."""

    text: str


Inline = str | Filled


def parts(*items: Inline) -> tuple[Inline, ...]:
    return tuple(items)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Para:
    parts: tuple[Inline, ...]
    style: str = ""  # "", "center", "note", "lead", "strong"


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[Inline, ...], ...]
    nested: bool = False  # a sub-list of the previous item


@dataclass(frozen=True)
class Fields:
    """Label / value pairs, e.g. the identity of a party; `columns=2` sets two pairs side
    by side (a compact header)."""

    rows: tuple[tuple[str, Inline], ...]
    columns: int = 1


Cell = str | Filled  # a Filled cell: a value recorded elsewhere (an electronic émargement)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...] = ()  # percent of the line, one per column
    footer: tuple[str, ...] = ()
    numeric: tuple[int, ...] = ()  # columns aligned right
    tall: bool = False  # rows high enough to write a short value in by hand
    signing: bool = False  # rows at least 15 mm high: room to sign by hand


@dataclass(frozen=True)
class Signatures:
    """One box per party: its label, the signatory's name, whether it signed. The box is
    always left empty to sign by hand: `signed` is never printed (a paper cannot show a
    signature it does not hold). `qualities`: the signatory's quality under the name, one
    per box ("" for none), e.g. « Gérante »."""

    boxes: tuple[tuple[str, str, bool], ...]
    compact: bool = False  # lower boxes, for a visa under a full sheet
    qualities: tuple[str, ...] = ()

    def quality(self, index: int) -> str:
        return self.qualities[index] if index < len(self.qualities) else ""


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class RunningTitle:
    """What the running title (top right) of this page and the next ones says, instead of
    the paper's title: one sheet of a set, e.g. 'Émargement M1 – mars 2027'."""

    text: str


@dataclass(frozen=True)
class Chart:
    """A chart drawn from the dossier (an SVG document, e.g. `parcours.domain.charts`), its
    text alternative and a caption; `half`: two charts side by side."""

    svg: str
    alt: str
    caption: str = ""
    half: bool = False


Block = Heading | Para | Bullets | Fields | Table | Signatures | PageBreak | RunningTitle | Chart


@dataclass(frozen=True)
class Paper:
    title: str
    subtitle: str
    header: str  # running header: dossier reference and company
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    landscape: bool = False
    # « PROJET — non conforme » when the dossier has bloquant findings: shown on every page
    # (PDF: a watermark or banner; DOCX: a line of the page header).
    draft_mark: str | None = None


def p(*items: Inline, style: str = "") -> Para:
    return Para(tuple(items), style)


def bullets(*items: str | tuple[Inline, ...], nested: bool = False) -> Bullets:
    return Bullets(tuple(i if isinstance(i, tuple) else (i,) for i in items), nested)
