"""Guide step 4 (action 5 ③ ④): the trainings proposed to the tutor and the trainers, the
ones the company plans, and the working time it sets aside for their mission.

Pure: no Django. Who is proposed what follows the criteria of TUT-* and TRN-*
(`parcours.domain.rules.people`): the tutor, the « fondamentaux du tutorat » (and, to go
further, « accompagner la montée en compétences »); a trainer of an interne or AFEST module
without trainer training, « formateur occasionnel » (TRN-02); a trainer of an AFEST module
not made aware of its principles, « référent AFEST ». Each proposal says why, in French.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from parcours.domain import text
from parcours.domain.dossier import Dossier, StaffCourse, StaffTrainingEntry, TimeSetAside
from parcours.domain.rules.people import internal_trainers

TUTOR = "tuteur"  # the `person` of the tutor's entries (a trainer is named by its id)
PROVIDER_MAX = 200
HOURS_PER_MONTH_MAX = 200


@dataclass(frozen=True)
class Course:
    code: StaffCourse
    title: str
    hours: int
    purpose: str


COURSES: dict[StaffCourse, Course] = {
    c.code: c
    for c in (
        Course(
            StaffCourse.TUTORING_BASICS,
            "Les fondamentaux du tutorat",
            7,
            "accueillir le salarié, organiser son activité, suivre sa progression",
        ),
        Course(
            StaffCourse.SKILLS_GROWTH,
            "Accompagner la montée en compétences",
            14,
            "une certification pour accompagner et évaluer la montée en compétences",
        ),
        Course(
            StaffCourse.OCCASIONAL_TRAINER,
            "Formateur occasionnel",
            21,
            "préparer, animer et évaluer une séquence de formation",
        ),
        Course(
            StaffCourse.AFEST_REFERENT,
            "Référent AFEST",
            35,
            "conduire une formation en situation de travail : mises en situation et temps de recul",
        ),
    )
}


@dataclass(frozen=True)
class Person:
    id: str  # TUTOR or the trainer's id
    name: str
    role: str  # « Tuteur », « Formateur interne »…
    internal: bool = False  # a trainer of an interne or AFEST module
    afest: bool = False  # a trainer of an AFEST module


@dataclass(frozen=True)
class Proposal:
    person: Person
    course: Course
    reason: str  # French: why this training for this person
    recommended: bool  # False: « pour aller plus loin »
    planned: StaffTrainingEntry | None = None


def people(dossier: Dossier) -> list[Person]:
    """The tutor (when named), then every trainer, marked internal / AFEST from the modules."""
    found = []
    if dossier.tutor is not None and dossier.tutor.name.strip():
        found.append(Person(TUTOR, dossier.tutor.name.strip(), "Tuteur"))
    internal = {t.id: afest for _, t, afest in internal_trainers(dossier)}
    for t in dossier.trainers:
        if t.id in internal:
            role = "Formateur AFEST" if internal[t.id] else "Formateur interne"
        else:
            role = "Formateur (sans module interne)"
        found.append(
            Person(t.id, t.name.strip() or t.id, role, t.id in internal, internal.get(t.id, False))
        )
    return found


def person_name(dossier: Dossier, person: str) -> str | None:
    return next((p.name for p in people(dossier) if p.id == person), None)


def entries(dossier: Dossier) -> list[StaffTrainingEntry]:
    return list(dossier.staff_training.trainings) if dossier.staff_training else []


def time_set_aside(dossier: Dossier) -> dict[str, TimeSetAside]:
    block = dossier.staff_training
    return {x.person: x for x in block.time_set_aside} if block else {}


def find(dossier: Dossier, person: str, course: StaffCourse) -> StaffTrainingEntry | None:
    return next((e for e in entries(dossier) if e.person == person and e.course == course), None)


def proposals(dossier: Dossier) -> list[Proposal]:
    """The trainings to propose, person by person, each with its reason; a training already
    planned carries its entry (`planned`)."""
    result = []

    def add(person: Person, code: StaffCourse, reason: str, recommended: bool = True):
        course = COURSES[code]
        result.append(Proposal(person, course, reason, recommended, find(dossier, person.id, code)))

    for p in people(dossier):
        if p.id == TUTOR:
            add(
                p,
                StaffCourse.TUTORING_BASICS,
                f"{p.name} est le tuteur du contrat : le guide propose cette formation à tout "
                "nouveau tuteur, pour accueillir le salarié et suivre sa progression.",
            )
            add(
                p,
                StaffCourse.SKILLS_GROWTH,
                "Pour aller plus loin : une certification qui reconnaît la capacité du tuteur "
                "à accompagner et évaluer la montée en compétences.",
                recommended=False,
            )
            continue
        trainer = dossier.trainer(p.id)
        if p.internal and not trainer.trainer_training:
            add(
                p,
                StaffCourse.OCCASIONAL_TRAINER,
                f"{p.name} anime un module de formation interne sans avoir suivi de "
                "formation de formateur (règle TRN-02).",
            )
        if p.afest and not trainer.afest_aware:
            add(
                p,
                StaffCourse.AFEST_REFERENT,
                f"{p.name} anime un module en situation de travail (AFEST) sans avoir été "
                "sensibilisé à ses principes (règle TRN-02).",
            )
    return result


def without_proposal(dossier: Dossier) -> dict[str, str]:
    """person id → why no training is proposed to them (French)."""
    proposed = {p.person.id for p in proposals(dossier)}
    result = {}
    for p in people(dossier):
        if p.id in proposed:
            continue
        if not p.internal:
            result[p.id] = "N'anime aucun module interne ni AFEST : aucune formation proposée."
        elif p.afest:
            result[p.id] = "A déjà suivi une formation de formateur et est sensibilisé à l'AFEST."
        else:
            result[p.id] = "A déjà suivi une formation de formateur."
    return result


def is_overdue(entry: StaffTrainingEntry, today: dt.date) -> bool:
    return entry.planned_on is not None and entry.done_on is None and entry.planned_on < today


def overdue(dossier: Dossier, today: dt.date) -> list[StaffTrainingEntry]:
    """The trainings planned before `today` and not marked done."""
    return [e for e in entries(dossier) if is_overdue(e, today)]


def describe(dossier: Dossier, entry: StaffTrainingEntry) -> str:
    """« Référent AFEST (35 h) de Paul Martin »."""
    course = COURSES[entry.course]
    who = person_name(dossier, entry.person) or entry.person
    return f"« {course.title} » ({course.hours} h) de {who}"


def entry_errors(
    dossier: Dossier,
    person: str,
    course: str,
    planned_on: dt.date | None,
    provider: str,
    done_on: dt.date | None,
    today: dt.date,
) -> list[tuple[str, str]]:
    """(field, French message) for a training the company plans or marks done."""
    errors = []
    if person_name(dossier, person) is None:
        errors.append(("person", "choisissez le tuteur ou l'un des formateurs du dossier"))
    if course not in {c.value for c in StaffCourse}:
        titles = ", ".join(f"« {c.title} »" for c in COURSES.values())
        errors.append(("course", f"choisissez une formation parmi {titles}"))
    if len(provider) > PROVIDER_MAX:
        errors.append(("provider", f"l'organisme dépasse {PROVIDER_MAX} signes"))
    if planned_on is None and done_on is None:
        errors.append(("planned_on", "indiquez la date prévue de la formation"))
    if done_on is not None and done_on > today:
        errors.append(
            (
                "done_on",
                f"la date de fin de formation ne peut pas être dans le futur "
                f"(aujourd'hui : {text.date(today)})",
            )
        )
    return errors


def hours_errors(dossier: Dossier, person: str, hours: float | None) -> list[tuple[str, str]]:
    errors = []
    if person_name(dossier, person) is None:
        errors.append(("person", "choisissez le tuteur ou l'un des formateurs du dossier"))
    if hours is not None and not 0 <= hours <= HOURS_PER_MONTH_MAX:
        errors.append(
            (
                "hours_per_month",
                f"indiquez un nombre d'heures par mois entre 0 et {HOURS_PER_MONTH_MAX}",
            )
        )
    return errors
