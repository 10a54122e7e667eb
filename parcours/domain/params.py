"""Every threshold and amount of RULES.md, in one object.

An OPCO or a branch agreement overrides some of them with
`RuleParameters.from_overrides({...})` (or `parcours check --params FILE`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class RuleParameters(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # Public and contract
    min_age: int = 16
    max_young_age: int = 25
    job_seeker_min_age: int = 26
    min_duration_months: float = 6
    max_duration_months: float = 12
    max_extended_duration_months: float = 24
    # Training volume
    min_parcours_share: float = Field(0.15, ge=0, le=1)
    max_parcours_share: float = Field(0.25, ge=0, le=1)
    min_teaching_hours: float = 150
    facilitator_hours: float = 14
    # Référentiel
    max_competences: int = 12
    renforcement_gap: int = 2
    # People
    min_experience_years: float = 2
    tutor_max_learners: int = 3
    employer_tutor_max_learners: int = 2
    # Reviews: the action months in which they are due
    first_review_month: int = 2
    second_review_month: int = 6
    # Funding (euros)
    facilitator_amount: float = 2500
    parcours_forfait: float = 2500
    afest_bonus: float = 500
    first_payment: float = 1000
    final_payment: float = 1500
    facilitator_invoice_hours: float = 7
    # Calendar: French public holidays, optionally of a subdivision (e.g. "57" Moselle)
    holiday_subdivision: str | None = None

    @classmethod
    def from_overrides(cls, overrides: dict) -> RuleParameters:
        return cls.model_validate(overrides)


DEFAULT_PARAMETERS = RuleParameters()
