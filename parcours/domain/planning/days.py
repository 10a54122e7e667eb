"""Which days and half-days can hold training: weekdays, public holidays of the region,
closures, trainers' unavailability, kept sessions, the daily maximum and the rhythm.

Each of these is a *stage* that can be left out (`skip`), so that an explanation can say
which one makes a module impossible (explain.py): the planner's own constraints and the
explanations' capacities come from the same code.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from parcours.domain.calendar import public_holidays
from parcours.domain.dossier import Dossier, Session
from parcours.domain.planning.options import (
    HOLIDAY_SUBDIVISIONS,
    WORKING_WEEK,
    PlanOptions,
    Region,
    Rhythm,
    minutes_of,
)

ONE_DAY = dt.timedelta(days=1)
STAGES = ("weekdays", "holidays", "closures", "trainer", "keep", "daily", "rhythm")
NO_SKIP: frozenset[str] = frozenset()
# Training days allowed per rhythm period (a week, a fortnight); ONE_WEEK_A_MONTH is a
# choice of one week per calendar month instead.
RHYTHM_DAYS = {
    Rhythm.ONE_DAY_A_WEEK: 1,
    Rhythm.TWO_DAYS_A_WEEK: 2,
    Rhythm.TWO_DAYS_A_FORTNIGHT: 2,
}


def holidays_between(region: Region, start: dt.date, end: dt.date) -> frozenset[dt.date]:
    """Public holidays of the region from start to end (both included)."""
    subdivision = HOLIDAY_SUBDIVISIONS[Region(region)]
    days: set[dt.date] = set()
    for year in range(start.year, end.year + 1):
        days |= {d for d in public_holidays(year, subdivision) if start <= d <= end}
    return frozenset(days)


def days_between(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = start
    while day <= end:
        yield day
        day += ONE_DAY


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@lru_cache(maxsize=1024)
def best_fill(lengths: tuple[int, ...], room: int) -> tuple[int, ...]:
    """The subset of half-day lengths (by index in `lengths`) holding the most minutes
    within `room` (fewest half-days on a tie): a day's capacity."""
    best: tuple[int, ...] = ()
    best_key = (0, 0)
    for mask in range(1, 1 << len(lengths)):
        chosen = tuple(i for i in range(len(lengths)) if mask >> i & 1)
        total = sum(lengths[i] for i in chosen)
        if total <= room and (total, -len(chosen)) > best_key:
            best, best_key = chosen, (total, -len(chosen))
    return best


@dataclass(frozen=True)
class Capacity:
    half_days: int
    minutes: int

    def __add__(self, other: Capacity) -> Capacity:
        return Capacity(self.half_days + other.half_days, self.minutes + other.minutes)


NOTHING = Capacity(0, 0)


