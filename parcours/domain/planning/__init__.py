"""The planner: sessions for a dossier's modules, on the days a rhythm, the region's public
holidays, closures and trainers allow, passing the calendar rules (ALT, VOL, PAR-03, SEQ,
CTR-02) by construction; or, when no plan exists, French reasons naming the constraint.

Pure domain code (no Django). OR-Tools and `holidays` are imported only when a plan is
computed, so that importing this package stays cheap.
"""

from parcours.domain.planning.options import (
    REGION_LABELS,
    RHYTHM_DESCRIPTIONS,
    RHYTHM_LABELS,
    DateRange,
    HalfDay,
    InvalidOptions,
    PlanOptions,
    Region,
    Rhythm,
)
from parcours.domain.planning.planner import Infeasible, PlanResult, apply_plan, plan

__all__ = [
    "REGION_LABELS",
    "RHYTHM_DESCRIPTIONS",
    "RHYTHM_LABELS",
    "DateRange",
    "HalfDay",
    "Infeasible",
    "InvalidOptions",
    "PlanOptions",
    "PlanResult",
    "Region",
    "Rhythm",
    "apply_plan",
    "plan",
]
