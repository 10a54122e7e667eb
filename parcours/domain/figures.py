"""The figures of RULES.md's definitions, computed once per dossier."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from parcours.domain.calendar import (
    count_working_days,
    duration_months,
    whole_months,
    working_day_span,
    working_days,
    working_days_per_month,
)
from parcours.domain.dossier import Dossier, Modality, Module
from parcours.domain.params import DEFAULT_PARAMETERS, RuleParameters

TEACHING = frozenset({Modality.EXTERNE, Modality.INTERNE, Modality.DISTANCE})
SUPPORT = frozenset({Modality.AFEST, Modality.EVALUATION})
INTERNAL = frozenset({Modality.INTERNE, Modality.AFEST})
# Hours are decimals: below this, a day or a month holds no training.
TRAINED = 1e-9


@dataclass(frozen=True)
class Figures:
    dossier: Dossier
    params: RuleParameters = field(default=DEFAULT_PARAMETERS)

    @cached_property
    def duration_months(self) -> float:
        c = self.dossier.contract
        return duration_months(c.action_start, c.action_end)

    @cached_property
    def contract_hours(self) -> float:
        return self.duration_months * self.dossier.contract.weekly_hours * 52 / 12

    def _hours(self, modalities: frozenset[Modality]) -> float:
        return sum(
            m.hours for m in self.dossier.modules if m.modality in modalities and not m.dispensed
        )

    @cached_property
    def teaching_hours(self) -> float:
        return self._hours(TEACHING)

    @cached_property
    def afest_hours(self) -> float:
        return self._hours(frozenset({Modality.AFEST}))

    @cached_property
    def facilitator_hours(self) -> float:
        return self.params.facilitator_hours if self.dossier.facilitator else 0.0

    @cached_property
    def support_hours(self) -> float:
        return self._hours(SUPPORT) + self.facilitator_hours

    @cached_property
    def parcours_hours(self) -> float:
        return self.teaching_hours + self.support_hours

    @cached_property
    def parcours_share(self) -> float:
        return self.parcours_hours / self.contract_hours if self.contract_hours else 0.0

    def module_working_days(self, module: Module) -> tuple[dt.date, ...]:
        if module.start is None or module.end is None:
            return ()
        return working_days(module.start, module.end, self.params.holiday_subdivision)

    def module_working_day_count(self, module: Module) -> int:
        if module.start is None or module.end is None:
            return 0
        return count_working_days(module.start, module.end, self.params.holiday_subdivision)

    @cached_property
    def spread_modules(self) -> tuple[tuple[Module, int], ...]:
        """(module, its number of working days) of each module whose hours go on the
        calendar when the dossier has no sessions (a module without working day goes
        nowhere)."""
        spread = []
        for module in self.dossier.modules:
            if module.dispensed or module.modality is None:
                continue
            count = self.module_working_day_count(module)
            if count:
                spread.append((module, count))
        return tuple(spread)

    @cached_property
    def daily_hours(self) -> dict[dt.date, float]:
        """Training hours per day: the sessions where the dossier has them, otherwise each
        module's hours spread evenly over its working days (a module with none goes nowhere)."""
        per_day: dict[dt.date, float] = defaultdict(float)
        if self.dossier.sessions:
            for s in self.dossier.sessions:
                per_day[s.date] += s.hours
            return dict(per_day)
        for module, count in self.spread_modules:
            share = module.hours / count
            for day in self.module_working_days(module):
                per_day[day] += share
        return dict(per_day)

    @cached_property
    def monthly_hours(self) -> dict[tuple[int, int], float]:
        """Training hours per calendar month, keyed (year, month).

        Without sessions it counts each module's working days per month rather than
        going day by day: the same figure, many times faster (the ALT rules need it)."""
        per_month: dict[tuple[int, int], float] = defaultdict(float)
        if self.dossier.sessions:
            for s in self.dossier.sessions:
                per_month[s.date.year, s.date.month] += s.hours
            return dict(per_month)
        subdivision = self.params.holiday_subdivision
        for module, count in self.spread_modules:
            share = module.hours / count
            for month, days in working_days_per_month(module.start, module.end, subdivision):
                per_month[month] += share * days
        return dict(per_month)

    @cached_property
    def training_span(self) -> tuple[dt.date, dt.date] | None:
        """The first and the last day holding training hours, or None."""
        if self.dossier.sessions:
            days = [day for day, hours in self.daily_hours.items() if hours > TRAINED]
        else:
            subdivision = self.params.holiday_subdivision
            days = [
                day
                for module, count in self.spread_modules
                if module.hours / count > TRAINED
                for day in working_day_span(module.start, module.end, subdivision)
            ]
        return (min(days), max(days)) if days else None

    @cached_property
    def empty_month_runs(self) -> tuple[tuple[tuple[int, int], ...], ...]:
        """Runs of consecutive calendar months, wholly inside the action period, without
        any training hour (ALT-02 and ALT-03)."""
        c = self.dossier.contract
        runs: list[tuple[tuple[int, int], ...]] = []
        current: list[tuple[int, int]] = []
        for ym in whole_months(c.action_start, c.action_end):
            if self.monthly_hours.get(ym, 0.0) <= TRAINED:
                current.append(ym)
                continue
            if current:
                runs.append(tuple(current))
            current = []
        if current:
            runs.append(tuple(current))
        return tuple(runs)

    def as_report(self) -> dict[str, float]:
        return {
            "duration_months": round(self.duration_months, 2),
            "contract_hours": round(self.contract_hours, 2),
            "teaching_hours": round(self.teaching_hours, 2),
            "support_hours": round(self.support_hours, 2),
            "parcours_hours": round(self.parcours_hours, 2),
            "parcours_share": round(self.parcours_share, 4),
        }
