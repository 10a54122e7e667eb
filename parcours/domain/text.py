"""French text helpers: comparing statements without accents, formatting numbers."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case, accents removed, typographic apostrophes made plain, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u02bc", "'"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())


def number(value: float, decimals: int = 2) -> str:
    """1820.5 -> '1 820,5' (French grouping and decimal comma, trailing zeros dropped)."""
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:,.0f}"
    return text.replace(",", "\u202f").replace(".", ",")


def hours(value: float) -> str:
    return f"{number(value)}\u00a0h"


def percent(fraction: float) -> str:
    return f"{number(fraction * 100)}\u00a0%"


def euros(value: float) -> str:
    return f"{number(value)}\u00a0€"


def date(day) -> str:
    return day.strftime("%d/%m/%Y")


MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def month(year: int, month_number: int) -> str:
    return f"{MONTHS[month_number - 1]} {year}"


def period(start, end) -> str:
    return f"du {date(start)} au {date(end)}"
