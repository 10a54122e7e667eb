"""The progress chart of one competence as SVG (matplotlib, Agg-free SVG canvas), and its
text alternative for screen readers (`parcours.domain.progress.describe`).

x: the dates, from the positioning (or the action's start) to the action's end; y: the
levels 0 to 4. Drawn: the expected level (a dotted line), where the learner should be at each
date (a dashed line from the starting level to the expected one), the measured levels
(tutor's positioning → module evaluations → reviews → final review, one line with a marker
per kind) and the learner's self-assessment (a hollow marker). Text stays text
(`svg.fonttype: none`): nothing is fetched, no font is embedded, the page's font is used.
Deterministic: the same dossier gives the same bytes.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
import re

import matplotlib

matplotlib.use("Agg")  # never a GUI backend, whatever the environment says

from matplotlib.backends.backend_svg import FigureCanvasSVG  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from parcours.domain.progress import CompetenceProgress, Kind, describe  # noqa: E402

__all__ = ["LEGEND", "competence_chart", "data_uri", "describe", "inline_svg", "legend_svg"]

INK, MEASURED, TARGET, EXPECTED, SELF = "#1b1b1b", "#1f4e99", "#1e6b34", "#6b6b6b", "#8a4f00"
MARKERS = {
    Kind.TUTOR: ("s", "Positionnement du tuteur"),
    Kind.EVALUATION: ("^", "Évaluation de module"),
    Kind.REVIEW: ("o", "Bilan de suivi"),
    Kind.FINAL: ("*", "Bilan final"),
}
# What the marks mean, for a legend written in HTML beside the charts.
LEGEND = (
    ("Auto-positionnement du salarié", "cercle vide"),
    ("Positionnement du tuteur", "carré"),
    ("Évaluation de module", "triangle"),
    ("Bilan de suivi", "rond plein"),
    ("Bilan final", "étoile"),
    ("Attendu à la date", "tirets gris"),
    ("Niveau attendu en fin de contrat", "pointillés verts"),
)
RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "parcours",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.edgecolor": "#444444",
    "axes.linewidth": 0.6,
}
SHORT_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                "oct.", "nov.", "déc.")  # fmt: skip


def _ordinal(day: dt.date) -> float:
    return float(day.toordinal())


def _month_ticks(first: dt.date, last: dt.date, most: int = 7) -> list[dt.date]:
    months = []
    day = dt.date(first.year, first.month, 1)
    if day < first:
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    while day <= last:
        months.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    step = max(1, -(-len(months) // most))
    return months[::step]


def _tick_label(day: dt.date) -> str:
    return f"{SHORT_MONTHS[day.month - 1]} {day.year % 100:02d}"


def _span(cp: CompetenceProgress) -> tuple[dt.date, dt.date]:
    days = [cp.start, cp.end, *(p.date for p in cp.points)]
    first, last = min(days), max(days)
    return first, last if last > first else first + dt.timedelta(days=1)


def competence_chart(cp: CompetenceProgress, *, width: float = 4.2, height: float = 1.8) -> str:
    """The chart of one competence, an SVG document (text). Its marks are explained once,
    by `legend_svg()` (a legend in every chart would double the time to draw it)."""
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(width, height), dpi=72)
        FigureCanvasSVG(fig)
        ax = fig.add_axes((0.085, 0.17, 0.895, 0.77))
        first, last = _span(cp)
        x0, x1 = _ordinal(first), _ordinal(last)
        if cp.target is not None:
            ax.axhline(cp.target, color=TARGET, linestyle=":", linewidth=1.4)
            ax.plot(
                [_ordinal(cp.start), _ordinal(cp.end)],
                [cp.start_level, cp.target],
                color=EXPECTED,
                linestyle="--",
                linewidth=1.1,
            )
        measured = cp.measured
        if measured:
            ax.plot(
                [_ordinal(p.date) for p in measured],
                [p.level for p in measured],
                color=MEASURED,
                linewidth=1.6,
            )
            for kind, (marker, _) in MARKERS.items():
                pts = [p for p in measured if p.kind == kind]
                if pts:
                    ax.plot(
                        [_ordinal(p.date) for p in pts],
                        [p.level for p in pts],
                        linestyle="none",
                        marker=marker,
                        markersize=9 if kind == Kind.FINAL else 6,
                        color=MEASURED,
                        markeredgecolor="white" if kind != Kind.FINAL else MEASURED,
                        markeredgewidth=0.6,
                    )
        own = [p for p in cp.points if p.kind == Kind.SELF]
        if own:
            ax.plot(
                [_ordinal(p.date) for p in own],
                [p.level for p in own],
                linestyle="none",
                marker="o",
                markersize=7,
                markerfacecolor="none",
                markeredgecolor=SELF,
                markeredgewidth=1.3,
            )
        pad = (x1 - x0) * 0.03
        ax.set_xlim(x0 - pad, x1 + pad)
        ax.set_ylim(-0.4, 4.4)
        ax.set_yticks(range(5))
        ax.set_yticklabels([str(n) for n in range(5)])
        ticks = _month_ticks(first, last, most=6)
        ax.set_xticks([_ordinal(t) for t in ticks])
        ax.set_xticklabels([_tick_label(t) for t in ticks])
        ax.tick_params(colors=INK, labelsize=8, length=2)
        ax.grid(axis="y", color="#dddddd", linewidth=0.5)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.set_ylabel("niveau", fontsize=8, color=INK)
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


@functools.cache
def legend_svg(width: float = 5.2) -> str:
    """What the marks of the charts mean, as one small SVG (drawn once per process)."""
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(width, 0.5), dpi=72)
        FigureCanvasSVG(fig)
        handles = [
            Line2D([], [], linestyle="none", marker="o", markerfacecolor="none",
                   markeredgecolor=SELF, markeredgewidth=1.3, label="Auto-positionnement"),
            *(Line2D([], [], color=MEASURED, marker=m, linestyle="none", label=label)
              for m, label in MARKERS.values()),
            Line2D([], [], color=EXPECTED, linestyle="--", label="Attendu à la date"),
            Line2D([], [], color=TARGET, linestyle=":", linewidth=1.4, label="Niveau attendu"),
        ]  # fmt: skip
        fig.legend(handles=handles, loc="center", ncol=4, fontsize=7, frameon=False,
                   handlelength=1.8, columnspacing=1.2)  # fmt: skip
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None},
                    bbox_inches="tight", pad_inches=0.02)  # fmt: skip
    return out.getvalue()


_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.S)
_SIZE = re.compile(r'<svg([^>]*?) width="[^"]*" height="[^"]*"')


def inline_svg(svg: str, *, labelled_by: str = "", label: str = "") -> str:
    """The SVG ready to sit in an HTML page: no XML prolog, scaled to its container,
    `role="img"` named by the element `labelled_by` (the text alternative) or by `label`."""
    body = _PROLOG.sub("", svg, count=1)
    attrs = ' role="img" focusable="false" class="progress-chart"'
    if labelled_by:
        attrs += f' aria-labelledby="{labelled_by}"'
    elif label:
        attrs += ' aria-label="' + label.replace("&", "&amp;").replace('"', "&quot;") + '"'
    return _SIZE.sub(lambda m: f'<svg{m[1]} width="100%"{attrs}', body, count=1)


def data_uri(svg: str) -> str:
    """The SVG as a `data:` URI, for an `<img>` (the papers' PDFs take the SVG itself)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
