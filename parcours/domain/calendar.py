"""Calendar arithmetic of RULES.md: months of the action, working days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache

ONE_DAY = dt.timedelta(days=1)
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    return 29 if month == 2 and is_leap(year) else _DAYS_IN_MONTH[month - 1]


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later, clamped to the month's end (31 Jan + 1 = 28 Feb).

    dateutil's relativedelta(months=…) did this too, ten times slower: the rules call
    it thousands of times per dossier."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, days_in_month(year, month)))


@lru_cache(maxsize=8192)  # pure, and asked for by several rules of every dossier
def nth_month(action_start: dt.date, n: int) -> tuple[dt.date, dt.date]:
    """The n-th month of the action, both ends included."""
    return add_months(action_start, n - 1), add_months(action_start, n) - ONE_DAY


@lru_cache(maxsize=8192)  # pure, and asked for by several rules of every dossier
def last_month(action_end: dt.date) -> tuple[dt.date, dt.date]:
    return add_months(action_end + ONE_DAY, -1), action_end


@lru_cache(maxsize=8192)  # pure, and asked for by several rules of every dossier
def month_index(action_start: dt.date, day: dt.date) -> int:
    """Which month of the action `day` falls in (1 for the first)."""
    n = 1
    while add_months(action_start, n) <= day:
        n += 1
    return n


@lru_cache(maxsize=8192)  # pure, and asked for by several rules of every dossier
def duration_months(start: dt.date, end: dt.date) -> float:
    """Whole months from start to end + 1 day, plus the remaining days as a
    fraction of the month they fall in (the action month that holds them)."""
    stop = end + ONE_DAY
    if stop <= start:
        return 0.0
    whole = (stop.year - start.year) * 12 + stop.month - start.month
    while whole > 0 and add_months(start, whole) > stop:
        whole -= 1
    anchor = add_months(start, whole)
    remaining = (stop - anchor).days
    if remaining == 0:
        return float(whole)
    month_length = (add_months(start, whole + 1) - anchor).days
    return whole + remaining / month_length


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


# Mainland France and Alsace-Moselle, computed here: the `holidays` package imports
# every country of the world on first use (~0.2 s), more than the whole of a
# `parcours check`. Other subdivisions (overseas) still ask it. The test suite compares
# both for a century and a half (tests/domain/test_calendar.py).
ALSACE_MOSELLE = frozenset({"57", "6AE", "Alsace", "Moselle", "Alsace-Moselle"})
NATIVE_SUBDIVISIONS = ALSACE_MOSELLE | {None}
NATIVE_FROM_YEAR = 1982


def _mainland_holidays(year: int, alsace_moselle: bool) -> set[dt.date]:
    easter = easter_sunday(year)
    days = {
        dt.date(year, month, day)
        for month, day in ((1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25))
    }
    days |= {easter + dt.timedelta(days=1), easter + dt.timedelta(days=39)}
    if year not in (2005, 2006, 2007):  # lundi de Pentecôte removed 2004, back in 2008
        days.add(easter + dt.timedelta(days=50))
    if alsace_moselle:
        days |= {easter - dt.timedelta(days=2), dt.date(year, 12, 26)}
    return days


@lru_cache(maxsize=256)
def public_holidays(year: int, subdivision: str | None = None) -> frozenset[dt.date]:
    if subdivision in NATIVE_SUBDIVISIONS and year >= NATIVE_FROM_YEAR:
        return frozenset(_mainland_holidays(year, subdivision in ALSACE_MOSELLE))
    from holidays.countries.france import France

    return frozenset(France(years=year, subdiv=subdivision).keys())


def is_working_day(day: dt.date, subdivision: str | None = None) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year, subdivision)


@lru_cache(maxsize=4096)
def working_days(
    start: dt.date, end: dt.date, subdivision: str | None = None
) -> tuple[dt.date, ...]:
    """Monday to Friday, French public holidays excluded, both ends included."""
    if end < start:
        return ()
    closed: set[dt.date] = set()
    for year in range(start.year, end.year + 1):
        closed |= public_holidays(year, subdivision)
    closed_ordinals = {d.toordinal() for d in closed}
    # date.fromordinal(1) is a Monday: (ordinal - 1) % 7 is the weekday.
    return tuple(
        dt.date.fromordinal(o)
        for o in range(start.toordinal(), end.toordinal() + 1)
        if (o - 1) % 7 < 5 and o not in closed_ordinals
    )


def _weekdays_between(first: int, last: int) -> int:
    """Mondays to Fridays between two ordinals, both included."""
    if last < first:
        return 0
    weeks, extra = divmod(last - first + 1, 7)
    weekday = (first - 1) % 7  # date.fromordinal(1) is a Monday
    return weeks * 5 + sum(1 for i in range(extra) if (weekday + i) % 7 < 5)


@lru_cache(maxsize=512)
def _weekday_holidays(year: int, subdivision: str | None) -> tuple[int, ...]:
    """Ordinals of the year's public holidays that fall on a Monday to Friday."""
    return tuple(
        sorted(d.toordinal() for d in public_holidays(year, subdivision) if d.weekday() < 5)
    )


def _count(start: dt.date, end: dt.date, subdivision: str | None) -> int:
    first, last = start.toordinal(), end.toordinal()
    closed = sum(
        1
        for year in range(start.year, end.year + 1)
        for ordinal in _weekday_holidays(year, subdivision)
        if first <= ordinal <= last
    )
    return _weekdays_between(first, last) - closed


@lru_cache(maxsize=8192)
def count_working_days(start: dt.date, end: dt.date, subdivision: str | None = None) -> int:
    """len(working_days(start, end)), by arithmetic rather than day by day."""
    return _count(start, end, subdivision) if start <= end else 0


@lru_cache(maxsize=8192)
def working_days_per_month(
    start: dt.date, end: dt.date, subdivision: str | None = None
) -> tuple[tuple[tuple[int, int], int], ...]:
    """((year, month), number of working days) of each month holding some."""
    counts = []
    for year, month in calendar_months(start, end):
        first, last = month_bounds(year, month)
        count = _count(max(first, start), min(last, end), subdivision)
        if count:
            counts.append(((year, month), count))
    return tuple(counts)


@lru_cache(maxsize=8192)
def working_day_span(
    start: dt.date, end: dt.date, subdivision: str | None = None
) -> tuple[dt.date, dt.date] | None:
    """The first and the last working day from start to end, or None when there is none."""
    if not count_working_days(start, end, subdivision):
        return None
    first, last = start, end
    while not is_working_day(first, subdivision):
        first += ONE_DAY
    while not is_working_day(last, subdivision):
        last -= ONE_DAY
    return first, last


def calendar_months(start: dt.date, end: dt.date) -> Iterator[tuple[int, int]]:
    """(year, month) of every calendar month that touches [start, end]."""
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


@lru_cache(maxsize=4096)
def whole_months(start: dt.date, end: dt.date) -> tuple[tuple[int, int], ...]:
    """(year, month) of every calendar month lying wholly inside [start, end]."""
    return tuple(
        ym
        for ym in calendar_months(start, end)
        if start <= month_bounds(*ym)[0] and month_bounds(*ym)[1] <= end
    )


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, days_in_month(year, month))
