"""The dashboard's charts as SVG (matplotlib, as `parcours.domain.charts`): horizontal bars
for one column of a `Table`, bars stacked month by month for the states over time. Text
stays text (`svg.fonttype: none`), the same table gives the same bytes, and every chart
is only a picture of its table: the page prints the table and a text alternative beside it.
"""

from __future__ import annotations

import functools
import io

import matplotlib

matplotlib.use("Agg")  # never a GUI backend, whatever the environment says

from matplotlib.backends.backend_svg import FigureCanvasSVG  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from parcours.domain.charts import RC  # noqa: E402
from parcours.domain.dashboard import Table  # noqa: E402

__all__ = ["PALETTE", "chart_svg"]

INK, BAR = "#1b1b1b", "#1f4e99"
# Distinct for the common colour blindnesses (Okabe–Ito, darkened for contrast on white);
# the legend and the table say the same in words.
PALETTE = ("#0b4f9c", "#b35900", "#1e6b34", "#a4161a", "#6a3d9a", "#00727a", "#7a4b00",
           "#4a525c")  # fmt: skip
WIDTH = 4.6  # inches: scaled to the page's width, still legible at 390 px
FONT = 9


def _number(value: float) -> str:
    text = f"{value:,.1f}" if value % 1 else f"{int(value):,}"
    return text.replace(",", "\u202f").replace(".", ",")


def _svg(fig: Figure) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


def _bars(table: Table, column: int) -> str:
    lines = [line for line in table.lines if not line.total]
    labels = [line.label for line in lines]
    values = [float(line.values[column] or 0) for line in lines]
    unit = table.units[column] if column < len(table.units) else ""
    height = 0.45 + 0.32 * max(len(lines), 1)
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(WIDTH, height), dpi=72)
        FigureCanvasSVG(fig)
        ax = fig.add_axes((0.42, 0.3 / height, 0.48, 1 - 0.42 / height))
        positions = list(range(len(lines)))[::-1]
        ax.barh(positions, values, color=BAR, height=0.62)
        ax.set_yticks(positions)
        ax.set_yticklabels(labels)
        top = max(values, default=0) or 1
        # Room on the right for the longest value written after its bar.
        longest = max((len(_number(v)) + len(unit) + 1 for v in values), default=1)
        ax.set_xlim(0, top * (1.05 + 0.05 * longest))
        for y, v in zip(positions, values, strict=True):
            ax.text(v + top * 0.015, y, _number(v) + (f" {unit}" if unit else ""),
                    va="center", fontsize=FONT, color=INK)  # fmt: skip
        ax.tick_params(colors=INK, labelsize=FONT, length=2)
        ax.xaxis.set_visible(False)
        for side in ("top", "right", "bottom"):
            ax.spines[side].set_visible(False)
        return _svg(fig)


def _columns(table: Table, column: int) -> str:
    """One value column as vertical bars, one per line (months): short labels below."""
    lines = [line for line in table.lines if not line.total]
    values = [float(line.values[column] or 0) for line in lines]
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(WIDTH, 2.4), dpi=72)
        FigureCanvasSVG(fig)
        ax = fig.add_axes((0.12, 0.14, 0.86, 0.82))
        x = list(range(len(lines)))
        ax.bar(x, values, width=0.75, color=BAR)
        step = max(1, -(-len(lines) // 6))
        ax.set_xticks(x[::step])
        ax.set_xticklabels([line.short or line.label for line in lines][::step])
        ax.tick_params(colors=INK, labelsize=FONT - 1, length=2)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: _number(v)))
        ax.grid(axis="y", color="#dddddd", linewidth=0.5)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        return _svg(fig)


def _stacked(table: Table) -> str:
    lines = [line for line in table.lines if not line.total]
    series = table.columns[1:]
    height = 3.3
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(WIDTH, height), dpi=72)
        FigureCanvasSVG(fig)
        ax = fig.add_axes((0.12, 0.34, 0.86, 0.62))
        x = list(range(len(lines)))
        bottom = [0.0] * len(lines)
        for i, name in enumerate(series):
            values = [float(line.values[i] or 0) for line in lines]
            ax.bar(x, values, bottom=bottom, width=0.75, color=PALETTE[i % len(PALETTE)],
                   label=name)  # fmt: skip
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        step = max(1, -(-len(lines) // 6))
        ax.set_xticks(x[::step])
        ax.set_xticklabels([line.short or line.label for line in lines][::step])
        ax.tick_params(colors=INK, labelsize=FONT - 1, length=2)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: _number(v)))
        ax.grid(axis="y", color="#dddddd", linewidth=0.5)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.legend(loc="lower center", ncol=3, fontsize=FONT - 1, frameon=False, handlelength=1.2,
                   columnspacing=1.0)  # fmt: skip
        return _svg(fig)


@functools.lru_cache(maxsize=256)
def chart_svg(table: Table) -> str:
    """The chart of `table` as an SVG document; "" when it has nothing to draw. Kept for
    the same table (tables are values): drawing costs some 35 ms, the same figures are
    asked again and again between two changes of the dossiers."""
    if not table.chart or table.empty:
        return ""
    if table.chart == "stacked":
        return _stacked(table)
    if table.chart == "columns":
        return _columns(table, table.chart_column)
    return _bars(table, table.chart_column)
