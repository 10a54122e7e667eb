"""What each party of a dossier has to do, and by when (pure: no Django).

`todo(dossier, today)` lists the to-do items open on `today`: each says what to do (a French
title), for whom (a role and, for a learner, trainer or tutor, which person of the
document), by when (`due`), from when it is shown and reminded (`opens`), and where to act
(`target`, a place the web layer turns into a link). A thing done is never listed: the list
is recomputed from the dossier every time, so that a reminder stops as soon as it is done.

Items, by kind:
- `soumission` (draft, changes requested): submit before the action starts;
- `demarrage` (accepted): start the contract when the action starts;
- `bilan`: each planned review not held, from two weeks before its date to the end of its
  month (BIL-01's windows, BIL-02's end), then late; `bilan-a-planifier`: a window of
  BIL-01 without any planned review;
- `emargement`: each line (learner; trainer of an interne or AFEST session) of a session
  held without its record (signature or declared absence), for its signer on the day; for
  the company side a week later (`emargement-manquant`);
- `sequence`: each interne or AFEST module without its séquence, a month before it starts
  (SEQ-02);
- `demande`: each funding claim that can be made and is not made yet
  (`parcours.domain.claims.claimable`: FIN-02, convention art. 7 and 9);
- `attestation`, `cloture`: the end of the contract (a month before the action's end; the
  closing after it); after a rupture, `rupture-opco` (RUP-01) and the attestation;
- `formation-tuteur`: a tutor's or trainer's training planned, its date passed, not marked
  done (guide step 4, `parcours.domain.staff_training`), for the company side;
- `accueil`: each item of the welcome checklist not done (guide action 6,
  `parcours.domain.onboarding`), from its notice, for the tutor and the company side;
- `retour-experience`: each party's lessons learned not given, once the parcours has ended
  (guide action 5 ⑤, `parcours.domain.lessons`); `debriefing`: the final debrief, for the
  company side;
- `decision` (OPCO): a submitted dossier waiting; `paiement` (OPCO): a claim made waiting;
  `rupture-accuse` (OPCO): a rupture notified in writing, not yet acknowledged;
- `fin-convention` (convention art. 10, `parcours.domain.convention_ending`): the party put
  in formal notice remedies within the delay; then its sender and the OPCO decide.

The key of an item (kind, object, due date) is stable from one day to the next: a reminder
is sent once per key and person, and a new due date (a review moved) makes a new key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from parcours.domain import convention_ending, lessons, onboarding, staff_training, text
from parcours.domain.calendar import last_month, month_index, nth_month
from parcours.domain.claims import FACILITATOR, claimable
from parcours.domain.dossier import (
    ClaimKind,
    ClaimState,
    Dossier,
    Modality,
    Presence,
    ReviewKind,
    Session,
    Signer,
    Status,
)
from parcours.domain.figures import INTERNAL
from parcours.domain.financing import hour_based
from parcours.domain.params import DEFAULT_PARAMETERS, RuleParameters

DAY = dt.timedelta(days=1)
# How long before its due date an item is shown and reminded, and the delays the
# documents do not fix (chosen here, in one place).
REVIEW_NOTICE = dt.timedelta(days=14)
PLAN_NOTICE = dt.timedelta(days=30)
SEQUENCE_NOTICE = dt.timedelta(days=30)
SUBMIT_NOTICE = dt.timedelta(days=45)
START_NOTICE = dt.timedelta(days=7)
END_NOTICE = dt.timedelta(days=30)
MISSING_SIGNATURE_DELAY = dt.timedelta(days=7)  # then the company side collects it
CLAIM_DELAY = dt.timedelta(days=30)  # a claim that can be made: within the month
CLOSE_DELAY = dt.timedelta(days=30)  # after the action's end
RUPTURE_NOTICE_DELAY = dt.timedelta(days=7)  # RUP-01: the OPCO informed in writing
OPCO_DECISION_DELAY = dt.timedelta(days=30)  # a submitted dossier, a claim made

COMPANY_STATES = {Status.DRAFT, Status.CHANGES_REQUESTED}
LIVE = {Status.ACCEPTED, Status.RUNNING}
AFTER_START = {Status.RUNNING, Status.COMPLETED, Status.TERMINATED}


class Role(StrEnum):
    """Who an item is for: the roles of the accounts (`parcours.accounts.enums.Role`)."""

    COMPANY_ADMIN = "company_admin"
    FACILITATOR = "facilitator"
    TUTOR = "tutor"
    TRAINER = "trainer"
    LEARNER = "learner"
    OPCO_STAFF = "opco_staff"


COMPANY_SIDE = (Role.COMPANY_ADMIN, Role.FACILITATOR)


class Kind(StrEnum):
    SUBMIT = "soumission"
    START = "demarrage"
    REVIEW = "bilan"
    PLAN_REVIEW = "bilan-a-planifier"
    SIGN = "emargement"
    MISSING_SIGNATURE = "emargement-manquant"
    SEQUENCE = "sequence"
    CLAIM = "demande"
    ATTESTATION = "attestation"
    CLOSE = "cloture"
    RUPTURE_NOTICE = "rupture-opco"
    RUPTURE_ACK = "rupture-accuse"
    DECISION = "decision"
    PAYMENT = "paiement"
    STAFF_TRAINING = "formation-tuteur"
    ONBOARDING = "accueil"
    LESSONS = "retour-experience"
    DEBRIEF = "debriefing"
    CONVENTION_ENDING = "fin-convention"


class Target(StrEnum):
    """Where to act; the web layer maps each to a page of the dossier."""

    SUBMISSION = "submission"
    OVERVIEW = "overview"
    REVIEWS = "reviews"
    HOLD_REVIEW = "hold_review"  # the review's own page (anchor: its id)
    ATTENDANCE = "attendance"
    SEQUENCES = "sequences"
    CLAIMS = "claims"
    ATTESTATION = "attestation"
    CLOSE = "close"
    RUPTURE = "rupture"
    OPCO_REVIEW = "opco_review"
    STAFF_TRAINING = "staff_training"
    ONBOARDING = "onboarding"
    LESSONS = "lessons"
    CONVENTION_ENDING = "convention_ending"


@dataclass(frozen=True)
class TodoItem:
    kind: Kind
    subject: str  # the object: a review id, "S12/learner", a module id, a claim kind…
    role: Role
    person: str | None  # the trainer id for a trainer; None: the dossier's only one
    title: str  # French, for a non-specialist
    due: dt.date
    opens: dt.date
    target: Target
    anchor: str = ""  # a place in the target page (e.g. a session's line)

    @property
    def key(self) -> str:
        """Stable: the same thing due the same day has the same key."""
        return f"{self.kind.value}:{self.subject}:{self.due.isoformat()}"

    def late(self, today: dt.date) -> bool:
        return today > self.due

    def sort_key(self, today: dt.date):
        return (not self.late(today), self.due, self.title)


# (session id, signer) → presence of its record.
Lines = Mapping[tuple[str, str], Presence]

MONTHS = text.MONTHS


def long_date(day: dt.date) -> str:
    """« 2 mars 2027 », « 1er juin 2027 »."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"


