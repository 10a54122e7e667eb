"""The end of the contract, normal or early (pure): the reasons of a rupture, the checks of
its dates, what the attestation de fin de contrat rests on, and the hours the learner
actually followed.

- A rupture is dated between the contract's start and today; the OPCO is informed in
  writing on or after that date, and acknowledges on or after being informed (nothing is
  back-dated, nothing is dated in the future).
- The attestation lists every competence of the référentiel with the level reached at the
  final review; after a rupture, at the last held review, or the initial positioning when
  none was held (RULES.md CLO-01). Whether a competence is acquired (reached ≥ expected)
  is shown, not judged.
- The hours followed are the hours the learner's émargement proves, never the parcours'
  planned hours, and never the facilitator's 14 hours (its work, not the learner's
  training).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from parcours.domain import text
from parcours.domain.dossier import Dossier, Review, ReviewKind, RuptureReason, Score, Session

RUPTURE_REASONS: dict[RuptureReason, str] = {
    RuptureReason.DEMISSION: "Démission",
    RuptureReason.LICENCIEMENT: "Licenciement",
    RuptureReason.PERIODE_ESSAI: "Rupture pendant la période d'essai",
    RuptureReason.COMMUN_ACCORD: "Rupture d'un commun accord",
    RuptureReason.FORCE_MAJEURE: "Force majeure",
    RuptureReason.AUTRE: "Autre motif",
}
DETAILS_MAX = 500


def reason_text(code: RuptureReason, details: str = "") -> str:
    """The French `rupture.reason` for a code: its label, and the précision when given
    (« Autre motif : fermeture du site »)."""
    label = RUPTURE_REASONS[RuptureReason(code)]
    details = (details or "").strip()
    return f"{label} : {details}" if details else label


def reason_code_of(reason: str) -> RuptureReason | None:
    """The code whose label the free text is (accents and case ignored), else None."""
    wanted = text.fold(reason or "").strip()
    return next((c for c, label in RUPTURE_REASONS.items() if text.fold(label) == wanted), None)


def details_of(rupture) -> str:
    """The précision typed after the label in `reason` (empty when there is none)."""
    if rupture is None or rupture.reason_code is None:
        return rupture.reason if rupture is not None else ""
    label = RUPTURE_REASONS[rupture.reason_code]
    if rupture.reason.startswith(label):
        return rupture.reason[len(label) :].lstrip(" :").strip()
    return rupture.reason


# Dates ----------------------------------------------------------------------------------


def _day(value: dt.date) -> str:
    return text.date(value)


def not_after_today(value: dt.date, today: dt.date, what: str) -> str | None:
    if value > today:
        return (
            f"{what} ({_day(value)}) ne peut pas être dans le futur (nous sommes le {_day(today)})"
        )
    return None


def not_before(value: dt.date, floor: dt.date, what: str, event: str) -> str | None:
    if value < floor:
        return f"{what} ({_day(value)}) ne peut pas précéder {event} ({_day(floor)})"
    return None


def rupture_date_errors(
    d: Dossier, date: dt.date | None, informed: dt.date | None, today: dt.date
) -> list[tuple[str, str]]:
    """(path, French message) for each bad date of a rupture: the date is required, not in
    the future, not before the contract's start; the OPCO's information not in the future
    and not before the rupture."""
    errors: list[tuple[str, str]] = []
    if not isinstance(date, dt.date):
        return [("rupture.date", "la date de la rupture est obligatoire (jj/mm/aaaa)")]
    start = d.contract.start_date
    for message in (
        not_after_today(date, today, "la date de la rupture"),
        not_before(date, start, "la date de la rupture", "le début du contrat"),
    ):
        if message:
            errors.append(("rupture.date", message))
    if informed is not None:
        what = "la date d'envoi du courrier à l'OPCO"
        for message in (
            not_after_today(informed, today, what),
            not_before(informed, date, what, "la rupture"),
        ):
            if message:
                errors.append(("rupture.opco_informed_on", message))
    return errors


def acknowledgment_errors(d: Dossier, date: dt.date | None, today: dt.date) -> list[str]:
    """Why the OPCO cannot acknowledge the notice on `date` (empty: it can)."""
    r = d.rupture
    if r is None:
        return ["aucune rupture n'est enregistrée dans ce dossier"]
    if r.acknowledged_on is not None:
        return [f"la rupture a déjà été accusée reçue le {_day(r.acknowledged_on)}"]
    if r.opco_informed_on is None:
        return [
            "l'entreprise n'a pas encore indiqué la date d'envoi de la notification écrite : "
            "il n'y a rien à accuser reçu"
        ]
    if not isinstance(date, dt.date):
        return ["la date de l'accusé de réception est obligatoire (jj/mm/aaaa)"]
    what = "la date de l'accusé de réception"
    return [
        m
        for m in (
            not_after_today(date, today, what),
            not_before(date, r.opco_informed_on, what, "l'envoi de la notification"),
        )
        if m
    ]


# What the attestation rests on ------------------------------------------------------------


@dataclass(frozen=True)
class Basis:
    """Where the levels of the attestation come from."""

    label: str  # « le bilan final B3 du 20/12/2027 »
    date: dt.date | None  # the day those levels were found (None: positioning undated)
    scores: tuple[Score, ...]
    review: Review | None = None


def held_reviews(d: Dossier) -> list[Review]:
    """The reviews held, oldest first (by held date, then their order in the dossier)."""
    held = [(r.held_date, i, r) for i, r in enumerate(d.reviews) if r.held_date is not None]
    return [r for _, _, r in sorted(held, key=lambda x: (x[0], x[1]))]


def final_review(d: Dossier) -> Review | None:
    """The last held final review."""
    finals = [r for r in held_reviews(d) if r.kind == ReviewKind.FINAL]
    return finals[-1] if finals else None


def _review_basis(r: Review) -> Basis:
    what = "le bilan final" if r.kind == ReviewKind.FINAL else "le bilan de suivi"
    return Basis(f"{what} {r.id} du {_day(r.held_date)}", r.held_date, tuple(r.scores), r)


def attestation_basis(d: Dossier) -> Basis | None:
    """The levels the attestation must give (CLO-01): the final review's; after a rupture
    (a `rupture` recorded), the last held review's, or the positioning's when no review
    was held. None when there is nothing to rest on yet (no final review held)."""
    if d.rupture is None:
        final = final_review(d)
        return _review_basis(final) if final else None
    held = held_reviews(d)
    if held:
        return _review_basis(held[-1])
    if d.positioning and d.positioning.entries:
        scores = tuple(
            Score(competence=e.competence, level=e.assessed_level)
            for e in d.positioning.entries
            if e.assessed_level is not None
        )
        when = d.positioning.date
        label = "le positionnement initial" + (f" du {_day(when)}" if when else "")
        return Basis(label, when, scores)
    return None


@dataclass(frozen=True)
class Line:
    """One competence of the attestation."""

    competence: str
    statement: str
    expected: int | None
    reached: int | None

    @property
    def acquired(self) -> bool | None:
        """Reached ≥ expected (None: no level reached, or no expected level)."""
        if self.reached is None or self.expected is None:
            return None
        return self.reached >= self.expected


def lines(d: Dossier, scores) -> list[Line]:
    """Every competence of the référentiel, in its order, with the level the scores give."""
    reached = {s.competence: s.level for s in scores}
    return [Line(c.id, c.statement, c.level, reached.get(c.id)) for c in d.competences]


def prepared_scores(d: Dossier, basis: Basis) -> list[Score]:
    """The attestation's competences: one per competence of the référentiel that the basis
    gives a level to, in the référentiel's order."""
    reached = {s.competence: s.level for s in basis.scores}
    return [Score(competence=c.id, level=reached[c.id]) for c in d.competences if c.id in reached]


# Hours followed ----------------------------------------------------------------------------


def done_hours(s: Session) -> float:
    """Hours the learner's émargement proves for one session: the derived (or recorded)
    attended hours, else the session's hours when the learner signed, else none."""
    if s.attended_hours is not None:
        return s.attended_hours
    return s.hours if s.learner_signed else 0.0


def followed_hours(d: Dossier, until: dt.date | None = None) -> float:
    """The training hours the learner actually followed up to `until` (included): signed
    sessions only. The facilitator's hours are no session of the learner's: never here."""
    return sum(done_hours(s) for s in d.sessions if until is None or s.date <= until)


def end_of_contract(d: Dossier) -> dt.date:
    """The last day of the contract: the rupture's date, else its end (CDI: the action's)."""
    if d.rupture is not None:
        return d.rupture.date
    return d.contract.end_date or d.contract.action_end
