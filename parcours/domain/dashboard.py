"""The dashboard of the experimentation, as plain data: each figure is a `Table` (a title,
its columns, its lines, a text alternative) built from aggregates the database already
counted (`parcours.portfolio.dashboard`), never from dossiers one by one. Pure: no Django.

The arithmetic that SQL does not do the same way everywhere lives here too: the number of
dossiers in each state at the end of each month from the transitions of each month, and
the median of a distribution given as (value, count) pairs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from parcours.domain.text import MONTHS

__all__ = [
    "BENEFIT_LABELS",
    "DURATION_BANDS",
    "HOURS_BANDS",
    "Band",
    "Line",
    "Table",
    "mean_of",
    "median_of",
    "month_label",
    "months_between",
    "percent",
    "short_month",
    "stock_by_month",
]

SHORT_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                "oct.", "nov.", "déc.")  # fmt: skip
BENEFIT_LABELS = {"rsa": "RSA", "ass": "ASS", "aah": "AAH", "cui_exit": "Sortie de CUI"}


@dataclass(frozen=True)
class Band:
    """Values from `low` (included) to `high` (excluded); `None` is open on that side.
    `high_included`: from `low` (excluded) to `high` (included) instead — a 12-month
    contract is in « de 6 à 12 mois », not in the band after."""

    code: str
    label: str
    low: float | None
    high: float | None
    high_included: bool = False


DURATION_BANDS = (
    Band("6-", "6 mois ou moins", None, 6, True),
    Band("6-12", "plus de 6 mois à 12 mois", 6, 12, True),
    Band("12-18", "plus de 12 mois à 18 mois", 12, 18, True),
    Band("18-24", "plus de 18 mois à 24 mois", 18, 24, True),
    Band("24-36", "plus de 24 mois à 36 mois", 24, 36, True),
    Band("36+", "plus de 36 mois", 36, None, True),
)
HOURS_BANDS = (
    Band("lt150", "moins de 150 h", None, 150),
    Band("150-300", "de 150 à moins de 300 h", 150, 300),
    Band("300-450", "de 300 à moins de 450 h", 300, 450),
    Band("450-600", "de 450 à moins de 600 h", 450, 600),
    Band("600-900", "de 600 à moins de 900 h", 600, 900),
    Band("900+", "900 h et plus", 900, None),
)


@dataclass(frozen=True)
class Line:
    """One line of a table: its label, one value per column after the label, and the queue
    filters (GET parameters) that select the dossiers behind it, on top of the page's own
    filters (`()`: the page's filters alone; `None`: no list of dossiers says it, no link)."""

    label: str
    values: tuple
    filters: tuple[tuple[str, str], ...] | None = ()
    total: bool = False
    short: str = ""  # a shorter label for the chart's axis ("nov. 26")


@dataclass(frozen=True)
class Table:
    """A figure: `columns[0]` heads the labels; `chart` says how to draw it ("bars": the
    value column `chart_column` as horizontal bars, "columns": the same as vertical bars
    (months), "stacked": every value column stacked by line, "" none); `alt` is the text
    alternative of the chart, in French sentences."""

    key: str
    title: str
    columns: tuple[str, ...]
    lines: tuple[Line, ...]
    alt: str
    chart: str = "bars"
    note: str = ""
    chart_column: int = 0  # which value column the bars show
    units: tuple[str, ...] = field(
        default_factory=tuple
    )  # per value column: "", "%", "€", "h", "j"

    @property
    def empty(self) -> bool:
        return not any(v for line in self.lines for v in line.values if isinstance(v, int | float))


def percent(part: float, whole: float) -> float | None:
    """`part` as a percentage of `whole`, one decimal; `None` when there is no whole."""
    return round(100 * part / whole, 1) if whole else None


def month_label(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def short_month(day: dt.date) -> str:
    return f"{SHORT_MONTHS[day.month - 1]} {day.year % 100:02d}"


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first days of the months from `first`'s to `last`'s, both included."""
    out, day = [], dt.date(first.year, first.month, 1)
    while day <= last:
        out.append(day)
        day = _next_month(day)
    return out


def stock_by_month(
    current: Mapping[str, int],
    flows: Iterable[tuple[dt.date, str, str, int]],
    states: Iterable[str],
    until: dt.date,
) -> list[tuple[dt.date, dict[str, int]]]:
    """How many dossiers were in each state at the end of each month, walking back from
    today's counts (`current`) through the transitions counted per (month, from state, to
    state): the month before held what this one holds, less what arrived in this one, plus
    what left. Only the window of the transitions given is read (the months from the first of
    them to `until`'s), and the last month always equals today's counts. States outside
    `states` (the draft, which the OPCO never sees) are not counted."""
    states = tuple(states)
    net: dict[dt.date, dict[str, int]] = {}
    for month, before, after, n in flows:
        month = dt.date(month.year, month.month, 1)
        delta = net.setdefault(month, dict.fromkeys(states, 0))
        if after in delta:
            delta[after] += n
        if before in delta:
            delta[before] -= n
    last = dt.date(until.year, until.month, 1)
    months = months_between(min(net, default=last), last)
    stock = {s: current.get(s, 0) for s in states}
    out = []
    for month in reversed(months):
        out.append((month, {s: max(stock[s], 0) for s in states}))
        change = net.get(month, {})
        stock = {s: stock[s] - change.get(s, 0) for s in states}
    return out[::-1]


def median_of(counts: Mapping[float, int]) -> float | None:
    """The median of a distribution given as {value: how many times}; `None` if empty."""
    total = sum(counts.values())
    if not total:
        return None
    ordered = sorted(counts.items())
    lower_rank, upper_rank = (total - 1) // 2, total // 2

    def at(rank: int) -> float:
        seen = 0
        for value, n in ordered:
            seen += n
            if rank < seen:
                return value
        return ordered[-1][0]

    return (at(lower_rank) + at(upper_rank)) / 2


def mean_of(counts: Mapping[float, int]) -> float | None:
    total = sum(counts.values())
    return round(sum(v * n for v, n in counts.items()) / total, 1) if total else None
