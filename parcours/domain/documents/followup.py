"""The papers of the running contract's reviews: bilans de suivi, bilan final.
(Émargement and certificat de réalisation: `attendance_sheets.py`; attestation de fin de
contrat and notification de rupture: `closing.py`.)"""

from __future__ import annotations

from parcours.domain.charts import LEGEND, competence_chart, legend_svg
from parcours.domain.documents.blocks import (
    Chart,
    Fields,
    Filled,
    Heading,
    PageBreak,
    Paper,
    Signatures,
    Table,
    p,
)
from parcours.domain.documents.common import city, date, header, learner_name, level
from parcours.domain.dossier import Dossier, Review, ReviewDecision, ReviewKind, Score
from parcours.domain.figures import Figures
from parcours.domain.progress import QUALITY_LABELS, describe, progress, review_appreciations

NOT_READY_SIGNING = "Le document sera disponible une fois le bilan tenu et ses niveaux saisis."


def _city(d: Dossier) -> str:
    return city(d.company.address)


# Bilans ------------------------------------------------------------------------------


def bilan_instances(d: Dossier, f: Figures) -> list[tuple[str, str]]:
    return [(r.id, f"Bilan de suivi {r.id}") for r in d.reviews if r.kind == ReviewKind.SUIVI]


def _review(d: Dossier, key: str | None) -> Review | None:
    if key is None:
        return next((r for r in d.reviews if r.kind == ReviewKind.FINAL), None)
    return next(r for r in d.reviews if r.id == key)


def _review_not_ready(r: Review | None, what: str) -> str | None:
    if r is None:
        return f"Le {what} n'est pas planifié dans le dossier."
    if r.held_date is None:
        planned = f" (prévu le {date(r.planned_date)})" if r.planned_date else ""
        return f"Le {what} {r.id}{planned} n'a pas encore eu lieu. {NOT_READY_SIGNING}"
    if not r.scores:
        return f"Les niveaux constatés lors du {what} {r.id} ne sont pas saisis."
    return None


def bilan_not_ready(d: Dossier, f: Figures, key: str | None) -> str | None:
    return _review_not_ready(_review(d, key), "bilan de suivi")


def bilan_final_not_ready(d: Dossier, f: Figures, key: str | None) -> str | None:
    return _review_not_ready(_review(d, None), "bilan final")


def _appreciation(reached: int | None, expected: int | None) -> str:
    if reached is None:
        return "non évaluée"
    if expected is None or reached >= expected:
        return "Acquise"
    return "En cours" if reached >= expected - 1 else "À renforcer"


DECISION_WORDS = {
    ReviewDecision.CONTINUE: "poursuivre le parcours tel qu'il est prévu",
    ReviewDecision.ADAPT: "adapter le parcours (une demande d'adaptation est ouverte)",
}


def _date_appreciation(d: Dossier, r: Review, score: Score | None, competence) -> str:
    """The level found against where the learner should be on the review's day (and, at the
    final review, whether the competence is acquired)."""
    if score is None:
        return "non évaluée"
    found = review_appreciations(d, r).get(score.competence)
    if found is None:
        return "niveau attendu non défini"
    words = found.text[0].upper() + found.text[1:]
    if r.kind == ReviewKind.FINAL:
        acquired = "Acquise" if score.level >= competence.level else "Non acquise"
        return f"{acquired} ; {found.text}"
    return words


def _scores_table(d: Dossier, r: Review) -> Table:
    by_id = {s.competence: s for s in r.scores}
    found = review_appreciations(d, r)
    rows = []
    for c in d.competences:
        score = by_id.get(c.id)
        at_date = found.get(c.id)
        rows.append((
            c.id, c.statement, level(c.level), str(at_date.expected) if at_date else "—",
            level(score.level) if score else "non évaluée",
            _date_appreciation(d, r, score, c), (score.comment or "") if score else "",
        ))  # fmt: skip
    return Table(
        ("N°", "Compétence", "Niveau attendu", "Attendu au bilan", "Niveau constaté",
         "Appréciation à cette date", "Commentaire"),
        tuple(rows),
        widths=(4, 25, 11, 10, 11, 18, 21),
    )  # fmt: skip


def _charts(d: Dossier, r: Review) -> tuple[Chart, ...]:
    """The progress of each competence up to the review's day, two charts a line."""
    series = progress(d, until=r.held_date)
    return (
        Chart(legend_svg(), "Légende : " + " ; ".join(f"{a} : {b}" for a, b in LEGEND)),
        *(Chart(competence_chart(cp, width=4.2, height=1.45), describe(cp),
                f"{cp.id} – {cp.statement}", half=True) for cp in series),
    )  # fmt: skip


def _participants(r: Review) -> str:
    return ", ".join(f"{p.name} ({QUALITY_LABELS[p.quality]})" for p in r.participants)


def _review_paper(d: Dossier, r: Review, title: str) -> Paper:
    people = [("Salarié apprenant", Filled(learner_name(d))),
              ("Tuteur", Filled(d.tutor.name) if d.tutor else "non désigné")]  # fmt: skip
    if d.facilitator:
        people.append(("Tiers facilitateur", Filled(d.facilitator.name)))
    people.append(("Bilan tenu le", Filled(date(r.held_date))))
    if r.held_by:
        people.append(("Bilan tenu par", Filled(r.held_by)))
    if r.participants:
        people.append(("Ont pris part au bilan", Filled(_participants(r))))
    if r.decision:
        people.append(("Décision", Filled(DECISION_WORDS[r.decision])))
    boxes = [("Le tuteur", d.tutor.name if d.tutor else "", False),
             ("Le salarié apprenant", learner_name(d), False)]  # fmt: skip
    qualities = [d.tutor.job_title if d.tutor else "", d.contract.job_title]
    if d.facilitator:
        boxes.append(("Le tiers facilitateur", d.facilitator.representative.name, False))
        qualities.append(d.facilitator.representative.role)
    blocks = (
        Fields(tuple(people)),
        Heading("Niveaux constatés"),
        p(
            "L'appréciation compare le niveau constaté au niveau attendu à la date du bilan : "
            "une progression régulière du niveau évalué au positionnement initial, au début "
            "de l'action, jusqu'au niveau attendu, à sa fin.",
            style="note",
        ),
        _scores_table(d, r),
        Heading("Observations"),
        p(r.comment or "Aucune observation."),
        PageBreak(),  # the legend and the charts on one page
        Heading("Progression par compétence"),
        *_charts(d, r),
        Signatures(tuple(boxes), qualities=tuple(qualities)),
    )
    return Paper(title, f"{d.contract.job_title} – {learner_name(d)}", header(d), blocks)


def bilan_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    return _review_paper(d, _review(d, key), f"Bilan de suivi {key}")


def bilan_final_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    return _review_paper(d, _review(d, None), "Bilan final")
