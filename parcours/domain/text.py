"""French text helpers: comparing statements without accents, formatting numbers."""

from __future__ import annotations

import unicodedata


class _Folding(dict):
    """Each character's folded form (its NFKD decomposition without combining marks), worked
    out once per character: `str.translate` then folds a text in one pass in C."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[code] = folded
        return folded


_FOLDING = _Folding({0x2019: "'", 0x02BC: "'"})


def fold(text: str) -> str:
    """Lower case, accents removed, typographic apostrophes made plain, spaces collapsed."""
    return " ".join(text.translate(_FOLDING).lower().split())


def number(value: float, decimals: int = 2) -> str:
    """1820.5 -> '1 820,5' (French grouping and decimal comma, trailing zeros dropped)."""
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:,.0f}"
    return text.replace(",", "\u202f").replace(".", ",")


def hours(value: float) -> str:
    return f"{number(value)}\u00a0h"


def percent(fraction: float) -> str:
    return f"{number(fraction * 100)}\u00a0%"


def money(value: float) -> str:
    """An amount of euros without its sign: 1000 -> '1 000', 6040.5 -> '6 040,50' (cents are
    written in full when there are any)."""
    cents = round(value * 100) % 100
    return (
        number(value, 0) if cents == 0 else f"{value:,.2f}".replace(",", "\u202f").replace(".", ",")
    )


def euros(value: float) -> str:
    return f"{money(value)}\u00a0€"


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
