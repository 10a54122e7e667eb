"""Convention art. 10: « Il peut être mis fin à la présente convention à la demande de l'une
des parties lorsque celle-ci constate, de la part de l'autre partie, malgré une mise en
demeure (par lettre recommandée avec accusé de réception), un manquement à ses
obligations. »

Two steps, recorded in `Dossier.convention_ending`: a party sends a formal notice to another
party naming the breach; once the delay (`RuleParameters.convention_notice_days`, the
convention fixes none) has passed without effect, the party that sent it (or the OPCO)
ends the convention. The dossier is then terminated and funded as after a rupture (only the
first part: `ended_early`)."""

from __future__ import annotations

import datetime as dt

from parcours.domain import text
from parcours.domain.dossier import ConventionEnding, ConventionParty, Dossier, Status

PARTY_LABELS = {
    ConventionParty.COMPANY: "l'entreprise",
    ConventionParty.OPCO: "l'OPCO",
    ConventionParty.FACILITATOR: "le tiers facilitateur",
}
# « adressée à … » (« au tiers facilitateur », not « à le »).
TO_LABELS = {
    ConventionParty.COMPANY: "à l'entreprise",
    ConventionParty.OPCO: "à l'OPCO",
    ConventionParty.FACILITATOR: "au tiers facilitateur",
}
# The convention binds the parties from the OPCO's acceptance until the contract's end.
LIVE = frozenset({Status.ACCEPTED, Status.RUNNING})
BREACH_MAX = 2_000


def parties(d: Dossier) -> list[ConventionParty]:
    """The convention's signatories: no facilitator party without a facilitator."""
    out = [ConventionParty.COMPANY, ConventionParty.OPCO]
    return out + [ConventionParty.FACILITATOR] if d.facilitator else out


def party_name(d: Dossier, party: ConventionParty) -> str:
    """The party's name as on the convention (« l'entreprise Dupont SARL »)."""
    names = {
        ConventionParty.COMPANY: d.company.name,
        ConventionParty.OPCO: d.opco.name,
        ConventionParty.FACILITATOR: d.facilitator.name if d.facilitator else "",
    }
    return f"{PARTY_LABELS[party]} {names[party]}".strip()


def earliest_end(ending: ConventionEnding) -> dt.date:
    """The first day the convention may be ended: the notice's date + its delay."""
    return ending.notice_sent_on + dt.timedelta(days=ending.delay_days)


def ended_early(d: Dossier) -> bool:
    """The contract ended before its term: a rupture, or the convention ended (art. 10);
    the funding is then the first part only (art. 7 and 9)."""
    return d.rupture is not None or bool(d.convention_ending and d.convention_ending.ended_on)


def notice_errors(
    d: Dossier, by: ConventionParty, to: ConventionParty, breach: str, sent_on: dt.date,
    today: dt.date,
) -> list[tuple[str, str]]:  # fmt: skip
    """Why the notice cannot be recorded (path, French), empty when it can."""
    errors = []
    if d.status not in LIVE:
        errors.append(("convention_ending", "la convention ne court qu'entre l'accord de prise "
                       "en charge et la fin du contrat"))  # fmt: skip
    if d.convention_ending is not None:
        errors.append(("convention_ending", "une mise en demeure est déjà enregistrée"))
    if to not in parties(d):
        errors.append(("convention_ending.notice_to", "cette partie n'a pas signé la convention"))
    elif to == by:
        errors.append(("convention_ending.notice_to", "la mise en demeure est adressée à une "
                       "autre partie que la vôtre"))  # fmt: skip
    if not breach.strip():
        errors.append(("convention_ending.breach", "décrivez le manquement constaté"))
    elif len(breach) > BREACH_MAX:
        errors.append(("convention_ending.breach", f"{BREACH_MAX} caractères au plus"))
    if sent_on > today:
        errors.append(("convention_ending.notice_sent_on", "la date d'envoi ne peut pas être "
                       "dans le futur"))  # fmt: skip
    if d.agreement and sent_on < d.agreement.date:
        errors.append(("convention_ending.notice_sent_on", "la date d'envoi précède l'accord de "
                       f"prise en charge du {text.date(d.agreement.date)}"))  # fmt: skip
    return errors


def end_errors(d: Dossier, ended_on: dt.date, today: dt.date) -> list[tuple[str, str]]:
    """Why the convention cannot be ended on `ended_on`, empty when it can: a notice sent,
    its delay passed, the day not in the future."""
    e = d.convention_ending
    if d.status not in LIVE:
        return [("convention_ending", "la convention ne court plus : le dossier n'est ni "
                 "accepté ni en cours")]  # fmt: skip
    if e is None:
        return [("convention_ending", "il faut d'abord une mise en demeure restée sans effet")]
    if e.ended_on is not None:
        return [("convention_ending", "la convention a déjà pris fin")]
    errors = []
    first = earliest_end(e)
    if ended_on < first:
        last = first - dt.timedelta(days=1)
        errors.append(("convention_ending.ended_on", "le délai de la mise en demeure "
                       f"({e.delay_days} jours) court jusqu'au {text.date(last)} : la "
                       f"convention peut prendre fin à partir du {text.date(first)}"))  # fmt: skip
    if ended_on > today:
        errors.append(("convention_ending.ended_on", "la date de fin ne peut pas être dans le "
                       "futur"))  # fmt: skip
    return errors


def summary(d: Dossier) -> str:
    """One French sentence on where the ending stands (pages, papers)."""
    e = d.convention_ending
    if e is None:
        return ""
    head = (
        f"Mise en demeure envoyée le {text.date(e.notice_sent_on)} par "
        f"{PARTY_LABELS[e.notice_by]} {TO_LABELS[e.notice_to]}"
    )
    if e.ended_on:
        return f"{head} ; convention rompue le {text.date(e.ended_on)}."
    return f"{head} ; la convention peut être rompue à partir du {text.date(earliest_end(e))}."


# How long the sender and the OPCO are reminded to decide once the delay has passed.
DECIDE_DELAY = dt.timedelta(days=14)


def open_steps(d: Dossier) -> list[tuple[ConventionParty, str, dt.date, dt.date]]:
    """What the parties have to do about a notice not yet followed by an ending, as
    (party, French title, due, opens): the party in notice remedies the breach within the
    delay; then the sender (and the OPCO) decide whether to end the convention."""
    e = d.convention_ending
    if e is None or e.ended_on is not None or d.status not in LIVE:
        return []
    first = earliest_end(e)
    last = first - dt.timedelta(days=1)
    steps = [
        (e.notice_to, f"Remédier au manquement signalé par {PARTY_LABELS[e.notice_by]} "
         f"(mise en demeure du {text.date(e.notice_sent_on)}) au plus tard le "
         f"{text.date(last)}", last, e.notice_sent_on),
    ]  # fmt: skip
    decide = (
        f"Décider de la suite de la mise en demeure adressée {TO_LABELS[e.notice_to]} : son "
        f"délai a pris fin le {text.date(last)} (mettre fin à la convention si le manquement "
        "continue)"
    )
    for party in dict.fromkeys((e.notice_by, ConventionParty.OPCO)):
        if party != e.notice_to:
            steps.append((party, decide, first + DECIDE_DELAY, first))
    return steps
