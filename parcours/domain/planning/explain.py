"""Why no plan exists, in French sentences that name the constraint at fault.

Capacities are counted before the solver runs (days.Calendar.capacity, stage by stage), so
that a module asking more hours than its dates allow is named with the constraint that
takes them away; when only the solver finds the plan impossible, `diagnose` solves again
with one family of constraints left out to find the one that binds.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence

from parcours.domain import text
from parcours.domain.calendar import month_bounds
from parcours.domain.dossier import Dossier
from parcours.domain.planning.days import STAGES, Calendar, Capacity
from parcours.domain.planning.options import (
    REGION_LABELS,
    RHYTHM_LABELS,
    WORKING_WEEK,
    PlanOptions,
    weekdays_text,
)


def _and(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def half_days(capacity: Capacity, conditional: bool = False) -> str:
    """« seules 6 demi-journées (21 h) sont possibles » (or « seraient possibles »)"""
    hours = text.hours(capacity.minutes / 60)
    if capacity.half_days == 0:
        return (
            f"aucune demi-journée {'ne serait' if conditional else 'n' + chr(39) + 'est'} possible"
        )
    if capacity.half_days == 1:
        return f"une seule demi-journée ({hours}) {'serait' if conditional else 'est'} possible"
    verb = "seraient" if conditional else "sont"
    return f"seules {capacity.half_days} demi-journées ({hours}) {verb} possibles"


def _count(capacity: Capacity) -> str:
    """« 6 demi-journées (21 h) »"""
    plural = "s" if capacity.half_days > 1 else ""
    return f"{capacity.half_days} demi-journée{plural} ({text.hours(capacity.minutes / 60)})"


def _it_is(label: str) -> str:
    """« C'est le rythme … qui bloque » / « Ce sont les fermetures … qui bloquent »"""
    if label.startswith("les "):
        return f"Ce sont {label} qui bloquent"
    return f"C'est {label} qui bloque"


def _of(label: str) -> str:
    """« de » before a label: des fermetures, du rythme, de la limite."""
    if label.startswith("les "):
        return "des " + label[4:]
    if label.startswith("le "):
        return "du " + label[3:]
    return "de " + label


