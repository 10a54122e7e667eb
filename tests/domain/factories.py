"""Small helpers to build dossiers from the valid example and read what the rules say."""

from __future__ import annotations

import copy
import datetime as dt
import re

from parcours.domain.loading import parse_dossier
from parcours.domain.params import DEFAULT_PARAMETERS, RuleParameters
from parcours.domain.rules import Finding, Report, check

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def report(
    data: dict, as_of: dt.date | str | None = None, params: RuleParameters = DEFAULT_PARAMETERS
) -> Report:
    """The report of the dossier described by `data` (validated exactly as a file would be)."""
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    return check(parse_dossier(data), as_of=as_of, params=params)


def findings(
    data: dict,
    rule_id: str,
    as_of: dt.date | str | None = None,
    params: RuleParameters = DEFAULT_PARAMETERS,
) -> list[Finding]:
    """The findings of one rule only."""
    return [f for f in report(data, as_of, params).findings if f.rule == rule_id]


def paths(data: dict, rule_id: str, as_of=None, params=DEFAULT_PARAMETERS) -> list[str]:
    return [f.path for f in findings(data, rule_id, as_of, params)]


def severities(data: dict, rule_id: str, as_of=None, params=DEFAULT_PARAMETERS) -> list[str]:
    return [f.severity.value for f in findings(data, rule_id, as_of, params)]


def shift_dates(value, days: int):
    """A copy of a JSON value with every ISO date moved by `days` days."""
    if isinstance(value, dict):
        return {k: shift_dates(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [shift_dates(v, days) for v in value]
    if isinstance(value, str) and ISO_DATE.match(value):
        return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
    return value


def module(data: dict, module_id: str) -> dict:
    return next(m for m in data["modules"] if m["id"] == module_id)


def competence(n: int, **fields) -> dict:
    """A well-formed competence C<n>."""
    return {
        "id": f"C{n}",
        "statement": f"Être capable de traiter le cas particulier numéro {n}",
        "importance": "accessoire",
        "level": 1,
        **fields,
    }


def with_competences(data: dict, count: int) -> dict:
    """The dossier with exactly `count` competences, every one of them taught by M1."""
    data = copy.deepcopy(data)
    existing = data["competences"][:count]
    extra = [competence(n) for n in range(len(existing) + 1, count + 1)]
    data["competences"] = existing + extra
    ids = [c["id"] for c in data["competences"]]
    for m in data["modules"]:
        m["competences"] = [c for c in m["competences"] if c in ids] or ids[:1]
    module(data, "M1")["competences"] = sorted(set(module(data, "M1")["competences"]) | set(ids))
    return data


def session(n: int, module_id: str, day: str, hours: float = 7, **fields) -> dict:
    return {
        "id": f"S{n}",
        "module": module_id,
        "date": day,
        "hours": hours,
        "learner_signed": True,
        "trainer_signed": True,
        **fields,
    }


def monthly_sessions(data: dict, skip: set[str] = frozenset()) -> list[dict]:
    """One signed externe session on the 15th (or the next weekday) of every month of the
    valid example's action, except the months 'YYYY-MM' in `skip`."""
    c = data["contract"]
    start, end = dt.date.fromisoformat(c["action_start"]), dt.date.fromisoformat(c["action_end"])
    result, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        day = dt.date(year, month, 15)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        if f"{year}-{month:02d}" not in skip and start <= day <= end:
            result.append(session(len(result) + 1, "M1", day.isoformat()))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result
