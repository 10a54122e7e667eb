"""The rules engine: every rule of RULES.md, applied by stage and reference date."""

# Imported in catalogue order (RULES.md, then docs/rules.md's additions where a family has
# none in RULES.md) so that findings come out in that order.
from parcours.domain.rules import (  # noqa: F401, I001
    eligibility,
    contract,
    volume,
    alternance,
    referentiel,
    parcours,
    sequences,
    evaluation,
    people,
    documents,
    reviews,
    execution,
    closing,
    funding,
    pay,
    decision,
)
from parcours.domain.rules.base import CATALOGUE, Finding, Rule, Severity, Stage
from parcours.domain.rules.engine import Report, check

__all__ = ["CATALOGUE", "Finding", "Report", "Rule", "Severity", "Stage", "check"]
