"""calendar.py: month arithmetic, durations, French public holidays and working days."""

import datetime as dt
import random

import holidays
import pytest
from dateutil.relativedelta import relativedelta

from parcours.domain import calendar as cal

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (D(2026, 1, 5), D(2027, 1, 4), 12.0),
        (D(2026, 1, 5), D(2026, 7, 4), 6.0),
        (D(2027, 1, 4), D(2027, 7, 3), 6.0),
        (D(2026, 1, 5), D(2026, 1, 4), 0.0),
    ],
)
def test_duration_months_of_rules_md(start, end, months):
    assert cal.duration_months(start, end) == months


def test_duration_fraction_is_remaining_days_over_the_action_month_holding_them():
    # RULES.md rounds it to 6.5: 15 days of the month 2026-07-05 -> 2026-08-04 (31 days).
    assert cal.duration_months(D(2026, 1, 5), D(2026, 7, 19)) == pytest.approx(6 + 15 / 31)


def test_nth_and_last_month():
    assert cal.nth_month(D(2027, 1, 4), 2) == (D(2027, 2, 4), D(2027, 3, 3))
    assert cal.nth_month(D(2027, 1, 31), 2) == (D(2027, 2, 28), D(2027, 3, 30))
    assert cal.last_month(D(2028, 1, 3)) == (D(2027, 12, 4), D(2028, 1, 3))


def test_add_months_is_dateutils_relativedelta():
    rng = random.Random(7)
    for _ in range(5000):
        day = D(1990, 1, 1) + dt.timedelta(days=rng.randrange(40_000))
        months = rng.randrange(-40, 40)
        assert cal.add_months(day, months) == day + relativedelta(months=months)


@pytest.mark.parametrize("subdivision", [None, "57", "6AE", "Alsace", "Moselle"])
def test_native_holidays_are_those_of_the_holidays_package(subdivision):
    for year in range(cal.NATIVE_FROM_YEAR, 2101):
        expected = frozenset(holidays.France(years=year, subdiv=subdivision))
        assert cal.public_holidays(year, subdivision) == expected, year


def test_other_subdivisions_and_years_ask_the_holidays_package():
    assert D(2027, 5, 27) in cal.public_holidays(2027, "971")  # abolition, Guadeloupe
    assert D(1960, 5, 8) not in cal.public_holidays(1960)  # not a holiday 1960-1981


def test_pentecost_monday_was_not_a_holiday_from_2005_to_2007():
    assert D(2006, 6, 5) not in cal.public_holidays(2006)
    assert D(2008, 5, 12) in cal.public_holidays(2008)


def test_working_days_skip_weekends_and_holidays():
    # 2027-04-26 (Mon) .. 2027-05-09 (Sun): 1 May is a Saturday, 6 May Ascension, 8 May a Saturday.
    days = cal.working_days(D(2027, 4, 26), D(2027, 5, 9))
    assert len(days) == 9 and D(2027, 5, 6) not in days
    assert cal.working_days(D(2028, 5, 1), D(2028, 5, 1)) == ()  # 1 May, a Monday
    assert cal.working_days(D(2027, 5, 3), D(2027, 5, 2)) == ()


@pytest.mark.parametrize("subdivision", [None, "57"])
def test_counts_per_month_and_span_agree_with_the_day_list(subdivision):
    rng = random.Random(11)
    for _ in range(2000):
        start = D(1995, 1, 1) + dt.timedelta(days=rng.randrange(15_000))
        end = start + dt.timedelta(days=rng.randrange(-3, 500))
        days = cal.working_days(start, end, subdivision)
        assert days == tuple(
            d
            for d in (start + dt.timedelta(days=n) for n in range((end - start).days + 1))
            if cal.is_working_day(d, subdivision)
        )
        assert cal.count_working_days(start, end, subdivision) == len(days)
        per_month = {}
        for d in days:
            per_month[d.year, d.month] = per_month.get((d.year, d.month), 0) + 1
        assert dict(cal.working_days_per_month(start, end, subdivision)) == per_month
        assert cal.working_day_span(start, end, subdivision) == (
            (days[0], days[-1]) if days else None
        )


def test_easter_matches_dateutil():
    from dateutil.easter import easter

    for year in range(1583, 3000):
        assert cal.easter_sunday(year) == easter(year)
