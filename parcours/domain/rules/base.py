"""A rule is one small function with its id, severity, stage and source.

`@rule(...)` registers it in the catalogue; the function receives a `Context`
and yields `Finding`s built with `ctx.finding(path, message, fix)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from parcours.domain.dossier import Dossier, Status
from parcours.domain.figures import Figures
from parcours.domain.params import RuleParameters


class Severity(StrEnum):
    BLOQUANT = "bloquant"
    ALERTE = "alerte"
    INFO = "info"


class Stage(StrEnum):
    DESIGN = "design"
    SUBMISSION = "submission"
    RUNNING = "running"
    CLOSING = "closing"


STAGES_BY_STATUS: dict[Status, frozenset[Stage]] = {
    Status.DRAFT: frozenset({Stage.DESIGN}),
    Status.SUBMITTED: frozenset({Stage.DESIGN, Stage.SUBMISSION}),
    Status.CHANGES_REQUESTED: frozenset({Stage.DESIGN, Stage.SUBMISSION}),
    Status.REFUSED: frozenset({Stage.DESIGN, Stage.SUBMISSION}),
    Status.ACCEPTED: frozenset({Stage.DESIGN, Stage.SUBMISSION, Stage.RUNNING}),
    Status.RUNNING: frozenset({Stage.DESIGN, Stage.SUBMISSION, Stage.RUNNING}),
    Status.COMPLETED: frozenset(Stage),
    Status.TERMINATED: frozenset(Stage),
}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    path: str
    message: str
    fix: str
    source: str

    def as_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "path": self.path,
            "message": self.message,
            "fix": self.fix,
            "source": self.source,
        }


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    stage: Stage
    source: str
    title: str
    check: Callable[[Context], Iterable[Finding]] = field(repr=False, compare=False)

    def findings(self, dossier: Dossier, figures: Figures, as_of: dt.date) -> list[Finding]:
        return list(self.check(Context(self, dossier, figures, as_of)))


@dataclass(frozen=True)
class Context:
    """What a rule sees: the dossier, its figures, the parameters and the reference date."""

    rule: Rule
    dossier: Dossier
    figures: Figures
    as_of: dt.date

    @property
    def params(self) -> RuleParameters:
        return self.figures.params

    @cached_property
    def competence_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.dossier.competences)

    def finding(
        self, path: str, message: str, fix: str, severity: Severity | None = None
    ) -> Finding:
        return Finding(
            rule=self.rule.id,
            severity=severity or self.rule.severity,
            path=path,
            message=message,
            fix=fix,
            source=self.rule.source,
        )


CATALOGUE: dict[str, Rule] = {}


def rule(id: str, severity: Severity, stage: Stage, source: str, title: str):
    """Register the decorated check under `id` in the catalogue."""

    def register(check: Callable[[Context], Iterable[Finding]]) -> Callable:
        if id in CATALOGUE:
            raise ValueError(f"rule {id} registered twice")
        CATALOGUE[id] = Rule(id, severity, stage, source, title, check)
        return check

    return register
