"""Guide action 6 (« Accueillir et intégrer son alternant »): the welcome checklist.

Pure: no Django. The items and when each is due are data here, counted from the contract's
start (`contract.start_date`, the learner's first day in the company): before the start
(papers gathered, workstation ready), the first day (welcome, tutor and team met, livret
d'accueil handed over), the first week (référentiel and parcours gone through with the
learner), a month after (a check-in). The ticks (done on, by whom, a comment) are stored in
the document's `onboarding` block; an item not ticked after its due date is late.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from parcours.domain.calendar import add_months
from parcours.domain.dossier import Dossier, OnboardingStep, OnboardingTick

COMMENT_MAX = 500
LISTED_AFTER_DUE = dt.timedelta(days=30)


@dataclass(frozen=True)
class Phase:
    code: str
    title: str  # French, as the page's headings say it


BEFORE = Phase("avant", "Avant l'arrivée")
DAY_ONE = Phase("jour-1", "Le jour de l'arrivée")
WEEK_ONE = Phase("semaine-1", "La première semaine")
MONTH_ONE = Phase("mois-1", "Un mois après l'arrivée")
PHASES = (BEFORE, DAY_ONE, WEEK_ONE, MONTH_ONE)


@dataclass(frozen=True)
class Item:
    code: OnboardingStep
    phase: Phase
    title: str  # French: what to do
    detail: str  # French: what it means, from the guide
    days: int = 0  # offset from the contract's start, in days…
    months: int = 0  # …then in calendar months
    notice: int = 7  # shown (to-do list, reminders) this many days before its due date

    def due(self, start: dt.date) -> dt.date:
        return add_months(start, self.months) + dt.timedelta(days=self.days)

    def opens(self, start: dt.date) -> dt.date:
        return self.due(start) - dt.timedelta(days=self.notice)


ITEMS: tuple[Item, ...] = (
    Item(OnboardingStep.PAPERS, BEFORE, "Rassembler les pièces à remettre à l'arrivée",
         "Présentation de l'entreprise, organigramme, fiche de poste, règlement intérieur, "
         "livret d'accueil et d'intégration (modèle proposé par Atlas).", days=-1, notice=14),
    Item(OnboardingStep.WORKSTATION, BEFORE, "Préparer le poste de travail",
         "Bureau ou poste, matériel, accès informatiques et badges prêts pour le premier "
         "jour.", days=-1, notice=14),
    Item(OnboardingStep.WELCOME, DAY_ONE, "Accueillir le salarié",
         "Prévoir un temps d'accueil le jour de son arrivée."),
    Item(OnboardingStep.TUTOR_MET, DAY_ONE, "Lui présenter son tuteur",
         "Le tuteur se présente et explique comment il l'accompagnera."),
    Item(OnboardingStep.TEAM_MET, DAY_ONE, "Organiser une rencontre avec son équipe",
         "Présenter le salarié aux équipes de son service."),
    Item(OnboardingStep.BOOKLET, DAY_ONE, "Remettre le livret d'accueil",
         "Avec les pièces rassemblées avant son arrivée."),
    Item(OnboardingStep.WALKTHROUGH, WEEK_ONE,
         "Parcourir avec lui le référentiel métier et son parcours de formation",
         "S'assurer qu'il comprend bien sa fonction, les compétences attendues et la "
         "formation qui lui est proposée.", days=6),
    Item(OnboardingStep.CHECK_IN, MONTH_ONE, "Faire le point un mois après son arrivée",
         "Un échange pour vérifier que le parcours se déroule bien et que des temps de "
         "suivi réguliers avec le tuteur sont en place.", months=1),
)  # fmt: skip
BY_CODE = {i.code: i for i in ITEMS}


@dataclass(frozen=True)
class Line:
    """One item of a dossier's checklist, as on `today`."""

    item: Item
    due: dt.date
    tick: OnboardingTick | None

    @property
    def done(self) -> bool:
        return self.tick is not None

    def late(self, today: dt.date) -> bool:
        return self.tick is None and today > self.due


def start(dossier: Dossier) -> dt.date:
    """The learner's first day in the company: the day the checklist counts from."""
    return dossier.contract.start_date


def ticks(dossier: Dossier) -> dict[OnboardingStep, OnboardingTick]:
    block = dossier.onboarding
    return {t.item: t for t in block.ticks} if block else {}


def checklist(dossier: Dossier) -> list[Line]:
    """Every item, in the guide's order, with its due date and its tick."""
    first, done = start(dossier), ticks(dossier)
    return [Line(i, i.due(first), done.get(i.code)) for i in ITEMS]


def late(dossier: Dossier, today: dt.date) -> list[Line]:
    return [line for line in checklist(dossier) if line.late(today)]


def open_items(dossier: Dossier, today: dt.date) -> list[Line]:
    """The items not done whose notice has begun on `today` (what the to-do lists show),
    until `LISTED_AFTER_DUE` after their due date: a welcome not ticked months ago (a
    contract started before the checklist existed) is not worth a reminder any more; the
    page still shows it late."""
    first = start(dossier)
    return [
        line
        for line in checklist(dossier)
        if not line.done and line.item.opens(first) <= today <= line.due + LISTED_AFTER_DUE
    ]


def progress(dossier: Dossier) -> tuple[int, int]:
    """(items done, items in all)."""
    return len(ticks(dossier)), len(ITEMS)


def tick_errors(
    dossier: Dossier, item: str, done_on: dt.date | None, comment: str, today: dt.date
) -> list[tuple[str, str]]:
    """(field, French message) for a tick that cannot be recorded."""
    errors = []
    try:
        OnboardingStep(item)
    except ValueError:
        errors.append(("item", "cet élément ne fait pas partie de la liste d'accueil"))
    if done_on is None:
        errors.append(("done_on", "indiquez le jour où c'est fait"))
    elif done_on > today:
        errors.append(("done_on", "la date ne peut pas être dans le futur"))
    elif done_on < start(dossier) - dt.timedelta(days=366):
        errors.append(("done_on", "la date est plus d'un an avant l'arrivée du salarié"))
    if len(comment or "") > COMMENT_MAX:
        errors.append(("comment", f"le commentaire dépasse {COMMENT_MAX} signes"))
    return errors
