"""The papers of the running contract and its end: feuilles d'émargement, certificat de
réalisation, bilans de suivi, bilan final, attestation de fin de contrat."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

from parcours.domain import text
from parcours.domain.calendar import calendar_months, month_bounds
from parcours.domain.documents.blocks import (
    Block,
    Fields,
    Filled,
    Heading,
    PageBreak,
    Paper,
    Signatures,
    Table,
    p,
)
from parcours.domain.documents.common import (
    MODALITY,
    date,
    header,
    learner_name,
    level,
    module_people,
)
from parcours.domain.dossier import Dossier, Module, Review, ReviewKind, Score
from parcours.domain.figures import Figures

NOT_READY_SIGNING = "Le document sera disponible une fois le bilan tenu et ses niveaux saisis."


# Feuilles d'émargement ---------------------------------------------------------------


def _month_key(m: Module, year: int, month: int) -> str:
    return f"{m.id}-{year}-{month:02d}"


def emargement_instances(d: Dossier, f: Figures) -> list[tuple[str, str]]:
    """One file per module: its monthly feuilles d'émargement, one page per month."""
    out = []
    for m in d.modules:
        months = _months_of(d, f, m)
        if months:
            first, last = text.month(*months[0]), text.month(*months[-1])
            span = first if len(months) == 1 else f"{first} à {last}"
            out.append((m.id, f"Module {m.id}, {len(months)} feuille(s) mensuelle(s) : {span}"))
    return out


def emargement_months(d: Dossier, f: Figures) -> list[tuple[str, str]]:
    """The monthly sheets one by one (M1-2027-03…), for printing a single month."""
    return [
        (_month_key(m, year, month), f"Module {m.id}, {text.month(year, month)}")
        for m in d.modules
        for year, month in _months_of(d, f, m)
    ]


def _months_of(d: Dossier, f: Figures, m: Module) -> list[tuple[int, int]]:
    if d.sessions:
        return sorted({(s.date.year, s.date.month) for s in d.sessions if s.module == m.id})
    return sorted({(day.year, day.month) for day in planned_days(d, f, m)})


def planned_days(d: Dossier, f: Figures, m: Module) -> list[dt.date]:
    """The days the module is planned on: its séquence's calendar when it has one,
    otherwise every working day between its start and end."""
    if m.dispensed or m.modality is None:
        return []
    calendar = sorted({day for s in d.sequences_of(m.id) for day in s.calendar})
    return calendar or list(f.module_working_days(m))


def emargement_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    """`key` is a module (M1: every month of it, one page each) or one month (M1-2027-03)."""
    if key.count("-") >= 2:
        module_id, year, month = key.rsplit("-", 2)
        m, months = d.module(module_id), [(int(year), int(month))]
    else:
        m = d.module(key)
        months = _months_of(d, f, m)
    # Every page says which module and month it is for: the subtitle on the first page
    # (as on a single sheet, so that a long month still fits), a heading on the others.
    title = "Feuille d'émargement" if len(months) == 1 else "Feuilles d'émargement"
    subtitle = f"Module {m.id} – {text.month(*months[0])}"
    blocks: list[Block] = []
    for i, (year, month) in enumerate(months):
        if i:
            blocks.append(PageBreak())
            blocks.append(Heading(f"Module {m.id} – {text.month(year, month)}"))
        blocks.extend(_month_sheet(d, f, m, year, month))
    return Paper(title, subtitle, header(d), tuple(blocks))


def _month_sheet(d: Dossier, f: Figures, m: Module, year: int, month: int):
    trainer = d.trainer(m.trainer)
    yield Fields(
        (
            ("Salarié apprenant", Filled(learner_name(d))),
            ("Module", Filled(f"{m.id} – {m.title}")),
            ("Modalité", Filled(MODALITY.get(m.modality, "—") if m.modality else "—")),
            ("Formateur / prestataire", Filled(module_people(d, m))),
            ("Mois", Filled(text.month(year, month))),
        )
    )
    trainer_label = (
        "Signature du formateur" if trainer or not m.provider else "Signature de l'organisme"
    )
    if d.sessions:
        yield from _session_sheet(d, m, year, month, trainer_label)
    else:
        yield from _planned_sheet(d, f, m, year, month, trainer_label)
    yield Signatures(
        (("Le tuteur", d.tutor.name if d.tutor else "", False),
         ("L'Entreprise (cachet)", d.company.representative.name, False))
    )  # fmt: skip


def _mark(flag: bool) -> str:
    return "signé" if flag else ""


def _session_sheet(d: Dossier, m: Module, year: int, month: int, trainer_label: str):
    sessions = sorted(
        (
            s
            for s in d.sessions
            if s.module == m.id and (s.date.year, s.date.month) == (year, month)
        ),
        key=lambda s: s.date,
    )
    rows = tuple(
        (
            date(s.date),
            text.hours(s.hours),
            text.hours(s.attended_hours) if s.attended_hours is not None else "",
            _mark(s.learner_signed),
            _mark(s.trainer_signed),
        )
        for s in sessions
    )
    attended = sum(s.attended_hours or 0 for s in sessions)
    yield Table(
        ("Date", "Durée prévue", "Heures suivies", "Signature du salarié", trainer_label),
        rows,
        widths=(15, 13, 16, 28, 28),
        footer=(
            "Total du mois",
            text.hours(sum(s.hours for s in sessions)),
            text.hours(attended),
            "",
            "",
        ),  # fmt: skip
        numeric=(1, 2),
        tall=True,
    )


