"""Apply the catalogue to one dossier: the stages its status reaches, at a reference date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from parcours.domain.dossier import Dossier
from parcours.domain.figures import Figures
from parcours.domain.params import DEFAULT_PARAMETERS, RuleParameters
from parcours.domain.rules.base import CATALOGUE, STAGES_BY_STATUS, Finding, Severity


@dataclass(frozen=True)
class Report:
    reference: str | None
    as_of: dt.date
    figures: Figures
    findings: tuple[Finding, ...]

    @property
    def blocking(self) -> bool:
        return any(f.severity == Severity.BLOQUANT for f in self.findings)

    def of_severity(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity == severity]

    def as_dict(self) -> dict:
        return {
            "reference": self.reference,
            "as_of": self.as_of.isoformat(),
            "figures": self.figures.as_report(),
            "findings": [f.as_dict() for f in self.findings],
        }


def check(
    dossier: Dossier,
    as_of: dt.date | None = None,
    params: RuleParameters = DEFAULT_PARAMETERS,
) -> Report:
    """Every finding of every rule that applies to the dossier at `as_of`.

    `as_of` defaults to the dossier's own, then to today."""
    as_of = as_of or dossier.as_of or dt.date.today()
    figures = Figures(dossier, params)
    stages = STAGES_BY_STATUS[dossier.status]
    findings: list[Finding] = []
    for rule in CATALOGUE.values():
        if rule.stage in stages:
            findings.extend(rule.findings(dossier, figures, as_of))
    return Report(dossier.reference, as_of, figures, tuple(findings))
