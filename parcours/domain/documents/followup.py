"""The papers of the running contract's reviews and its end: bilans de suivi, bilan final,
attestation de fin de contrat. (Émargement and certificat de réalisation:
`attendance_sheets.py`.)"""

from __future__ import annotations

from parcours.domain import text
from parcours.domain.documents.blocks import Fields, Filled, Heading, Paper, Signatures, Table, p
from parcours.domain.documents.common import city, date, header, learner_name, level, siret
from parcours.domain.dossier import Dossier, Review, ReviewKind, Score
from parcours.domain.figures import Figures

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


def _scores_table(d: Dossier, scores: list[Score], reached_label: str) -> Table:
    by_id = {s.competence: s.level for s in scores}
    initial = (
        {e.competence: e.assessed_level for e in d.positioning.entries} if d.positioning else {}
    )
    rows = tuple(
        (c.id, c.statement, level(c.level), level(initial.get(c.id)), level(by_id.get(c.id)),
         _appreciation(by_id.get(c.id), c.level))
        for c in d.competences
    )  # fmt: skip
    return Table(
        (
            "N°",
            "Compétence",
            "Niveau attendu",
            "Positionnement initial",
            reached_label,
            "Appréciation",
        ),  # fmt: skip
        rows,
        widths=(4, 34, 16, 16, 15, 15),
    )


def _review_paper(d: Dossier, r: Review, title: str) -> Paper:
    people = [("Salarié apprenant", Filled(learner_name(d))),
              ("Tuteur", Filled(d.tutor.name) if d.tutor else "non désigné")]  # fmt: skip
    if d.facilitator:
        people.append(("Tiers facilitateur", Filled(d.facilitator.name)))
    people.append(("Bilan tenu le", Filled(date(r.held_date))))
    boxes = [("Le tuteur", d.tutor.name if d.tutor else "", False),
             ("Le salarié apprenant", learner_name(d), False)]  # fmt: skip
    if d.facilitator:
        boxes.append(("Le tiers facilitateur", d.facilitator.representative.name, False))
    blocks = (
        Fields(tuple(people)),
        Heading("Niveaux constatés"),
        _scores_table(d, r.scores, "Niveau constaté"),
        Heading("Observations"),
        p(r.comment or "Aucune observation."),
        Signatures(tuple(boxes)),
    )
    return Paper(title, f"{d.contract.job_title} – {learner_name(d)}", header(d), blocks)


def bilan_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    return _review_paper(d, _review(d, key), f"Bilan de suivi {key}")


def bilan_final_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    return _review_paper(d, _review(d, None), "Bilan final")


# Attestation de fin de contrat -------------------------------------------------------


def attestation_not_ready(d: Dossier, f: Figures, key: str | None) -> str | None:
    if d.attestation and d.attestation.competences:
        return None
    final = _review(d, None)
    reason = _review_not_ready(final, "bilan final")
    if reason:
        return (
            "L'attestation de fin de contrat liste les compétences acquises et leur niveau : "
            f"elle ne peut être établie qu'après le bilan final. {reason}"
        )
    return None


def attestation_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    final = _review(d, None)
    if d.attestation and d.attestation.competences:
        scores, on = d.attestation.competences, d.attestation.date
    else:
        scores, on = final.scores, final.held_date
    c, rep = d.contract, d.company.representative
    end = d.rupture.date if d.rupture else (c.end_date or c.action_end)
    reached = {s.competence: s.level for s in scores}
    rows = tuple(
        (comp.id, comp.statement, level(comp.level), level(reached.get(comp.id)),
         _appreciation(reached.get(comp.id), comp.level))
        for comp in d.competences
    )  # fmt: skip
    acquired = sum(1 for r in rows if r[4] == "Acquise")
    blocks = (
        p(
            "Je soussigné(e) ",
            Filled(rep.name),
            ", ",
            Filled(rep.role),
            " de l'entreprise ",
            Filled(d.company.name),
            " (SIRET ",
            Filled(_siret(d.company.siret)),
            "), atteste que ",
            Filled(learner_name(d)),
            ", né(e) le ",
            Filled(date(d.learner.birth_date)),
            ", a été employé(e) en contrat de professionnalisation expérimental (",
            Filled(c.type.value),
            ") en qualité de ",
            Filled(c.job_title),
            " ",
            Filled(text.period(c.start_date, end)),
            ", et a suivi un parcours de formation de ",
            Filled(text.hours(f.parcours_hours)),
            ".",
        ),  # fmt: skip
        Heading("Compétences acquises"),
        Table(
            ("N°", "Compétence", "Niveau attendu", "Niveau atteint", "Appréciation"),
            rows,
            widths=(4, 48, 16, 16, 16),
        ),
        p(
            f"{acquired} compétence(s) sur {len(rows)} atteignent le niveau attendu.", style="note"
        ),  # fmt: skip
        p("Fait à ", Filled(_city(d)), ", le ", Filled(date(on)), "."),
        Signatures(
            (
                ("Pour l'Entreprise", rep.name, False),
                ("Le salarié apprenant", learner_name(d), False),
            )
        ),  # fmt: skip
    )
    return Paper("Attestation de fin de contrat", "de professionnalisation expérimental",
                 header(d), blocks)  # fmt: skip


def _siret(value: str) -> str:
    return siret(value)
