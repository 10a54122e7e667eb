"""What the parcours builder shows live: the competences × modules matrix and the figures.

Pure functions of a domain Dossier, so the page and its htmx fragments agree
with the rules engine (PAR-01 for coverage, VOL-01/02/03 for the figures).
"""

from __future__ import annotations

from dataclasses import dataclass

from parcours.domain.dossier import Dossier, Modality
from parcours.domain.figures import Figures
from parcours.domain.params import DEFAULT_PARAMETERS, RuleParameters
from parcours.domain.rules.parcours import already_mastered


@dataclass(frozen=True)
class Cell:
    module_id: str
    covers: bool
    teaches: bool  # covers and counts for PAR-01: not an evaluation, not dispensed


@dataclass(frozen=True)
class CoverageRow:
    competence_id: str
    statement: str
    cells: tuple[Cell, ...]
    mastered: bool  # the positioning already reaches the expected level

    @property
    def covered(self) -> bool:
        return self.mastered or any(c.teaches for c in self.cells)


@dataclass(frozen=True)
class Coverage:
    module_ids: tuple[str, ...]
    module_titles: tuple[str, ...]
    rows: tuple[CoverageRow, ...]

    @property
    def uncovered(self) -> list[CoverageRow]:
        return [r for r in self.rows if not r.covered]


def _teaches(module) -> bool:
    return module.modality not in (None, Modality.EVALUATION) and not module.dispensed


def coverage(dossier: Dossier) -> Coverage:
    modules = dossier.modules
    rows = tuple(
        CoverageRow(
            competence_id=c.id,
            statement=c.statement,
            cells=tuple(
                Cell(m.id, c.id in m.competences, c.id in m.competences and _teaches(m))
                for m in modules
            ),
            mastered=already_mastered(dossier, c),
        )
        for c in dossier.competences
    )
    return Coverage(tuple(m.id for m in modules), tuple(m.title for m in modules), rows)


@dataclass(frozen=True)
class Gauge:
    """One live figure with its bounds and a verdict the page can show in words."""

    label: str
    value: float
    minimum: float | None
    maximum: float | None
    unit: str  # "h" or "%"

    @property
    def state(self) -> str:
        if self.minimum is not None and self.value < self.minimum:
            return "bas"
        if self.maximum is not None and self.value > self.maximum:
            return "haut"
        return "ok"


def live_figures(dossier: Dossier, params: RuleParameters = DEFAULT_PARAMETERS) -> dict:
    figures = Figures(dossier, params)
    share = Gauge(
        "Part du parcours dans la durée du contrat",
        round(figures.parcours_share * 100, 1),
        params.min_parcours_share * 100,
        params.max_parcours_share * 100,
        "%",
    )
    teaching = Gauge(
        "Heures d'enseignement (hors AFEST)",
        round(figures.teaching_hours, 1),
        params.min_teaching_hours,
        None,
        "h",
    )
    return {
        "figures": figures,
        "share": share,
        "teaching": teaching,
        "contract_hours": round(figures.contract_hours, 1),
        "parcours_hours": round(figures.parcours_hours, 1),
    }
