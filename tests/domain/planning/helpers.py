"""Dossiers to plan, and every promise of the planner checked on a result."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections import defaultdict

from parcours.domain.calendar import add_months
from parcours.domain.dossier import Dossier, Modality
from parcours.domain.loading import parse_dossier
from parcours.domain.planning import PlanOptions, PlanResult, Rhythm, apply_plan
from parcours.domain.planning.days import RHYTHM_DAYS, holidays_between, monday
from parcours.domain.planning.options import minutes_of
from parcours.domain.rules import check
from tests.conftest import EXAMPLES

VALID = EXAMPLES / "gestionnaire-paie-valide.json"
INTERNAL = {Modality.INTERNE, Modality.AFEST}
# The rules whose findings a plan could change: none may appear because of it.
CALENDAR_RULES = ("ALT-", "VOL-", "PAR-03", "SEQ-", "CTR-02")
D = dt.date


def valid_data() -> dict:
    return json.loads(VALID.read_text(encoding="utf-8"))


def valid_dossier() -> Dossier:
    return parse_dossier(valid_data())


def dossier_with(data: dict | None = None, **changes) -> Dossier:
    """The valid example (or `data`) with top-level fields replaced, parsed."""
    data = copy.deepcopy(data or valid_data())
    data.update(changes)
    return parse_dossier(data)


def module(
    id, modality="externe", hours=35.0, start=None, end=None, trainer=None, competences=("C1",)
):
    """A well-formed module (objective, provider or trainer as its modality needs)."""
    return {
        "id": id,
        "title": f"Module {id}",
        "objective": "À l'issue du module, le salarié sera capable de traiter un dossier",
        "competences": list(competences),
        "modality": modality,
        "hours": hours,
        "provider": "Organisme Exemple" if modality in ("externe", "distance") else None,
        "trainer": trainer if modality not in ("externe", "distance") else None,
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "evaluation_methods": ["QCM"],
    }


def contract_of(start: D, months: int) -> dict:
    end = add_months(start, months) - dt.timedelta(days=1)
    contract = valid_data()["contract"]
    contract.update(
        start_date=start.isoformat(),
        end_date=end.isoformat(),
        action_start=start.isoformat(),
        action_end=end.isoformat(),
        extension_reason="Public prioritaire" if months > 12 else None,
    )
    return contract


def calendar_findings(dossier: Dossier) -> set[tuple[str, str, str]]:
    return {
        (f.rule, f.path, f.message)
        for f in check(dossier).findings
        if f.rule.startswith(CALENDAR_RULES)
    }


def assert_valid_plan(dossier: Dossier, options: PlanOptions, result: PlanResult) -> None:
    """Every promise of the planner, and no new finding of the calendar rules."""
    c = dossier.contract
    kept_ids = {s.id for s in options.keep}
    ids = [s.id for s in result.sessions]
    assert len(ids) == len(set(ids)), "session ids are unique"
    new = [s for s in result.sessions if s.id not in kept_ids]
    assert not {s.id for s in new} & ({s.id for s in dossier.sessions} - kept_ids)
    holidays = holidays_between(options.region, c.action_start, c.action_end)
    per_day: dict[D, list] = defaultdict(list)
    for s in result.sessions:
        per_day[s.date].append(s)
    for s in new:
        _assert_session(dossier, options, s, holidays)
    for day, sessions in per_day.items():
        if any(s.id not in kept_ids for s in sessions):
            total = sum(s.hours for s in sessions)
            assert total <= options.max_daily_hours + 1e-6, f"{day}: {total} h"
        spans = sorted((minutes_of(s.start_time), minutes_of(s.end_time)) for s in sessions)
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert end <= start, f"{day}: sessions overlap"
    _assert_hours(dossier, options, result)
    _assert_rhythm(options, [d for d, ss in per_day.items()], c.action_start)
    before, after = calendar_findings(dossier), calendar_findings(apply_plan(dossier, result))
    assert after <= before, f"new findings: {after - before}"


def _assert_session(dossier, options, s, holidays):
    c, m = dossier.contract, dossier.module(s.module)
    assert c.action_start <= s.date <= c.action_end
    assert (m.start or c.action_start) <= s.date <= (m.end or c.action_end)
    assert options.start_from is None or s.date >= options.start_from
    assert s.date.weekday() in options.weekdays
    assert s.date not in holidays, f"{s.date} is a public holiday"
    assert not any(s.date in r for r in options.closures), f"{s.date} is closed"
    for r in options.trainer_unavailability.get(m.trainer, ()):
        assert s.date not in r, f"{m.trainer} is unavailable on {s.date}"
    half = next(h for h in options.half_days if h.start == s.start_time)
    assert s.end_time <= half.end
    assert abs(s.hours - (minutes_of(s.end_time) - minutes_of(s.start_time)) / 60) < 0.02
    assert s.trainer == (m.trainer if m.modality in INTERNAL else None)


def _assert_hours(dossier, options, result):
    hours: dict[str, float] = defaultdict(float)
    for s in result.sessions:
        hours[s.module] += s.hours
    for m in dossier.modules:
        if not m.dispensed and m.hours > 0:
            kept = sum(s.hours for s in options.keep if s.module == m.id)
            assert abs(hours[m.id] - max(m.hours, kept)) < 1e-6, f"{m.id}: {hours[m.id]} h"


def _assert_rhythm(options, days, action_start):
    """New training days stay within the rhythm; days of kept sessions count in their
    period but may exceed it (they were placed by hand or under another rhythm)."""
    kept = {s.date for s in options.keep}
    periods: dict = defaultdict(lambda: (set(), set()))
    for day in days:
        if options.rhythm == Rhythm.ONE_WEEK_A_MONTH:
            key, member = (day.year, day.month), monday(day)
        elif options.rhythm == Rhythm.TWO_DAYS_A_FORTNIGHT:
            key, member = (monday(day) - monday(action_start)).days // 14, day
        else:
            key, member = monday(day), day
        periods[key][day in kept].add(member)
    limit = RHYTHM_DAYS.get(options.rhythm, 1)
    for period, (new, old) in periods.items():
        if options.rhythm == Rhythm.ONE_WEEK_A_MONTH and old:
            assert new <= old, f"rhythm broken in {period}: {sorted(new)} outside {old}"
        elif new - old:
            total = len(new | old)
            assert total <= max(limit, len(old)), f"rhythm broken in {period}: {sorted(new)}"