def recorded_lines(dossier: Dossier) -> dict[tuple[str, str], Presence]:
    """The lines with a record, from the attendance records, else from the sessions' flags
    (a document without records: signed flags, attended hours 0 for an absent learner)."""
    if dossier.attendance:
        lines: dict[tuple[str, str], Presence] = {}
        for r in dossier.attendance:
            lines.setdefault((r.session, r.signer.value), r.presence)
        return lines
    lines = {}
    for s in dossier.sessions:
        if s.learner_signed:
            lines[(s.id, Signer.LEARNER.value)] = Presence.PRESENT
        elif s.attended_hours == 0:
            lines[(s.id, Signer.LEARNER.value)] = Presence.ABSENT
        if s.trainer_signed:
            lines[(s.id, Signer.TRAINER.value)] = Presence.PRESENT
    return lines


def todo(
    dossier: Dossier,
    today: dt.date,
    *,
    lines: Lines | None = None,
    submitted_on: dt.date | None = None,
    params: RuleParameters = DEFAULT_PARAMETERS,
) -> list[TodoItem]:
    """The items open on `today` (`opens <= today`), late ones first, then by due date.
    `lines`: the recorded attendance lines when the caller has them (else read from the
    dossier); `submitted_on`: when a submitted dossier was sent to the OPCO."""
    found = _Finder(dossier, today, recorded_lines(dossier) if lines is None else lines, params)
    items = found.collect(submitted_on)
    return sorted((i for i in items if i.opens <= today), key=lambda i: i.sort_key(today))


