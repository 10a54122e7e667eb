"""The dashboard's pure arithmetic and charts (parcours.domain.dashboard*)."""

import datetime as dt

from parcours.domain.dashboard import (
    Line,
    Table,
    mean_of,
    median_of,
    months_between,
    percent,
    stock_by_month,
)
from parcours.domain.dashboard_charts import chart_svg

D = dt.date


STATES = ("submitted", "accepted", "refused", "running")


def test_stock_by_month_walks_back_from_today():
    flows = [
        (D(2026, 1, 1), "draft", "submitted", 3),
        (D(2026, 2, 1), "submitted", "accepted", 2),
        (D(2026, 2, 1), "submitted", "refused", 1),
        (D(2026, 4, 1), "accepted", "running", 2),
    ]
    today = {"submitted": 0, "accepted": 0, "refused": 1, "running": 2}
    stock = stock_by_month(today, flows, STATES, D(2026, 5, 9))
    assert [m for m, _ in stock] == [D(2026, m, 1) for m in range(1, 6)]
    assert stock[0][1] == {"submitted": 3, "accepted": 0, "refused": 0, "running": 0}
    assert stock[1][1] == {"submitted": 0, "accepted": 2, "refused": 1, "running": 0}
    # March: nothing happened, the stock stays; May, the last month, is today's counts.
    assert stock[2][1] == stock[1][1]
    assert stock[4][1] == today


def test_stock_by_month_reads_only_the_window_given():
    # Dossiers submitted long before the window: today's counts carry them.
    today = {"submitted": 1, "accepted": 0, "refused": 0, "running": 5}
    flows = [(D(2026, 3, 1), "submitted", "accepted", 1), (D(2026, 4, 1), "accepted", "running", 1)]
    stock = stock_by_month(today, flows, STATES, D(2026, 4, 30))
    assert stock == [
        (D(2026, 3, 1), {"submitted": 1, "accepted": 1, "refused": 0, "running": 4}),
        (D(2026, 4, 1), today),
    ]


def test_stock_by_month_without_transitions_is_today_alone():
    assert stock_by_month({"submitted": 2}, [], ("submitted",), D(2026, 5, 3)) == [
        (D(2026, 5, 1), {"submitted": 2})
    ]


def test_median_and_mean_of_a_distribution():
    assert median_of({3: 1, 10: 1, 4: 1}) == 4
    assert median_of({2: 2, 8: 2}) == 5  # even count: between the two middle values
    assert median_of({1: 5, 100: 1}) == 1
    assert median_of({}) is None
    assert mean_of({2: 1, 4: 1, 9: 1}) == 5
    assert mean_of({}) is None


def test_percent_and_months():
    assert percent(1, 3) == 33.3
    assert percent(0, 0) is None
    assert months_between(D(2025, 11, 20), D(2026, 2, 1)) == [
        D(2025, 11, 1), D(2025, 12, 1), D(2026, 1, 1), D(2026, 2, 1)
    ]  # fmt: skip


def _table(chart="bars", values=(3, 0, 12)):
    lines = tuple(Line(f"ligne {i}", (v,)) for i, v in enumerate(values))
    return Table("t", "Titre", ("Quoi", "Combien"), lines, "texte", chart=chart)


def test_bar_chart_is_deterministic_text_svg():
    svg = chart_svg(_table())
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "ligne 2" in svg and "12" in svg  # labels stay text, values are written
    assert chart_svg(_table()) == svg


def test_stacked_chart_and_nothing_to_draw():
    lines = (
        Line("janvier 2026", (1, 2), short="janv. 26"),
        Line("février 2026", (0, 4), short="févr. 26"),
    )
    table = Table("s", "Titre", ("Mois", "A", "B"), lines, "texte", chart="stacked")
    svg = chart_svg(table)
    assert "janv. 26" in svg and "févr. 26" in svg
    assert chart_svg(_table(values=(0, 0))) == ""  # an empty figure draws no chart
    assert chart_svg(_table(chart="")) == ""
