"""The learner's progress, competence by competence: the series self positioning → tutor
positioning → end-of-module evaluations → reviews → final review, against the expected
level, and where the learner should be at each date.

Where the learner should be at a date (docs/format.md): a straight line from the level the
tutor assessed at the initial positioning (0 when there is none) on the action's first day
to the competence's expected level on its last day; before the start, the starting level;
after the end, the expected level. The expected level at that date is that value rounded to
the nearest level (a half up). A held review's appreciation compares the level it found with
it: « en avance de N niveau(s) », « au niveau attendu à cette date », « en retard de N
niveau(x) sur l'attendu à cette date ». Pure: no Django, no I/O.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from enum import StrEnum

from parcours.domain.dossier import Competence, Dossier, Quality, Review, ReviewKind

LEVEL_NAMES = {0: "non acquis", 1: "notion", 2: "application", 3: "maîtrise", 4: "expertise"}
QUALITY_LABELS = {
    Quality.TUTOR: "tuteur",
    Quality.TRAINER: "formateur",
    Quality.FACILITATOR: "tiers facilitateur",
    Quality.LEARNER: "salarié apprenant",
    Quality.COMPANY: "entreprise",
}
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


class Kind(StrEnum):
    SELF = "self"
    TUTOR = "tutor"
    EVALUATION = "evaluation"
    REVIEW = "review"
    FINAL = "final"


KIND_LABELS = {
    Kind.SELF: "Auto-positionnement",
    Kind.TUTOR: "Positionnement du tuteur",
    Kind.EVALUATION: "Évaluation de module",
    Kind.REVIEW: "Bilan de suivi",
    Kind.FINAL: "Bilan final",
}
# Order of points taken the same day: positioning first, the final review last.
_RANK = {k: i for i, k in enumerate(Kind)}


def long_date(day: dt.date) -> str:
    """« 1er mars 2027 », « 25 février 2027 »: what a screen reader reads well."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"


def level_name(level: int | None) -> str:
    return "non évalué" if level is None else f"{level} ({LEVEL_NAMES[level]})"


def levels(n: int) -> str:
    return f"{n} niveau{'x' * (n > 1)}"


# --- where the learner should be ------------------------------------------------------


def expected_at(start_level: int, target: int, start: dt.date, end: dt.date, day: dt.date) -> float:
    """The linear expectation at `day` (see the module's docstring)."""
    if day <= start:
        return float(start_level)
    if day >= end or end <= start:
        return float(target)
    share = (day - start).days / (end - start).days
    return start_level + (target - start_level) * share


def rounded(value: float) -> int:
    """The nearest level, a half up (2.5 → 3)."""
    return math.floor(value + 0.5)


@dataclass(frozen=True)
class Appreciation:
    """A level found at a date against the level expected at that date."""

    level: int
    expected: int  # the expected level at that date (rounded)

    @property
    def gap(self) -> int:
        return self.level - self.expected

    @property
    def kind(self) -> str:
        return "ahead" if self.gap > 0 else "behind" if self.gap < 0 else "on_track"

    @property
    def text(self) -> str:
        if self.gap > 0:
            return f"en avance de {levels(self.gap)} sur l'attendu à cette date"
        if self.gap < 0:
            return f"en retard de {levels(-self.gap)} sur l'attendu à cette date"
        return "au niveau attendu à cette date"


# --- the series -----------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    kind: Kind
    date: dt.date
    level: int
    source: str  # the review's or the module's id; "" for the positioning
    label: str  # « Bilan B1 », « Évaluation du module M2 »…
    comment: str | None = None
    by: str = ""  # who evaluated (« Marc Petit, formateur »)
    expected: int | None = None  # expected level at that date; None without a target

    @property
    def appreciation(self) -> Appreciation | None:
        return None if self.expected is None else Appreciation(self.level, self.expected)


@dataclass(frozen=True)
class CompetenceProgress:
    id: str
    statement: str
    target: int | None  # the competence's expected level at the end
    start_level: int  # the tutor's positioning (0 without one)
    start: dt.date  # the action's first day
    end: dt.date  # the action's last day
    points: tuple[Point, ...]

    def expected_value(self, day: dt.date) -> float | None:
        if self.target is None:
            return None
        return expected_at(self.start_level, self.target, self.start, self.end, day)

    def expected_level(self, day: dt.date) -> int | None:
        value = self.expected_value(day)
        return None if value is None else rounded(value)

    @property
    def measured(self) -> tuple[Point, ...]:
        """Every point but the learner's own self-assessment."""
        return tuple(p for p in self.points if p.kind != Kind.SELF)

    @property
    def latest(self) -> Point | None:
        measured = self.measured
        return measured[-1] if measured else None

    @property
    def acquired(self) -> bool | None:
        latest = self.latest
        if latest is None or self.target is None:
            return None
        return latest.level >= self.target