# A sheet with no dated session offers one row per expected half day (3.5 h) of the month,
# within these bounds, for the dates to be written by hand.
HALF_DAY_HOURS = 3.5
BLANK_ROWS = (4, 12)


def planned_month_hours(f: Figures, m: Module, year: int, month: int) -> float:
    """The module's hours falling in that month when spread evenly over its working days
    (RULES.md's monthly distribution)."""
    days = f.module_working_days(m)
    in_month = sum(1 for day in days if (day.year, day.month) == (year, month))
    return m.hours * in_month / len(days) if days else 0.0


def _planned_sheet(d: Dossier, f: Figures, m: Module, year: int, month: int, trainer_label: str):
    first, last = month_bounds(year, month)
    calendar = [day for s in d.sequences_of(m.id) for day in s.calendar]
    columns = ("Date", "Horaires", "Durée", "Signature du salarié", trainer_label)
    total = f"Durée totale du module : {text.hours(m.hours)}."
    if calendar:
        days = sorted({day for day in calendar if first <= day <= last})
        yield p(
            "Aucune séance n'est encore enregistrée : la feuille liste les dates prévues par "
            f"la séquence pédagogique du module. {total}",
            style="note",
        )
        rows = tuple((f"{_weekday(day)} {date(day)}", "", "", "", "") for day in days)
    else:
        hours = planned_month_hours(f, m, year, month)
        low, high = BLANK_ROWS
        count = min(high, max(low, math.ceil(hours / HALF_DAY_HOURS)))
        yield p(
            "Aucune séance n'est encore datée : inscrivez la date et les horaires de chaque "
            f"séance. Heures prévues ce mois-ci : {text.hours(hours)} (réparties sur les jours "
            f"ouvrés du module, jours fériés exclus). {total}",
            style="note",
        )
        rows = tuple(("", "", "", "", "") for _ in range(count))
    yield Table(
        columns,
        rows,
        widths=(20, 16, 10, 27, 27),
        footer=("Total du mois", "", "", "", ""),
        tall=True,
    )


WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _weekday(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]


# Certificat de réalisation -----------------------------------------------------------


def certificat_not_ready(d: Dossier, f: Figures, key: str | None) -> str | None:
    if not d.sessions:
        return (
            "Aucune séance de formation n'est enregistrée : le certificat de réalisation "
            "atteste des heures effectivement suivies, il ne peut être établi qu'une fois les "
            "séances saisies avec leur émargement."
        )
    return None


def _attended(s) -> float:
    if s.attended_hours is not None:
        return s.attended_hours
    return s.hours if s.learner_signed else 0.0


def certificat_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    done: dict[str, float] = defaultdict(float)
    for s in d.sessions:
        done[s.module] += _attended(s)
    first = min(s.date for s in d.sessions)
    last = max(s.date for s in d.sessions)
    rows = tuple(
        (f"{m.id} – {m.title}", MODALITY.get(m.modality, "—") if m.modality else "—",
         text.hours(m.hours), text.hours(done.get(m.id, 0)))
        for m in d.modules if not m.dispensed
    )  # fmt: skip
    total_done = sum(done.values())
    rep = d.company.representative
    blocks = (
        p(
            "Je soussigné(e) ",
            Filled(rep.name),
            ", ",
            Filled(rep.role),
            " de l'entreprise ",
            Filled(d.company.name),
            ", atteste que ",
            Filled(learner_name(d)),
            ", salarié(e) de l'entreprise en contrat de professionnalisation expérimental, a "
            "suivi l'action de formation « ",
            Filled(d.contract.job_title),
            " » ",
            Filled(text.period(first, last)),
            " pour une durée réalisée de ",
            Filled(text.hours(total_done)),
            ".",
        ),  # fmt: skip
        p(
            "Nature de l'action : action de formation (article L. 6313-1 du code du travail).",
            style="note",
        ),  # fmt: skip
        Heading("Heures réalisées par module"),
        Table(
            ("Module", "Modalité", "Heures prévues", "Heures réalisées"),
            rows,
            widths=(50, 18, 16, 16),
            footer=(
                "Total",
                "",
                text.hours(sum(m.hours for m in d.modules if not m.dispensed)),
                text.hours(total_done),
            ),  # fmt: skip
            numeric=(2, 3),
        ),
        p(
            "Les heures réalisées sont celles des feuilles d'émargement signées par le salarié.",
            style="note",
        ),  # fmt: skip
        p("Fait à ", Filled(_city(d)), ", le ", Filled(date(d.as_of or last)), "."),
        Signatures((("Pour l'Entreprise (signature et cachet)", rep.name, False),)),
    )
    return Paper("Certificat de réalisation", "Formations suivies", header(d), blocks)


def _city(d: Dossier) -> str:
    from parcours.domain.documents.common import city

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
    from parcours.domain.documents.common import siret

    return siret(value)


__all__ = ["calendar_months"]