def for_person(items: list[TodoItem], role: str, person: str | None = None) -> list[TodoItem]:
    """The items of one role; for a trainer, of that trainer (their document id)."""
    return [i for i in items if i.role == role and (role != Role.TRAINER or i.person == person)]


class _Finder:
    def __init__(self, dossier: Dossier, today: dt.date, lines: Lines, params: RuleParameters):
        self.d, self.today, self.lines, self.params = dossier, today, lines, params
        self.modules = {m.id: m for m in dossier.modules}

    def collect(self, submitted_on: dt.date | None) -> list[TodoItem]:
        status = self.d.status
        items: list[TodoItem] = []
        if status in COMPANY_STATES:
            items += self.submission()
        if status == Status.SUBMITTED:
            items += self.decision(submitted_on)
        if status == Status.ACCEPTED:
            items += self.start()
        if status in LIVE:
            items += self.reviews() + self.plan_reviews() + self.sequences()
        if status == Status.RUNNING:
            items += self.signatures() + self.end_of_contract()
        if status == Status.TERMINATED:
            items += self.after_rupture()
        if status in LIVE or status in AFTER_START:
            items += self.claims()
        if status in COMPANY_STATES or status in LIVE:
            items += self.staff_trainings()
        if status in LIVE:
            items += self.onboarding()
        if status in lessons.ENDED:
            items += self.lessons()
        if status in LIVE:
            items += self.convention_notice()
        return items

    # -- helpers --------------------------------------------------------------------------

    def _item(self, kind, subject, role, title, due, opens, target, person=None, anchor=""):
        return TodoItem(kind, subject, role, person, title, due, opens, target, anchor)

    def _each(self, roles, kind, subject, title, due, opens, target, anchor=""):
        return [self._item(kind, subject, r, title, due, opens, target, anchor=anchor)
                for r in roles]  # fmt: skip

    @property
    def learner_name(self) -> str:
        if self.d.learner is None:
            return "salarié à recruter"
        return f"{self.d.learner.first_name} {self.d.learner.last_name}"

    # -- before the contract --------------------------------------------------------------

    def submission(self) -> list[TodoItem]:
        start = self.d.contract.action_start
        again = self.d.status == Status.CHANGES_REQUESTED
        title = (
            "Corriger le dossier et le renvoyer à l'OPCO"
            if again
            else "Compléter le dossier et le soumettre à l'OPCO"
        ) + f" (la formation commence le {long_date(start)})"
        return self._each(
            COMPANY_SIDE, Kind.SUBMIT, "dossier", title, start, start - SUBMIT_NOTICE,
            Target.SUBMISSION,
        )  # fmt: skip

    def decision(self, submitted_on: dt.date | None) -> list[TodoItem]:
        start = self.d.contract.action_start
        due = submitted_on + OPCO_DECISION_DELAY if submitted_on else start
        since = f", soumis le {long_date(submitted_on)}" if submitted_on else ""
        title = f"Instruire le dossier de {self.learner_name}{since} : accepter, refuser ou "
        title += "demander des modifications"
        opens = submitted_on or start - SUBMIT_NOTICE
        return [self._item(Kind.DECISION, "dossier", Role.OPCO_STAFF, title, due, opens,
                           Target.OPCO_REVIEW)]  # fmt: skip

    def start(self) -> list[TodoItem]:
        start = self.d.contract.action_start
        title = f"Démarrer le contrat : la formation commence le {long_date(start)}"
        return self._each(
            COMPANY_SIDE, Kind.START, "contrat", title, start, start - START_NOTICE,
            Target.OVERVIEW,
        )  # fmt: skip

    # -- reviews ----------------------------------------------------------------------------

    def _window_end(self, review) -> dt.date:
        c = self.d.contract
        if review.kind == ReviewKind.FINAL or review.planned_date > c.action_end:
            return max(review.planned_date, last_month(c.action_end)[1])
        if review.planned_date < c.action_start:
            return review.planned_date
        return nth_month(c.action_start, month_index(c.action_start, review.planned_date))[1]

    def reviews(self) -> list[TodoItem]:
        items = []
        for r in self.d.reviews:
            if r.held_date is not None or r.planned_date is None:
                continue
            due = self._window_end(r)
            what = "le bilan final" if r.kind == ReviewKind.FINAL else "le bilan de suivi"
            when = f"prévu le {long_date(r.planned_date)}"
            opens = r.planned_date - REVIEW_NOTICE
            subject = r.id
            items.append(self._item(
                Kind.REVIEW, subject, Role.TUTOR,
                f"Tenir {what} {r.id} avec {self.learner_name} ({when})",
                due, opens, Target.HOLD_REVIEW, anchor=r.id,
            ))  # fmt: skip
            items.append(self._item(
                Kind.REVIEW, subject, Role.LEARNER,
                f"Préparer {what} {r.id} avec votre tuteur ({when})",
                due, opens, Target.REVIEWS, anchor=r.id,
            ))  # fmt: skip
            items += self._each(
                COMPANY_SIDE, Kind.REVIEW, subject,
                f"Faire tenir {what} {r.id} de {self.learner_name} ({when})",
                due, opens, Target.HOLD_REVIEW, anchor=r.id,
            )  # fmt: skip
        return items

    def plan_reviews(self) -> list[TodoItem]:
        from parcours.domain.rules.reviews import required_reviews

        c = self.d.contract
        if c.action_start > c.action_end:
            return []
        items = []
        for (start, end), kinds, label in required_reviews(self.d, self.params):
            planned = any(
                r.kind in kinds and r.planned_date and start <= r.planned_date <= end
                for r in self.d.reviews
            )
            if planned:
                continue
            title = f"Planifier {label} de {self.learner_name} ({text.period(start, end)})"
            subject = f"{start.isoformat()}"
            items += self._each(
                (Role.TUTOR, *COMPANY_SIDE), Kind.PLAN_REVIEW, subject, title, end,
                start - PLAN_NOTICE, Target.REVIEWS,
            )  # fmt: skip
        return items

    # -- séquences and sessions -----------------------------------------------------------

    def sequences(self) -> list[TodoItem]:
        items = []
        for m in self.d.modules:
            if m.modality not in INTERNAL or m.dispensed or m.start is None:
                continue
            if self.d.sequences_of(m.id):
                continue
            kind = "AFEST" if m.modality == Modality.AFEST else "interne"
            name = f"{m.id} « {m.title} »" if m.title else m.id
            title = (
                f"Décrire la séquence pédagogique du module {kind} {name}, qui commence le "
                f"{long_date(m.start)}"
            )
            opens = m.start - SEQUENCE_NOTICE
            if m.trainer:
                items.append(self._item(Kind.SEQUENCE, m.id, Role.TRAINER, title, m.start,
                                        opens, Target.SEQUENCES, person=m.trainer))  # fmt: skip
            items += self._each(COMPANY_SIDE, Kind.SEQUENCE, m.id, title, m.start, opens,
                                Target.SEQUENCES)  # fmt: skip
        return items

    def staff_trainings(self) -> list[TodoItem]:
        items = []
        for e in staff_training.overdue(self.d, self.today):
            title = (
                f"Indiquer si la formation {staff_training.describe(self.d, e)}, prévue le "
                f"{long_date(e.planned_on)}, a été suivie"
            )
            items += self._each(COMPANY_SIDE, Kind.STAFF_TRAINING, f"{e.person}/{e.course.value}",
                                title, e.planned_on, e.planned_on + DAY,
                                Target.STAFF_TRAINING)  # fmt: skip
        return items

    def onboarding(self) -> list[TodoItem]:
        items = []
        for line in onboarding.open_items(self.d, self.today):
            title = f"Accueil de {self.learner_name} : {line.item.title[0].lower()}"
            title += line.item.title[1:]
            items += self._each((Role.TUTOR, *COMPANY_SIDE), Kind.ONBOARDING,
                                line.item.code.value, title, line.due,
                                line.item.opens(onboarding.start(self.d)), Target.ONBOARDING,
                                anchor=line.item.code.value)  # fmt: skip
        return items

    PARTY_ROLES = {
        convention_ending.ConventionParty.COMPANY: (Role.COMPANY_ADMIN,),
        convention_ending.ConventionParty.FACILITATOR: (Role.FACILITATOR,),
        convention_ending.ConventionParty.OPCO: (Role.OPCO_STAFF,),
    }

    def convention_notice(self) -> list[TodoItem]:
        items = []
        for party, title, due, opens in convention_ending.open_steps(self.d):
            items += self._each(self.PARTY_ROLES[party], Kind.CONVENTION_ENDING, party.value,
                                title, due, opens, Target.CONVENTION_ENDING)  # fmt: skip
        return items

    def lessons(self) -> list[TodoItem]:
        """Each party's lessons learned not given yet, then the final debrief (guide action
        5 ⑤, step 6), during `lessons.WINDOW` after the end."""
        end = lessons.end_date(self.d)
        roles = {"entreprise": Role.COMPANY_ADMIN, "tuteur": Role.TUTOR,
                 "salarie": Role.LEARNER, "tiers_facilitateur": Role.FACILITATOR}  # fmt: skip
        title = f"Donner votre avis sur le parcours de {self.learner_name}"
        items = [
            self._item(Kind.LESSONS, q.value, roles[q.value], title, end + lessons.ANSWER_DELAY,
                       end, Target.LESSONS)
            for q in lessons.open_qualities(self.d, self.today)
        ]  # fmt: skip
        if lessons.debrief_open(self.d, self.today):
            items += self._each(
                COMPANY_SIDE, Kind.DEBRIEF, "debriefing",
                f"Tenir le débriefing final du parcours de {self.learner_name}, l'OPCO invité",
                end + lessons.DEBRIEF_DELAY, end, Target.LESSONS,
            )  # fmt: skip
        return items

    def session_trainer(self, session: Session) -> str | None:
        module = self.modules.get(session.module)
        return session.trainer or (module.trainer if module else None)

    def has_trainer_line(self, session: Session) -> bool:
        module = self.modules.get(session.module)
        return module is not None and module.modality in INTERNAL

    def _session_label(self, session: Session) -> str:
        module = self.modules.get(session.module)
        name = f"{module.id} « {module.title} »" if module and module.title else session.module
        return f"séance du {long_date(session.date)} ({name})"

    def signatures(self) -> list[TodoItem]:
        items = []
        for s in self.d.sessions:
            if s.date > self.today:
                continue
            signers = [Signer.LEARNER] + ([Signer.TRAINER] if self.has_trainer_line(s) else [])
            for signer in signers:
                if (s.id, signer.value) in self.lines:
                    continue
                label = self._session_label(s)
                subject = f"{s.id}/{signer.value}"
                anchor = f"ligne-{s.id}-{signer.value}"
                if signer == Signer.LEARNER:
                    items.append(self._item(
                        Kind.SIGN, subject, Role.LEARNER, f"Signer la {label}", s.date, s.date,
                        Target.ATTENDANCE, anchor=anchor,
                    ))  # fmt: skip
                    who = f"de {self.learner_name}"
                else:
                    trainer_id = self.session_trainer(s)
                    if trainer_id:
                        items.append(self._item(
                            Kind.SIGN, subject, Role.TRAINER, f"Signer la {label}", s.date,
                            s.date, Target.ATTENDANCE, person=trainer_id, anchor=anchor,
                        ))  # fmt: skip
                    trainer = self.d.trainer(trainer_id)
                    who = f"du formateur {trainer.name}" if trainer else "du formateur"
                late = s.date + MISSING_SIGNATURE_DELAY
                items += self._each(
                    COMPANY_SIDE, Kind.MISSING_SIGNATURE, subject,
                    f"Obtenir la signature {who} pour la {label}, ou déclarer l'absence",
                    late, late, Target.ATTENDANCE, anchor=anchor,
                )  # fmt: skip
        return items

    # -- the end ------------------------------------------------------------------------------

    def end_of_contract(self) -> list[TodoItem]:
        end = self.d.contract.action_end
        items = []
        if self.d.attestation is None:
            items += self._each(
                COMPANY_SIDE, Kind.ATTESTATION, "attestation",
                f"Établir l'attestation de fin de contrat de {self.learner_name} d'après le "
                f"bilan final (fin de l'action le {long_date(end)})",
                end, end - END_NOTICE, Target.ATTESTATION,
            )  # fmt: skip
        due = end + CLOSE_DELAY
        items += self._each(
            COMPANY_SIDE, Kind.CLOSE, "contrat",
            f"Clore le contrat de {self.learner_name} : l'action s'est achevée le "
            f"{long_date(end)}",
            due, end, Target.CLOSE,
        )  # fmt: skip
        return items

    def after_rupture(self) -> list[TodoItem]:
        rupture = self.d.rupture
        if rupture is None:
            today = self.today
            return self._each(
                COMPANY_SIDE, Kind.RUPTURE_NOTICE, "rupture",
                "Enregistrer la date et le motif de la rupture du contrat", today, today,
                Target.RUPTURE,
            )  # fmt: skip
        items = []
        if rupture.opco_informed_on is None:
            due = rupture.date + RUPTURE_NOTICE_DELAY
            items += self._each(
                COMPANY_SIDE, Kind.RUPTURE_NOTICE, "rupture",
                f"Informer l'OPCO par écrit de la rupture du {long_date(rupture.date)} et "
                "noter la date du courrier",
                due, rupture.date, Target.RUPTURE,
            )  # fmt: skip
        elif rupture.acknowledged_on is None:
            items.append(
                self._item(
                    Kind.RUPTURE_ACK, "rupture", Role.OPCO_STAFF,
                    f"Accuser réception de la rupture du contrat de {self.learner_name} "
                    f"(courrier du {long_date(rupture.opco_informed_on)})",
                    rupture.opco_informed_on + OPCO_DECISION_DELAY, rupture.opco_informed_on,
                    Target.RUPTURE,
                )
            )  # fmt: skip
        if self.d.attestation is None:
            items += self._each(
                COMPANY_SIDE, Kind.ATTESTATION, "attestation",
                f"Établir l'attestation de fin de contrat de {self.learner_name} d'après le "
                "dernier bilan tenu",
                rupture.date + CLAIM_DELAY, rupture.date, Target.ATTESTATION,
            )  # fmt: skip
        return items

    # -- money -----------------------------------------------------------------------------

    CLAIM_LABELS = {
        ClaimKind.FIRST_PAYMENT: "le premier versement",
        ClaimKind.FINAL_PAYMENT: "le second versement",
        ClaimKind.FACILITATOR_INVOICE_1: "la première facture du tiers facilitateur",
        ClaimKind.FACILITATOR_INVOICE_2: "la seconde facture du tiers facilitateur",
    }

    def claims(self) -> list[TodoItem]:
        items = []
        for o in claimable(self.d, self.today, self.params):
            since = o.due_on
            if o.kind == ClaimKind.FACILITATOR_INVOICE_1 and self.d.agreement is None:
                # Without the agreement's date, from the action's start (a stable key).
                since = self.d.contract.action_start
            label = self.CLAIM_LABELS[o.kind]
            if o.kind == ClaimKind.FINAL_PAYMENT and hour_based(self.d):
                label = "le versement des heures suivies"
            title = f"Demander {label} ({text.euros(o.amount)}) pour {self.learner_name}"
            roles = (Role.FACILITATOR,) if o.payee == FACILITATOR else COMPANY_SIDE
            items += self._each(roles, Kind.CLAIM, o.kind.value, title, since + CLAIM_DELAY,
                                since, Target.CLAIMS)  # fmt: skip
        for c in self.d.claims:
            if c.state != ClaimState.CLAIMED:
                continue
            claimed = c.claimed_on or c.due_on
            label = self.CLAIM_LABELS[c.kind]
            number = f", facture {c.invoice_number}" if c.invoice_number else ""
            items.append(self._item(
                Kind.PAYMENT, c.kind.value, Role.OPCO_STAFF,
                f"Payer ou refuser {label} ({text.euros(c.amount)}{number}) du dossier de "
                f"{self.learner_name}, demandé le {long_date(claimed)}",
                claimed + OPCO_DECISION_DELAY, claimed, Target.CLAIMS,
            ))  # fmt: skip
        return items
