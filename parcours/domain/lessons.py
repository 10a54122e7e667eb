"""Guide action 5 ⑤ and step 6: the lessons learned at the end of each parcours (pure).

When the parcours ends (completed, or terminated after a rupture), the company, the tutor,
the learner and the facilitator each say what worked, what to change and whether they would
do it again (oui / non / peut-être); the company side then holds the final debrief, the OPCO
invited. `open_qualities` says who has not answered yet, for the to-do list, during
`WINDOW` after the end (a parcours ended years ago is not reminded)."""

from __future__ import annotations

import datetime as dt

from parcours.domain.dossier import (
    LESSON_QUALITIES,
    AgainAnswer,
    Dossier,
    LessonAnswer,
    Quality,
    Status,
)

ENDED = (Status.COMPLETED, Status.TERMINATED)
ANSWER_DELAY = dt.timedelta(days=30)  # asked within a month of the end
DEBRIEF_DELAY = dt.timedelta(days=45)  # the debrief after the answers
WINDOW = dt.timedelta(days=120)  # then no longer on the to-do list
TEXT_MAX = 1_000
CONCLUSIONS_MAX = 3_000

QUALITY_LABELS = {
    Quality.COMPANY: "L'entreprise",
    Quality.TUTOR: "Le tuteur",
    Quality.LEARNER: "Le salarié",
    Quality.FACILITATOR: "Le tiers facilitateur",
}
AGAIN_LABELS = {
    AgainAnswer.YES: "Oui",
    AgainAnswer.NO: "Non",
    AgainAnswer.MAYBE: "Peut-être",
}


def end_date(dossier: Dossier) -> dt.date | None:
    """The day the parcours ended: the rupture's date, else the action's end; None while it
    runs."""
    if dossier.status not in ENDED:
        return None
    if dossier.status == Status.TERMINATED and dossier.rupture is not None:
        return dossier.rupture.date
    return dossier.contract.action_end


def answer_of(dossier: Dossier, quality: Quality) -> LessonAnswer | None:
    if dossier.lessons is None:
        return None
    return next((a for a in dossier.lessons.answers if a.quality == quality), None)


def expected_qualities(dossier: Dossier) -> tuple[Quality, ...]:
    """The parties of this dossier asked for their lessons (no facilitator, no tutor, no
    learner named: not asked)."""
    present = {
        Quality.COMPANY: True,
        Quality.TUTOR: dossier.tutor is not None,
        Quality.LEARNER: dossier.learner is not None,
        Quality.FACILITATOR: dossier.facilitator is not None,
    }
    return tuple(q for q in LESSON_QUALITIES if present[q])


def open_qualities(dossier: Dossier, today: dt.date) -> list[Quality]:
    """Who still has to give their lessons on `today` (empty outside the window)."""
    end = end_date(dossier)
    if end is None or today > end + WINDOW:
        return []
    return [q for q in expected_qualities(dossier) if answer_of(dossier, q) is None]


def debrief_open(dossier: Dossier, today: dt.date) -> bool:
    end = end_date(dossier)
    if end is None or today > end + WINDOW:
        return False
    return dossier.lessons is None or dossier.lessons.debrief is None


def answer_errors(worked: str, to_change: str, again: str) -> list[tuple[str, str]]:
    errors = []
    if again not in {a.value for a in AgainAnswer}:
        errors.append(("again", "Dites si vous referiez un tel parcours : oui, non ou peut-être."))
    for name, value in (("worked", worked), ("to_change", to_change)):
        if len(value or "") > TEXT_MAX:
            errors.append((name, f"Ce texte dépasse {TEXT_MAX} signes."))
    return errors


def debrief_errors(
    held_on: dt.date | None, participants: list[str], end: dt.date | None, today: dt.date
) -> list[tuple[str, str]]:
    errors = []
    if held_on is None:
        errors.append(("held_on", "Indiquez la date du débriefing final."))
    elif held_on > today:
        errors.append(("held_on", "Le débriefing ne peut pas être daté dans le futur."))
    if not participants:
        errors.append(("participants", "Indiquez au moins un participant, un par ligne."))
    elif len(participants) > 30:
        errors.append(("participants", "Indiquez au plus 30 participants."))
    elif any(len(p) > 200 for p in participants):
        errors.append(("participants", "Un nom de participant dépasse 200 signes."))
    return errors
