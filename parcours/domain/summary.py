"""A dossier's summary: the few figures the OPCO's portfolio sorts, filters and counts by.

Pure computation over the domain dossier and the engine's report; the Django side
(`parcours.dossiers.summary`) copies it into the row's summary columns on every save so
that lists and figures never parse the documents row by row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from parcours.domain.dossier import Dossier
from parcours.domain.params import DEFAULT_PARAMETERS, RuleParameters
from parcours.domain.rules import Report, Severity, check
from parcours.domain.text import fold

# Age bands of the experimentation's follow-up (the public of the contrat expérimental:
# young people under 26, job seekers of 26 and more, among whom the over 45).
AGE_BANDS: tuple[str, ...] = ("lt21", "21-25", "26-29", "30-44", "45+")
AGE_BAND_LABELS: dict[str, str] = {
    "lt21": "moins de 21 ans",
    "21-25": "21 à 25 ans",
    "26-29": "26 à 29 ans",
    "30-44": "30 à 44 ans",
    "45+": "45 ans et plus",
}
# Lower bound of each band, highest first.
_BAND_FLOORS: tuple[tuple[int, str], ...] = (
    (45, "45+"),
    (30, "30-44"),
    (26, "26-29"),
    (21, "21-25"),
)


def normalise(text: str | None) -> str:
    """Lower case, accents removed, spaces collapsed: how `search_text` is stored and how
    a search query is compared to it (« Émilie  DUPONT » -> « emilie dupont »)."""
    return fold(text or "")


def age_on(birth: dt.date, day: dt.date) -> int:
    """Whole years of age on `day` (a birthday on 29 February counts on 1 March)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_band(age: int | None) -> str:
    """The band code of an age ("" without an age)."""
    if age is None:
        return ""
    return next((band for floor, band in _BAND_FLOORS if age >= floor), "lt21")


def display_name(first_name: str, last_name: str) -> str:
    """« NOM Prénom », as lists show a person (last name in capitals)."""
    return " ".join(p for p in (last_name.strip().upper(), first_name.strip()) if p)


@dataclass(frozen=True)
class DossierSummary:
    learner_name: str
    company_name: str
    search_text: str
    learner_age: int | None
    age_band: str
    job_seeker: bool | None
    benefits: str
    start_date: dt.date | None
    end_date: dt.date | None
    duration_months: float | None
    training_hours: float | None
    afest_hours: float | None
    support_hours: float | None
    total_hours: float | None
    training_share: float | None  # percent
    bloquant_count: int
    alerte_count: int
    competences_targeted: int
    competences_acquired: int
    tutor_key: str = ""  # the tutor's name folded: TUT-05 counts the company's contracts by it


def tutor_key(name: str | None) -> str:
    """How two dossiers name the same tutor: the name folded, at most 200 characters."""
    return normalise(name)[:200]


def competences_acquired(dossier: Dossier) -> int:
    """Competences whose level reached the level the référentiel expects: in the attestation
    when there is one, otherwise in the last review held (by date) that scored any."""
    targets = {c.id: c.level for c in dossier.competences if c.level is not None}
    scores = None
    if dossier.attestation is not None:
        scores = dossier.attestation.competences
    else:
        held = [r for r in dossier.reviews if r.held_date is not None and r.scores]
        if held:
            scores = max(held, key=lambda r: r.held_date).scores
    if not scores:
        return 0
    return sum(1 for s in scores if s.competence in targets and s.level >= targets[s.competence])


def _round(value: float) -> float:
    return round(value, 2)


def summarize(
    dossier: Dossier,
    report: Report | None = None,
    params: RuleParameters = DEFAULT_PARAMETERS,
    *,
    company_name: str | None = None,
) -> DossierSummary:
    """The dossier's summary. `report`: the engine's report on it when the caller already
    has one (it is not checked twice), otherwise checked here at the dossier's own status.
    `company_name`: the company's current name when it differs from the document's (the
    organisation was renamed since the document was written)."""
    report = report if report is not None else check(dossier, params=params)
    figures = report.figures
    learner = dossier.learner
    contract = dossier.contract
    age = age_on(learner.birth_date, contract.start_date) if learner else None
    if age is not None and age < 0:  # born after the start: a typo the rules report
        age = None
    company = company_name or dossier.company.name
    agreement = dossier.agreement.number if dossier.agreement else ""
    words = (
        learner.first_name if learner else "",
        learner.last_name if learner else "",
        company,
        dossier.company.siret,
        dossier.reference or "",
        agreement,
        contract.job_title,
    )
    return DossierSummary(
        learner_name=display_name(learner.first_name, learner.last_name) if learner else "",
        company_name=company,
        search_text=normalise(" ".join(w for w in words if w)),
        learner_age=age,
        age_band=age_band(age),
        job_seeker=learner.job_seeker if learner else None,
        benefits=",".join(sorted(str(b) for b in learner.benefits)) if learner else "",
        start_date=contract.start_date,
        end_date=contract.end_date or contract.action_end,
        duration_months=_round(figures.duration_months),
        training_hours=_round(figures.teaching_hours),
        afest_hours=_round(figures.afest_hours),
        support_hours=_round(figures.support_hours),
        total_hours=_round(figures.parcours_hours),
        training_share=_round(figures.parcours_share * 100),
        bloquant_count=len(report.of_severity(Severity.BLOQUANT)),
        alerte_count=len(report.of_severity(Severity.ALERTE)),
        competences_targeted=len(dossier.competences),
        competences_acquired=competences_acquired(dossier),
        tutor_key=tutor_key(dossier.tutor.name if dossier.tutor else None),
    )
