"""plan(): sessions for a dossier's modules that pass the calendar rules by construction.

What is planned: every module that is not dispensed and has hours, less the hours of the
kept sessions (`options.keep`), inside the action period, the module's own dates and from
`options.start_from` on. The result holds the kept sessions and the new ones; the
dossier's other sessions are replaced (apply_plan). New ids never reuse an id the dossier
knows (its sessions, its attendance records, the kept sessions): a signature recorded for
a deleted session must never attach to a new one.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections import defaultdict
from dataclasses import dataclass, field

from parcours.domain.calendar import count_working_days, month_bounds, whole_months
from parcours.domain.dossier import Dossier, Session
from parcours.domain.figures import INTERNAL
from parcours.domain.planning.days import Calendar, Need, Requirements, days_between
from parcours.domain.planning.explain import Explainer
from parcours.domain.planning.options import PlanOptions, minutes_of, time_of

# Hours are decimals: below this a session, a month or a module holds nothing.
TRAINED = 1e-9


class Infeasible(Exception):  # noqa: N818 (the contract's name)
    """No plan exists; `reasons` are French sentences naming the constraint at fault."""

    def __init__(self, reasons: list[str]):
        self.reasons = list(reasons)
        super().__init__("\n".join(self.reasons))


@dataclass(frozen=True)
class PlanResult:
    sessions: tuple[Session, ...]
    # Session dates of each interne or AFEST module (its séquence's calendar).
    calendars: dict[str, list[dt.date]] = field(default_factory=dict)


def plan(dossier: Dossier, options: PlanOptions | None = None) -> PlanResult:
    """The planned sessions, or Infeasible with the reasons."""
    options = options or PlanOptions()
    c = dossier.contract
    if c.action_start > c.action_end:
        raise Infeasible(
            [
                "La période de l'action est incohérente (elle se termine avant de commencer) : "
                "corrigez ses dates avant de planifier."
            ]
        )
    cal = Calendar(dossier, options)
    explainer = Explainer(dossier, options, cal)
    needs, reasons = _needs(dossier, options, cal, explainer)
    if reasons:
        raise Infeasible(reasons)
    if room := explainer.no_room():
        raise Infeasible([room])
    reasons = [
        reason
        for need in needs
        if (
            reason := explainer.shortage(
                f"Le module {need.module_id} demande",
                need.minutes,
                need.start,
                need.end,
                (need.trainer,),
            )
        )
    ]
    requirements = _requirements(dossier, options, cal, needs, explainer, reasons)
    if reasons:
        raise Infeasible(reasons)
    assignment = _assign(cal, needs, requirements, explainer) if needs else {}
    return _result(dossier, options, cal, needs, assignment)


def apply_plan(dossier: Dossier, result: PlanResult) -> Dossier:
    """The dossier with the plan's sessions, and the plan's dates as the calendar of each
    interne or AFEST module's séquences (séquences of modules without sessions unchanged)."""
    sessions = list(result.sessions)
    if dossier.attendance:
        from parcours.domain.attendance import derive_sessions

        sessions = derive_sessions(sessions, dossier.attendance)
    sequences = [
        s.model_copy(update={"calendar": list(result.calendars[s.module])})
        if result.calendars.get(s.module)
        else s
        for s in dossier.sequences
    ]
    return dossier.model_copy(update={"sessions": sessions, "sequences": sequences})


def _needs(dossier: Dossier, options: PlanOptions, cal: Calendar, explainer: Explainer):
    c = dossier.contract
    needs, reasons = [], []
    for module in dossier.modules:
        if module.dispensed or module.hours <= 0:
            continue
        kept = sum(s.hours for s in options.keep if s.module == module.id)
        minutes = round((module.hours - kept) * 60)
        if minutes <= 0:
            continue
        start = max(module.start or c.action_start, c.action_start, cal.first)
        end = min(module.end or c.action_end, c.action_end)
        if start > end:
            own_start = module.start or c.action_start
            reasons.append(explainer.empty_window(module, own_start, end, minutes / 60))
            continue
        trainers = (module.trainer,)
        days = tuple(
            d
            for d in days_between(start, end)
            if cal.is_open(d, trainers) and cal.day_capacity(d).half_days
        )
        needs.append(Need(module.id, minutes, start, end, module.trainer, days))
    return needs, reasons


