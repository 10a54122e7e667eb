"""What a page or the API received, turned into the planner's `PlanOptions`, with one French
error per bad field (`InvalidDossier`), so that both say the same thing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from parcours.domain import text
from parcours.domain.planning import DateRange, HalfDay, PlanOptions, Region, Rhythm
from parcours.domain.planning.options import InvalidOptions
from parcours.dossiers.errors import FieldError, InvalidDossier

MAX_RANGES = 200
DEFAULT = PlanOptions()


def _date(value, path: str, errors: list[FieldError], what: str) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        errors.append(FieldError(path, f"{what} : date illisible (attendu AAAA-MM-JJ)"))
        return None


def _time(value, path: str, errors: list[FieldError], what: str) -> dt.time | None:
    if isinstance(value, dt.time):
        return value
    try:
        return dt.time.fromisoformat(str(value))
    except (TypeError, ValueError):
        errors.append(FieldError(path, f"{what} : heure illisible (attendu HH:MM)"))
        return None


def _ranges(
    items: Iterable[Any], path: str, what: str, errors: list[FieldError]
) -> tuple[DateRange, ...]:
    """[{start, end}] or [(start, end)] → DateRange; the end may be left out (one day)."""
    out = []
    for i, item in enumerate(list(items or [])[:MAX_RANGES]):
        if isinstance(item, Mapping):
            start, end = item.get("start"), item.get("end") or item.get("start")
        else:
            start, end = (list(item) + [None, None])[:2]
            end = end or start
        label = f"{what} n° {i + 1}"
        first = _date(start, f"{path}[{i}].start", errors, label)
        last = _date(end, f"{path}[{i}].end", errors, label)
        if first and last:
            if last < first:
                errors.append(
                    FieldError(
                        f"{path}[{i}].end",
                        f"{label} : la fin ({text.date(last)}) précède le début "
                        f"({text.date(first)})",
                    )
                )
            else:
                out.append(DateRange(first, last))
    return tuple(out)


def build(
    *,
    rhythm: str | Rhythm | None = None,
    weekdays: Iterable[int] | None = None,
    half_days: Iterable[Any] | None = None,
    max_daily_hours: float | None = None,
    region: str | Region | None = None,
    closures: Iterable[Any] = (),
    trainer_unavailability: Mapping[str, Iterable[Any]] | None = None,
    start_from: dt.date | str | None = None,
    trainers: Iterable[str] | None = None,
) -> PlanOptions:
    """`PlanOptions` from plain values (what is not given keeps the planner's default).
    `half_days`: [{label, start, end}] with times "HH:MM"; ranges: [{start, end}];
    `trainers`: the dossier's trainer ids (an unavailability of another is refused)."""
    errors: list[FieldError] = []
    values: dict[str, Any] = {}
    if rhythm not in (None, ""):
        try:
            values["rhythm"] = Rhythm(rhythm)
        except ValueError:
            choices = ", ".join(r.value for r in Rhythm)
            errors.append(FieldError("rhythm", f"rythme inconnu ; au choix : {choices}"))
    if region not in (None, ""):
        try:
            values["region"] = Region(region)
        except ValueError:
            choices = ", ".join(r.value for r in Region)
            errors.append(FieldError("region", f"région inconnue ; au choix : {choices}"))
    if weekdays is not None:
        days = set()
        for day in weekdays:
            try:
                number = int(day)
            except (TypeError, ValueError):
                number = -1
            if not 0 <= number <= 6:
                errors.append(
                    FieldError("weekdays", f"jour « {day} » inconnu (0 = lundi … 6 = dimanche)")
                )
            days.add(number)
        if not days:
            errors.append(FieldError("weekdays", "cochez au moins un jour de formation"))
        values["weekdays"] = frozenset(d for d in days if 0 <= d <= 6)
    if half_days is not None:
        values["half_days"] = _half_days(list(half_days), errors)
    if max_daily_hours not in (None, ""):
        try:
            hours = float(max_daily_hours)
        except (TypeError, ValueError):
            hours = -1.0
        if not 0 < hours <= 7:
            errors.append(
                FieldError(
                    "max_daily_hours",
                    "heures de formation par jour : un nombre entre 0 et 7 (7 h au plus par jour)",
                )
            )
        values["max_daily_hours"] = hours
    values["closures"] = _ranges(closures, "closures", "fermeture de l'entreprise", errors)
    known = set(trainers) if trainers is not None else None
    unavailable = {}
    for trainer, ranges in (trainer_unavailability or {}).items():
        if known is not None and trainer not in known:
            errors.append(
                FieldError(
                    f"trainer_unavailability.{trainer}",
                    f"formateur « {trainer} » inconnu dans ce dossier",
                )
            )
            continue
        what = f"indisponibilité du formateur {trainer}"
        found = _ranges(ranges, f"trainer_unavailability.{trainer}", what, errors)
        if found:
            unavailable[trainer] = found
    values["trainer_unavailability"] = unavailable
    if start_from not in (None, ""):
        values["start_from"] = _date(start_from, "start_from", errors, "planifier à partir du")
    if errors:
        raise InvalidDossier(errors)
    try:
        return PlanOptions(**values)
    except InvalidOptions as exc:  # what the checks above did not foresee, in its words
        raise InvalidDossier([FieldError("options", str(exc))]) from None


def _half_days(items: list[Any], errors: list[FieldError]) -> tuple[HalfDay, ...]:
    out = []
    for i, item in enumerate(items):
        if isinstance(item, HalfDay):
            out.append(item)
            continue
        item = (
            item
            if isinstance(item, Mapping)
            else dict(zip(("label", "start", "end"), item, strict=False))
        )
        label = str(item.get("label") or f"demi-journée {i + 1}")
        start = _time(item.get("start"), f"half_days[{i}].start", errors, label)
        end = _time(item.get("end"), f"half_days[{i}].end", errors, label)
        if start and end:
            if end <= start:
                errors.append(
                    FieldError(
                        f"half_days[{i}].end",
                        f"{label} : l'heure de fin doit suivre l'heure de début",
                    )
                )
            else:
                out.append(HalfDay(label, start, end))
    if not out and not errors:
        errors.append(FieldError("half_days", "indiquez au moins une demi-journée de formation"))
    starts = sorted(out, key=lambda h: h.start)
    for a, b in zip(starts, starts[1:], strict=False):
        if b.start < a.end:
            errors.append(
                FieldError(
                    "half_days", f"les demi-journées « {a.label} » et « {b.label} » se chevauchent"
                )
            )
    return tuple(out)