class Explainer:
    """French reasons for one dossier planned under some options."""

    def __init__(self, dossier: Dossier, options: PlanOptions, cal: Calendar):
        self.dossier, self.options, self.cal = dossier, options, cal

    # --- the constraints, named -------------------------------------------------------

    def stage_label(self, stage: str, start: dt.date, end: dt.date, trainers) -> str:
        o = self.options
        if stage == "weekdays":
            return f"les jours de formation choisis ({weekdays_text(o.weekdays)})"
        if stage == "holidays":
            return f"les jours fériés ({REGION_LABELS[o.region]})"
        if stage == "closures":
            ranges = [str(r) for r in o.closures if r.start <= end and start <= r.end]
            return "les fermetures de l'entreprise" + (f" ({_and(ranges)})" if ranges else "")
        if stage == "trainer":
            names = [self._trainer_name(t) for t in trainers if t in o.trainer_unavailability]
            return f"les indisponibilités de {_and(names)}" if names else "les indisponibilités"
        if stage == "keep":
            return "les séances déjà fixées"
        if stage == "daily":
            return f"le maximum de {text.hours(o.max_daily_hours)} de formation par jour"
        return f"le rythme « {RHYTHM_LABELS[o.rhythm]} »"

    def _trainer_name(self, trainer_id: str) -> str:
        trainer = self.dossier.trainer(trainer_id)
        return f"{trainer.name} ({trainer_id})" if trainer else f"le formateur {trainer_id}"

    def _applies(self, stage: str) -> bool:
        o = self.options
        return {
            "weekdays": not o.weekdays >= WORKING_WEEK,
            "closures": bool(o.closures),
            "trainer": bool(o.trainer_unavailability),
            "keep": bool(o.keep),
        }.get(stage, True)

    # --- before the solver ------------------------------------------------------------

    def shortage(
        self, subject: str, minutes: int, start: dt.date, end: dt.date, trainers
    ) -> str | None:
        """A sentence when `minutes` of training cannot fit from start to end."""
        cal = self.cal
        full = cal.capacity(start, end, trainers)
        if full.minutes >= minutes:
            return None
        without = {
            stage: cal.capacity(start, end, trainers, frozenset({stage}))
            for stage in STAGES
            if self._applies(stage)
        }
        reducers = [s for s, cap in without.items() if cap.minutes > full.minutes]
        label = lambda s: self.stage_label(s, start, end, trainers)  # noqa: E731
        sentence = (
            f"{subject} {text.hours(minutes / 60)} {text.period(start, end)}, mais "
            f"{half_days(full)}"
            + (f" avec {_and([label(s) for s in reducers])}." if reducers else " dans ces dates.")
        )
        binding = [s for s in reducers if without[s].minutes >= minutes]
        if len(binding) > 1:
            return (
                f"{sentence} Lever l'une de ces contraintes suffirait : "
                + " ; ".join(f"sans {label(s)}, {_count(without[s])}" for s in binding)
                + "."
            )
        if binding:
            stage = binding[0]
            cap = without[stage]
            return (
                f"{sentence} {_it_is(label(stage))} : sans cette contrainte, "
                f"{_count(cap)} {'le seraient' if cap.half_days > 1 else 'le serait'}."
            )
        if reducers:
            stage = max(reducers, key=lambda s: without[s].minutes)
            return (
                f"{sentence} Même sans {label(stage)}, {half_days(without[stage], True)} "
                ": élargissez les dates ou réduisez les heures."
            )
        return f"{sentence} Élargissez les dates ou réduisez les heures."

    def empty_window(self, module, start: dt.date, end: dt.date, hours: float) -> str:
        c = self.dossier.contract
        if self.options.start_from and end >= c.action_start and start <= c.action_end:
            return (
                f"Le module {module.id} se termine le {text.date(end)}, avant le "
                f"{text.date(self.options.start_from)} d'où repart le planning : ses "
                f"{text.hours(hours)} restantes ne peuvent plus être placées."
            )
        return (
            f"Le module {module.id} ({text.period(start, end)}) ne tombe pas dans la période "
            f"de l'action ({text.period(c.action_start, c.action_end)}) : aucune séance ne "
            "peut y être placée."
        )

    def empty_month(self, ym: tuple[int, int], needs) -> str:
        first, last = month_bounds(*ym)
        opened = [
            stage
            for stage in STAGES
            if self._applies(stage) and self._opens(stage, needs, first, last)
        ]
        labels = [self.stage_label(s, first, last, {n.trainer for n in needs}) for s in opened]
        why = f" à cause {_and([_of(label) for label in labels])}" if labels else ""
        return (
            f"Aucune séance n'est possible en {text.month(*ym)}{why}, alors que chaque mois "
            "entier de l'action doit compter de la formation (règles ALT-02 et ALT-03)."
        )

    def _opens(self, stage: str, needs, first: dt.date, last: dt.date) -> bool:
        """Whether leaving `stage` out opens a day of the month to one of the modules."""
        skip = frozenset({stage})
        return any(
            self.cal.is_open(day, (n.trainer,), skip) and self.cal.day_capacity(day, skip).half_days
            for n in needs
            for day in _days(max(first, n.start), min(last, n.end))
        )

    def alt01(self, side: str, start: dt.date, end: dt.date) -> str:
        where = "après le premier quart" if side == "late" else "avant le dernier quart"
        return (
            f"Aucune séance n'est possible {where} de l'action ({text.period(start, end)}) "
            "avec ces contraintes : la formation ne peut pas être concentrée au début ni à la "
            "fin du contrat (règle ALT-01)."
        )

    def no_room(self) -> str | None:
        o = self.options
        if o.max_daily_minutes < self.cal.min_length:
            return (
                f"Le maximum de {text.hours(o.max_daily_hours)} de formation par jour est "
                f"plus court que chaque demi-journée ({_and([_half(h) for h in o.half_days])})."
            )
        return None

    # --- after the solver -------------------------------------------------------------

    def diagnose(self, needs, requirements, solve: Callable) -> list[str]:
        """The solver found no plan: which family of constraints is to blame."""
        groups = self.group_shortages(needs)
        if groups:
            return groups
        months = [ym for (kind, ym), _ in requirements.groups if kind == "month"]
        if solve(frozenset({"months", "alt01"})) == "ok":
            sessions = sum(math.ceil(n.minutes / max(self.cal.lengths)) for n in needs)
            if months and solve(frozenset({"months"})) == "ok":
                return [
                    f"Les {sessions} séances à placer ne permettent pas d'en mettre au moins "
                    f"une dans chacun des {len(months)} mois entiers de l'action "
                    f"({text.month(*months[0])} à {text.month(*months[-1])}) avec "
                    f"{self.stage_label('rhythm', *self._action(), ())} et les dates des "
                    "modules (règles ALT-02 et ALT-03). Allongez les modules sur les mois "
                    "vides ou changez de rythme."
                ]
            return [self.alt01("late", *self._action())]
        if solve(frozenset({"rhythm"})) == "ok":
            return [
                f"Avec {self.stage_label('rhythm', *self._action(), ())}, les modules qui se "
                "partagent les mêmes semaines ne trouvent pas assez de jours de formation "
                "ensemble. Choisissez un rythme plus soutenu ou élargissez les dates des modules."
            ]
        return [
            "Aucun planning ne respecte à la fois les dates des modules, le rythme, les jours "
            "de formation, les jours fériés, les fermetures et les indisponibilités des "
            "formateurs. Assouplissez l'une de ces contraintes."
        ]

    def group_shortages(self, needs) -> list[str]:
        """Modules that share a period and together ask more than it holds."""
        bounds = sorted({n.start for n in needs}), sorted({n.end for n in needs})
        for start in bounds[0]:
            for end in bounds[1]:
                inside = [n for n in needs if start <= n.start and n.end <= end]
                if len(inside) < 2:
                    continue
                ids = _and([n.module_id for n in inside])
                reason = self.shortage(
                    f"Les modules {ids} demandent ensemble",
                    sum(n.minutes for n in inside),
                    start,
                    end,
                    {n.trainer for n in inside},
                )
                if reason:
                    return [reason]
        return []

    def _action(self) -> tuple[dt.date, dt.date]:
        return self.cal.first, self.cal.last


def _half(h) -> str:
    return f"{h.label} {text.hours(h.hours)}"


def _days(start: dt.date, end: dt.date):
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)