def _requirements(dossier, options, cal: Calendar, needs, explainer: Explainer, reasons):
    """The sets of days that must each hold a new session: every whole month of the
    action (ALT-02, ALT-03) and both sides of its first and last quarters (ALT-01), where
    the kept sessions do not already, the module dates allow and the options leave room."""
    c = dossier.contract
    kept = [s for s in options.keep if s.hours > TRAINED]
    requirements = Requirements()
    kept_months = {(s.date.year, s.date.month) for s in kept}
    for ym in whole_months(c.action_start, c.action_end):
        first, last = month_bounds(*ym)
        if ym in kept_months or last < cal.first:
            continue
        if not any(count_working_days(max(n.start, first), min(n.end, last)) for n in needs):
            continue  # the module dates leave this month out: the dossier's own finding
        days = frozenset(d for n in needs for d in n.days if first <= d <= last)
        if days:
            requirements.groups.append((("month", ym), days))
        else:
            reasons.append(
                explainer.empty_month(ym, [n for n in needs if n.start <= last and first <= n.end])
            )
    length = (c.action_end - c.action_start).days + 1
    late = c.action_start + dt.timedelta(days=math.ceil(length / 4))
    early = c.action_start + dt.timedelta(days=math.ceil(length - length / 4) - 1)
    for side, start, end in (("late", late, c.action_end), ("early", c.action_start, early)):
        if any(start <= s.date <= end for s in kept):
            continue
        if not any(n.start <= end and start <= n.end for n in needs):
            continue
        days = frozenset(d for n in needs for d in n.days if start <= d <= end)
        if days:
            requirements.groups.append(((f"alt01-{side}", None), days))
        else:
            reasons.append(explainer.alt01(side, start, end))
    return requirements


def _assign(cal: Calendar, needs, requirements, explainer: Explainer):
    from parcours.domain.planning.solver import solve

    outcome = solve(cal, needs, requirements)
    if outcome.status == "ok":
        return outcome.assignment
    if outcome.status == "unknown":
        raise Infeasible(
            explainer.group_shortages(needs)
            or [
                "Aucun planning n'a été trouvé dans le temps imparti : les contraintes sont "
                "très serrées. Assouplissez le rythme, les jours de formation ou les dates "
                "des modules."
            ]
        )

    def relaxed(relax):
        return solve(cal, needs, requirements, relax, optimise=False).status

    raise Infeasible(explainer.diagnose(needs, requirements, relaxed))


def _result(dossier: Dossier, options: PlanOptions, cal: Calendar, needs, assignment):
    taken = {s.id for s in dossier.sessions} | {r.session for r in dossier.attendance}
    taken |= {s.id for s in options.keep}
    fresh = (f"S{n}" for n in itertools.count(1) if f"S{n}" not in taken)
    slots = _half_days(cal, assignment)
    pieces = []
    for k, need in enumerate(needs):
        pieces.extend(_module_pieces(dossier, options, cal, need, slots.get(k, [])))
    pieces.sort(key=lambda p: (p["date"], p["start_time"]))
    sessions = list(options.keep) + [Session(id=next(fresh), **p) for p in pieces]
    sessions.sort(key=lambda s: (s.date, s.start_time or dt.time.min, s.id))
    calendars = {}
    for module in dossier.modules:
        if module.modality in INTERNAL and not module.dispensed:
            dates = sorted({s.date for s in sessions if s.module == module.id})
            if dates:
                calendars[module.id] = dates
    return PlanResult(tuple(sessions), calendars)


def _half_days(cal: Calendar, assignment) -> dict[int, list[tuple[dt.date, int]]]:
    """The solver counts half-days of each length a module takes on a day; here they get
    named: the day's free half-days of that length in order, modules in dossier order."""
    per_day: dict[dt.date, list[tuple[int, int, int]]] = defaultdict(list)
    for k, taken in assignment.items():
        for day, length, count in taken:
            per_day[day].append((k, length, count))
    slots: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for day, taken in per_day.items():
        free = [h for h in cal.free_half_days(day)]
        for k, length, count in sorted(taken):
            chosen = [h for h in free if cal.lengths[h] == length][:count]
            free = [h for h in free if h not in chosen]
            slots[k].extend((day, h) for h in chosen)
    return slots


def _module_pieces(dossier, options, cal: Calendar, need, slots):
    """Each half-day whole, the last one cut to what remains of the module's hours."""
    module = dossier.module(need.module_id)
    trainer = module.trainer if module.modality in INTERNAL else None
    hours_left = module.hours - sum(s.hours for s in options.keep if s.module == module.id)
    minutes_left = need.minutes
    for i, (day, h) in enumerate(sorted(slots)):
        half = options.half_days[h]
        minutes = min(cal.lengths[h], minutes_left)
        last = i == len(slots) - 1
        hours = round(hours_left, 9) if last else minutes / 60
        minutes_left -= minutes
        hours_left -= hours
        start = minutes_of(half.start)
        yield {
            "module": module.id,
            "date": day,
            "hours": hours,
            "start_time": half.start,
            "end_time": time_of(start + minutes),
            "trainer": trainer,
        }