def _by_competence(scores) -> dict[str, object]:
    return {s.competence: s for s in scores}


def _points(d: Dossier, c: Competence, until: dt.date | None) -> list[Point]:
    points: list[Point] = []
    if d.positioning:
        entry = next((e for e in d.positioning.entries if e.competence == c.id), None)
        day = d.positioning.date
        if entry and entry.self_level is not None:
            points.append(Point(Kind.SELF, day, entry.self_level, "", KIND_LABELS[Kind.SELF]))
        if entry and entry.assessed_level is not None:
            points.append(
                Point(Kind.TUTOR, day, entry.assessed_level, "", KIND_LABELS[Kind.TUTOR],
                      entry.comment)
            )  # fmt: skip
    for e in d.evaluations:
        result = _by_competence(e.results).get(c.id)
        if result is not None:
            by = f"{e.evaluator.name}, {QUALITY_LABELS[e.evaluator.quality]}"
            label = f"Évaluation du module {e.module}"
            points.append(
                Point(Kind.EVALUATION, e.date, result.level, e.module, label, result.comment, by)
            )
    for r in d.reviews:
        score = _by_competence(r.scores).get(c.id) if r.held_date else None
        if score is not None:
            kind = Kind.FINAL if r.kind == ReviewKind.FINAL else Kind.REVIEW
            label = "Bilan final" if kind == Kind.FINAL else f"Bilan {r.id}"
            points.append(
                Point(kind, r.held_date, score.level, r.id, label, score.comment, r.held_by or "")
            )
    if until is not None:
        points = [p for p in points if p.date <= until]
    points.sort(key=lambda p: (p.date, _RANK[p.kind]))
    return points


def start_level_of(d: Dossier, competence_id: str) -> int:
    if d.positioning:
        for e in d.positioning.entries:
            if e.competence == competence_id and e.assessed_level is not None:
                return e.assessed_level
    return 0


def progress(d: Dossier, *, until: dt.date | None = None) -> list[CompetenceProgress]:
    """Every competence of the référentiel with its series (points up to `until` when
    given, e.g. a review's date for that review's paper)."""
    start, end = d.contract.action_start, d.contract.action_end
    out = []
    for c in d.competences:
        base = start_level_of(d, c.id)
        points = _points(d, c, until)
        if c.level is not None:
            points = [
                replace(p, expected=rounded(expected_at(base, c.level, start, end, p.date)))
                for p in points
            ]
        out.append(CompetenceProgress(c.id, c.statement, c.level, base, start, end, tuple(points)))
    return out


def review_appreciations(d: Dossier, review: Review) -> dict[str, Appreciation]:
    """Competence id → the appreciation of the level the review found, against where the
    learner should be on the day it was held (competences without a target are left out)."""
    if review.held_date is None:
        return {}
    start, end = d.contract.action_start, d.contract.action_end
    targets = {c.id: c.level for c in d.competences}
    out = {}
    for s in review.scores:
        target = targets.get(s.competence)
        if target is None:
            continue
        base = start_level_of(d, s.competence)
        expected = rounded(expected_at(base, target, start, end, review.held_date))
        out[s.competence] = Appreciation(s.level, expected)
    return out


# --- in words -------------------------------------------------------------------------


def _point_words(p: Point) -> str:
    label = {
        Kind.SELF: "auto-positionnement",
        Kind.TUTOR: "positionnement du tuteur",
        Kind.EVALUATION: f"évaluation du module {p.source}",
        Kind.REVIEW: f"bilan {p.source}",
        Kind.FINAL: "bilan final",
    }[p.kind]
    words = f"{label} le {long_date(p.date)} : niveau {p.level}"
    if p.kind in (Kind.REVIEW, Kind.FINAL, Kind.EVALUATION) and p.appreciation:
        words += f", {p.appreciation.text}"
    return words


def describe(cp: CompetenceProgress) -> str:
    """One French sentence per competence: the text alternative of its chart."""
    target = (
        f"niveau attendu en fin de contrat : {level_name(cp.target)}"
        if cp.target is not None
        else "niveau attendu non défini"
    )
    head = f"Compétence {cp.id}, {cp.statement.rstrip('.')} ; {target}."
    if not cp.points:
        return f"{head} Aucun niveau n'est encore relevé."
    series = " ; ".join(_point_words(p) for p in cp.points)
    sentence = f"{head} {series[0].upper()}{series[1:]}."
    latest = cp.latest
    if latest is not None and cp.target is not None:
        state = "est atteint" if latest.level >= cp.target else "n'est pas encore atteint"
        sentence += (
            f" Dernier niveau constaté : {latest.level} ({latest.label[0].lower()}"
            f"{latest.label[1:]}) ; "
            f"le niveau attendu {cp.target} {state}."
        )
    return sentence
