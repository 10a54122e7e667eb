"""The assignment of half-days to modules, as a CP-SAT model (OR-Tools).

Variables: y[module, day, length] (how many of the day's free half-days of that length the
module takes: counting them rather than naming them removes the symmetry between a
morning and an afternoon of the same length) and t[day] (the day is a training day, for
the rhythm). Hard constraints: the day's free half-days, only on training days; the daily
maximum; each module's minutes (whole half-days, the overshoot shorter than the shortest
half-day: the module's last session is cut short by that much); the rhythm; at least one
session in every month the alternance rules look at and on both sides of the action's
first and last quarters (ALT-01). The objective spreads each module's sessions over its
months in proportion to its open half-days there, then prefers the rhythm's usual weekdays.

Imported lazily by the planner (OR-Tools takes a while to load): `parcours check` never
pays for it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

from ortools.sat.python import cp_model

from parcours.domain.planning.days import (
    RHYTHM_DAYS,
    Calendar,
    Need,
    Outcome,
    Requirements,
    monday,
)

# Deterministic: one worker and one seed, each solve stopped by optimality or by a budget
# of deterministic time (the same answer on a slow or a busy machine); the wall-clock limit
# is only a safety net. One worker also leaves the second core of a small server to the web
# requests. The spread is optimised within its budget; when that finds no plan at all, a
# longer search looks for any plan.
SEED = 2027
WORKERS = 1
FEASIBILITY_BUDGET = 5.0
SPREAD_BUDGET = 0.5
GOOD_ENOUGH = 0.05  # stop once the spread is within 5 % of the best possible
WALL_CLOCK_LIMIT = 15.0
SPREAD_WEIGHT = 10  # a session away from its month's share
WEEKDAY_PENALTY = 3  # a training day off the rhythm's usual weekdays


def solve(
    cal: Calendar,
    needs: list[Need],
    requirements: Requirements,
    relax: frozenset[str] = frozenset(),
    optimise: bool = True,
) -> Outcome:
    """Assign half-days; `relax` leaves out "rhythm", "months" or "alt01" (to find which
    one makes a problem impossible)."""
    model = cp_model.CpModel()
    free = _free_by_length(cal, needs)
    y = _counts(model, cal, needs, free)
    t = _training_days(model, cal, y, free, "rhythm" in relax)
    _daily_limit(model, cal, y, free)
    _module_minutes(model, cal, needs, y)
    if "rhythm" not in relax:
        _rhythm(model, cal, t)
    _requirements(model, y, requirements, relax)
    if optimise:
        _objective(model, cal, needs, y, t, free)
        solver, status = _run(model, SPREAD_BUDGET)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return _outcome(solver, y)
        if status == cp_model.INFEASIBLE:
            return Outcome("infeasible")
        model.ClearObjective()  # no plan within the budget: look for any plan, longer
    solver, status = _run(model, FEASIBILITY_BUDGET)
    if status == cp_model.INFEASIBLE:
        return Outcome("infeasible")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Outcome("unknown")
    return _outcome(solver, y)


def _free_by_length(cal: Calendar, needs: list[Need]) -> dict[dt.date, dict[int, int]]:
    """For each open day: half-day length -> how many free half-days of that length fit."""
    free: dict[dt.date, dict[int, int]] = {}
    for day in sorted({d for n in needs for d in n.days}):
        room = cal.room(day)
        lengths: dict[int, int] = defaultdict(int)
        for h in cal.free_half_days(day):
            if cal.lengths[h] <= room:
                lengths[cal.lengths[h]] += 1
        if lengths:
            free[day] = dict(lengths)
    return free


def _counts(model, cal: Calendar, needs: list[Need], free) -> dict:
    y = {}
    for k, need in enumerate(needs):
        for day in need.days:
            for length, count in free.get(day, {}).items():
                y[k, day, length] = model.NewIntVar(0, count, "")
    return y


def _by(y: dict, key) -> dict:
    grouped: dict = defaultdict(list)
    for index, var in y.items():
        grouped[key(index)].append((index, var))
    return grouped


def _training_days(model, cal: Calendar, y: dict, free, relaxed: bool) -> dict:
    t = {}
    for (day, length), members in _by(y, lambda i: (i[1], i[2])).items():
        if day not in t:
            t[day] = None if relaxed or cal.is_fixed(day) else model.NewBoolVar("")
        capacity = free[day][length]
        total = sum(var for _, var in members)
        model.Add(total <= capacity if t[day] is None else total <= capacity * t[day])
    return t


def _daily_limit(model, cal: Calendar, y: dict, free) -> None:
    for day, members in _by(y, lambda i: i[1]).items():
        room = cal.room(day)
        if sum(length * count for length, count in free[day].items()) > room:
            model.Add(sum(index[2] * var for index, var in members) <= room)


def _module_minutes(model, cal: Calendar, needs: list[Need], y: dict) -> None:
    """Whole half-days up to the module's minutes, the overshoot shorter than the shortest
    half-day: the last session is then cut short by that much."""
    per_module = _by(y, lambda i: i[0])
    for k, need in enumerate(needs):
        total = sum(index[2] * var for index, var in per_module.get(k, ()))
        model.AddLinearConstraint(total, need.minutes, need.minutes + cal.min_length - 1)


def _rhythm(model, cal: Calendar, t: dict) -> None:
    fixed = cal.fixed_in_period()
    budget = RHYTHM_DAYS.get(cal.options.rhythm)
    periods: dict = defaultdict(list)
    for day, var in t.items():
        if var is not None:
            periods[cal.period(day)].append((day, var))
    for period, members in periods.items():
        if budget is not None:
            model.Add(sum(var for _, var in members) <= max(0, budget - len(fixed[period])))
            continue
        kept_weeks = {monday(d) for d in fixed.get(period, ())}
        weeks: dict[dt.date, list] = defaultdict(list)
        for day, var in members:
            weeks[monday(day)].append(var)
        chosen = []
        for week, variables in weeks.items():
            if kept_weeks:  # the kept sessions' weeks are the month's training weeks
                if week not in kept_weeks:
                    for var in variables:
                        model.Add(var == 0)
                continue
            week_var = model.NewBoolVar("")
            chosen.append(week_var)
            for var in variables:
                model.AddImplication(var, week_var)
        if chosen:
            model.AddAtMostOne(chosen)


def _requirements(model, y: dict, requirements: Requirements, relax) -> None:
    per_day = _by(y, lambda i: i[1])
    for (kind, _), group in requirements.groups:
        if kind == "month" and "months" in relax or kind.startswith("alt01") and "alt01" in relax:
            continue
        model.Add(sum(var for day in group for _, var in per_day.get(day, ())) >= 1)


def apportion(total: int, weights: list[int]) -> list[int]:
    """`total` split in proportion to `weights`, in whole numbers (largest remainders)."""
    whole = sum(weights)
    if not whole:
        return [0] * len(weights)
    shares = [total * w / whole for w in weights]
    result = [math.floor(s) for s in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: (result[i] - shares[i], i))
    for i in by_remainder[: total - sum(result)]:
        result[i] += 1
    return result


def _objective(model, cal: Calendar, needs: list[Need], y: dict, t: dict, free) -> None:
    """Each module's sessions follow its open half-days month by month; usual weekdays."""
    per_month = _by(y, lambda i: (i[0], i[1].year, i[1].month))
    months_of: dict[int, list] = defaultdict(list)
    for (k, _, _), members in sorted(per_month.items(), key=lambda kv: kv[0]):
        months_of[k].append(members)
    deviations = []
    for k, need in enumerate(needs):
        months = months_of.get(k, [])
        weights = [sum(free[day][length] for (_, day, length), _ in members) for members in months]
        sessions = math.ceil(need.minutes / max(cal.lengths))
        targets = apportion(sessions, weights)
        for members, target, weight in zip(months, targets, weights, strict=True):
            deviation = model.NewIntVar(0, max(target, weight), "")
            model.AddAbsEquality(deviation, sum(var for _, var in members) - target)
            deviations.append(deviation)
    preferred = cal.preferred_weekdays()
    off_days = [var for day, var in t.items() if var is not None and day.weekday() not in preferred]
    model.Minimize(SPREAD_WEIGHT * sum(deviations) + WEEKDAY_PENALTY * sum(off_days))


def _run(model, budget: float):
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.random_seed = SEED
    p.num_workers = WORKERS
    p.symmetry_level = 0
    p.cp_model_probing_level = 0
    p.max_deterministic_time = budget
    p.relative_gap_limit = GOOD_ENOUGH
    p.max_time_in_seconds = WALL_CLOCK_LIMIT
    return solver, solver.Solve(model)


def _outcome(solver, y: dict) -> Outcome:
    counts: dict[int, list[tuple[dt.date, int, int]]] = defaultdict(list)
    for (k, day, length), var in y.items():
        if value := solver.Value(var):
            counts[k].append((day, length, value))
    return Outcome("ok", {k: sorted(v) for k, v in counts.items()})
