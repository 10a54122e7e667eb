"""Every threshold and amount of RULES.md, in one object.

An OPCO or a branch agreement overrides some of them with
`RuleParameters.from_overrides({...})` (or `parcours check --params FILE`).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class SmicValue(BaseModel):
    """The monthly gross SMIC for 35 hours a week, in force from `since`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    since: dt.date
    monthly: float = Field(gt=0)


# Décrets of revaluation (JO); the value in force at the contract's start applies (PAY-01).
SMIC_VALUES = (
    SmicValue(since=dt.date(2023, 5, 1), monthly=1747.20),
    SmicValue(since=dt.date(2024, 1, 1), monthly=1766.92),
    SmicValue(since=dt.date(2024, 11, 1), monthly=1801.80),
    SmicValue(since=dt.date(2026, 1, 1), monthly=1823.03),
)


class RuleParameters(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # Public and contract
    min_age: int = 16
    max_young_age: int = 25
    job_seeker_min_age: int = 26
    min_duration_months: float = 6
    max_duration_months: float = 12
    max_extended_duration_months: float = 24
    # L6325-12: up to 36 months for the publics of L6325-1-1 (DUR-03)
    max_priority_duration_months: float = 36
    # Deadlines in days: the contract reaches the OPCO within 5 days of its start (D6325-1),
    # the OPCO decides within 20 days (D6325-2), a rupture is notified within 30 (D6325-5).
    contract_submission_days: int = 5
    opco_decision_days: int = 20
    rupture_notice_days: int = 30
    # Minimum pay (D6325-15 to D6325-18), as shares of the SMIC; "qualified": at least a bac
    # professionnel or a vocational title of the same level.
    pay_share_under_21: float = Field(0.55, ge=0, le=2)
    pay_share_under_21_qualified: float = Field(0.65, ge=0, le=2)
    pay_share_21_to_25: float = Field(0.70, ge=0, le=2)
    pay_share_21_to_25_qualified: float = Field(0.80, ge=0, le=2)
    pay_share_from_26: float = Field(1.0, ge=0, le=2)
    pay_branch_share_from_26: float = Field(0.85, ge=0, le=2)
    legal_weekly_hours: float = 35
    smic: tuple[SmicValue, ...] = SMIC_VALUES
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
    # Convention art. 10: days a formal notice (mise en demeure) is left without effect
    # before the convention may be ended; the convention fixes none, the OPCO may.
    convention_notice_days: int = Field(15, ge=1, le=365)
    # Calendar: French public holidays, optionally of a subdivision (e.g. "57" Moselle)
    holiday_subdivision: str | None = None

    def smic_at(self, day: dt.date) -> SmicValue | None:
        """The SMIC in force on `day` (None before the first value known)."""
        known = [v for v in sorted(self.smic, key=lambda v: v.since) if v.since <= day]
        return known[-1] if known else None

    @classmethod
    def from_overrides(cls, overrides: dict) -> RuleParameters:
        return cls.model_validate(overrides)


DEFAULT_PARAMETERS = RuleParameters()