class Calendar:
    """The days of one dossier's action open to new sessions under some options."""

    def __init__(self, dossier: Dossier, options: PlanOptions):
        c = dossier.contract
        self.options = options
        self.action_start, self.action_end = c.action_start, c.action_end
        self.first = max(c.action_start, options.start_from or c.action_start)
        self.last = c.action_end
        self.holidays = holidays_between(options.region, c.action_start, c.action_end)
        self.closed = frozenset(
            d for r in options.closures for d in days_between(max(r.start, self.first), r.end)
        )
        self.unavailable = {
            trainer: frozenset(d for r in ranges for d in days_between(r.start, r.end))
            for trainer, ranges in options.trainer_unavailability.items()
        }
        self.lengths = tuple(h.minutes for h in options.half_days)
        self.min_length = min(self.lengths)
        self.kept_minutes: dict[dt.date, int] = defaultdict(int)
        self.taken: dict[dt.date, set[int]] = defaultdict(set)
        for session in options.keep:
            self._take(session)
        self.anchor = monday(c.action_start)

    def _take(self, session: Session) -> None:
        """A kept session's hours count for its day and its half-days are taken: those its
        times overlap, or, without times, as many of the day's first ones as its hours."""
        self.kept_minutes[session.date] += round(session.hours * 60)
        taken = self.taken[session.date]
        if session.start_time and session.end_time:
            start, end = minutes_of(session.start_time), minutes_of(session.end_time)
            for i, half in enumerate(self.options.half_days):
                if minutes_of(half.start) < end and start < minutes_of(half.end):
                    taken.add(i)
            return
        needed = round(session.hours * 60)
        for i, length in enumerate(self.lengths):
            if needed <= 0:
                break
            if i not in taken:
                taken.add(i)
                needed -= length

    # --- one day ---------------------------------------------------------------------

    def is_open(self, day: dt.date, trainers: Iterable[str | None] = (None,), skip=NO_SKIP):
        """Whether new training may take place on `day` for modules run by `trainers` (a
        day suits a group of modules when it suits one of them)."""
        if not self.first <= day <= self.last:
            return False
        allowed = self.options.weekdays | (WORKING_WEEK if "weekdays" in skip else frozenset())
        if day.weekday() not in allowed:
            return False
        if "holidays" not in skip and day in self.holidays:
            return False
        if "closures" not in skip and day in self.closed:
            return False
        return "trainer" in skip or any(
            t is None or day not in self.unavailable.get(t, ()) for t in trainers
        )

    def free_half_days(self, day: dt.date, skip=NO_SKIP) -> tuple[int, ...]:
        taken = () if "keep" in skip else self.taken.get(day, ())
        return tuple(i for i in range(len(self.lengths)) if i not in taken)

    def room(self, day: dt.date, skip=NO_SKIP) -> int:
        """Minutes of training still allowed on `day`."""
        limit = sum(self.lengths) if "daily" in skip else self.options.max_daily_minutes
        return limit - (0 if "keep" in skip else self.kept_minutes.get(day, 0))

    def day_capacity(self, day: dt.date, skip=NO_SKIP) -> Capacity:
        free = self.free_half_days(day, skip)
        chosen = best_fill(tuple(self.lengths[i] for i in free), self.room(day, skip))
        return Capacity(len(chosen), sum(self.lengths[free[i]] for i in chosen))

    def is_fixed(self, day: dt.date, skip=NO_SKIP) -> bool:
        """A day that holds kept sessions is a training day already (rhythm)."""
        return "keep" not in skip and day in self.kept_minutes

    # --- the rhythm ------------------------------------------------------------------

    def period(self, day: dt.date):
        """The rhythm period `day` belongs to: its week, its fortnight, or its month."""
        rhythm = self.options.rhythm
        if rhythm == Rhythm.TWO_DAYS_A_FORTNIGHT:
            return (monday(day) - self.anchor).days // 14
        if rhythm == Rhythm.ONE_WEEK_A_MONTH:
            return day.year, day.month
        return monday(day)

    def fixed_in_period(self) -> dict:
        periods: dict = defaultdict(set)
        for day in self.kept_minutes:
            periods[self.period(day)].add(day)
        return periods

    def preferred_weekdays(self) -> frozenset[int]:
        """The allowed weekdays the rhythm prefers: those with the most open days (fewest
        holidays and closures), as many as the rhythm's days a week."""
        count = RHYTHM_DAYS.get(self.options.rhythm)
        if count is None:
            return self.options.weekdays
        open_days: dict[int, int] = defaultdict(int)
        for day in days_between(self.first, self.last):
            if self.is_open(day):
                open_days[day.weekday()] += 1
        ranked = sorted(self.options.weekdays, key=lambda w: (-open_days[w], w))
        return frozenset(ranked[:count])

    # --- capacity of a window ---------------------------------------------------------

    def capacity(
        self, start: dt.date, end: dt.date, trainers: Iterable[str | None] = (None,), skip=NO_SKIP
    ) -> Capacity:
        """The most half-days (and minutes) modules run by `trainers` could get from start
        to end, under every stage but those in `skip`."""
        trainers = tuple(trainers)
        per_day = {
            day: cap
            for day in days_between(max(start, self.first), min(end, self.last))
            if self.is_open(day, trainers, skip) and (cap := self.day_capacity(day, skip)).half_days
        }
        if "rhythm" in skip:
            return sum(per_day.values(), NOTHING)
        grouped: dict = defaultdict(list)
        for day in per_day:
            grouped[self.period(day)].append(day)
        fixed = self.fixed_in_period() if "keep" not in skip else {}
        total = NOTHING
        for period, days in grouped.items():
            total += self._period_capacity(days, per_day, fixed.get(period, set()))
        return total

    def _period_capacity(self, days, per_day, fixed: set[dt.date]) -> Capacity:
        budget = RHYTHM_DAYS.get(self.options.rhythm)
        if budget is None:  # one week a month: the best week, or the kept sessions' weeks
            weeks: dict[dt.date, list[dt.date]] = defaultdict(list)
            for day in days:
                weeks[monday(day)].append(day)
            kept_weeks = {monday(d) for d in fixed}
            sums = {
                w: sum((per_day[d] for d in ds), NOTHING)
                for w, ds in weeks.items()
                if not kept_weeks or w in kept_weeks
            }
            if not sums:
                return NOTHING
            if kept_weeks:
                return sum(sums.values(), NOTHING)
            return max(sums.values(), key=lambda c: (c.minutes, c.half_days))
        free = [d for d in days if d in fixed]
        others = sorted(
            (d for d in days if d not in fixed),
            key=lambda d: (-per_day[d].minutes, d),
        )
        chosen = free + others[: max(0, budget - len(fixed))]
        return sum((per_day[d] for d in chosen), NOTHING)


@dataclass
class Need:
    """A module's remaining minutes and the days open to it."""

    module_id: str
    minutes: int
    start: dt.date
    end: dt.date
    trainer: str | None
    days: tuple[dt.date, ...] = ()


@dataclass
class Requirements:
    """Sets of days each of which must hold at least one new session, with what they are
    for: ("month", (year, month)) or ("alt01-late", None) / ("alt01-early", None)."""

    groups: list[tuple[tuple[str, object], frozenset[dt.date]]] = field(default_factory=list)


@dataclass
class Outcome:
    """The solver's answer: "ok", "infeasible" or "unknown" (no answer within its limits);
    when ok, for each need (by index): (day, half-day length, how many) it takes."""

    status: str
    assignment: dict[int, list[tuple[dt.date, int, int]]] = field(default_factory=dict)
