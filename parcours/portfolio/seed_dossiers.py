"""One generated dossier of `manage.py seed`: its state, document, history, funding
claims and OPCO numbers, from a random generator seeded by (seed, index), so that the same
options give the same dossiers whatever the number of processes. Pure (no Django).

Dates are placed so that the state is plausible on `today` (a running contract began
before today and ends after it, a completed one ended, a submitted one was sent in the last
weeks, some of them more than 20 days ago…) and the history's transitions come in order,
before `now`.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from parcours.domain.params import DEFAULT_PARAMETERS as P
from parcours.portfolio.seed_data import RUPTURE_REASONS
from parcours.portfolio.seed_documents import (
    MONTHS,
    Company,
    _days,
    _reviews,
    _scores,
    _weighted,
    add_months,
    at,
    document,
    monday,
)

# Share of each state among generated dossiers (per thousand).
STATES = (
    ("draft", 120),
    ("submitted", 110),
    ("changes_requested", 40),
    ("accepted", 70),
    ("refused", 30),
    ("running", 380),
    ("completed", 170),
    ("terminated", 80),
)
DECIDED = ("accepted", "running", "completed", "terminated")


@dataclass
class Generated:
    index: int
    company: int
    facilitator: int | None
    status: str
    document: dict  # as `convert.document` gives it (claims included)
    reference: str = ""
    agreement_number: str = ""
    agreement_date: dt.date | None = None
    # (kind, from_status, to_status, at, actor, comment); actor: "company" or "opco"
    events: list[tuple] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    instructor: int | None = None  # index of the instructor following the dossier
    section_comments: list[tuple[str, str]] = field(default_factory=list)

    @property
    def created_at(self) -> dt.datetime:
        return self.events[0][3]

    @property
    def updated_at(self) -> dt.datetime:
        return self.events[-1][3]


# --- the timeline of each state ------------------------------------------------------


def timeline(rng: random.Random, status: str, months: int, today: dt.date, now: dt.datetime):
    """(contract start, [(transition name, day)]) for a dossier in `status` today."""
    span = (add_months(today, months) - today).days
    steps: list[tuple[str, dt.date]] = []
    if status == "draft":
        return monday(today + _days(rng, 14, 180)), steps
    if status in ("submitted", "changes_requested", "refused"):
        # The OPCO decides within 20 days, or the daily job records the tacit acceptance
        # (DEC-01): a few submitted dossiers are a day past it, none more.
        back = {"submitted": (0, 21), "changes_requested": (3, 60), "refused": (3, 700)}
        sent = today - _days(rng, *back[status])
        if status == "submitted" and rng.random() < 0.25:  # a second round
            first = sent - _days(rng, 10, 40)
            steps += [("submit", first), ("request_changes", first + _days(rng, 2, 8))]
        steps.append(("submit", sent))
        if status != "submitted":
            name = "refuse" if status == "refused" else "request_changes"
            steps.append((name, min(today, sent + _days(rng, 2, 30))))
        return monday(sent + _days(rng, 21, 100)), steps
    if status == "accepted":
        start = monday(today + _days(rng, 7, 75))
    elif status == "running":
        start = monday(today - _days(rng, 7, span - 21))
    elif status == "completed":
        start = monday(today - _days(rng, span + 1, max(span + 30, 730)))
    else:  # terminated
        start = monday(today - _days(rng, 40, 730))
    sent = min(start - _days(rng, 30, 80), today - _days(rng, 2, 20))
    if rng.random() < 0.2:
        first = sent - _days(rng, 10, 40)
        steps += [("submit", first), ("request_changes", first + _days(rng, 2, 8))]
    decided = min(sent + _days(rng, 1, 28), max(sent, start - dt.timedelta(days=2)), today)
    steps += [("submit", sent), ("accept", decided)]
    if status in ("running", "completed", "terminated") and start <= today:
        steps.append(("start", start))
    return start, steps


# --- the whole dossier ---------------------------------------------------------------

# Faults a dossier still being designed may have (none once sent: it could not be).
DESIGN_FAULTS = ("volume", "documents", "eligibility", "tutor", "wording", "trainer")
# Alertes a sent dossier may carry, justified by the company.
SENT_FAULTS = ("wording", "trainer")
TRANSITIONS = {
    "submit": ("submitted", "company"),
    "request_changes": ("changes_requested", "opco"),
    "accept": ("accepted", "opco"),
    "refuse": ("refused", "opco"),
    "start": ("running", "company"),
    "complete": ("completed", "company"),
    "terminate": ("terminated", "company"),
}


def _fault(rng: random.Random, status: str) -> str | None:
    if status in ("draft", "changes_requested"):
        return rng.choice(DESIGN_FAULTS) if rng.random() < 0.35 else None
    return rng.choice(SENT_FAULTS) if rng.random() < 0.12 else None


def _claim(rng, kind: str, amount: float, due: dt.date, today: dt.date, number: str) -> dict:
    claim = {"kind": kind, "amount": amount, "state": "due", "due_on": due.isoformat()}
    roll = rng.random()
    if roll < 0.8 and due < today:
        claimed = min(today, due + _days(rng, 0, 20))
        claim |= {"state": "claimed", "claimed_on": claimed.isoformat(), "invoice_number": number}
        if roll < 0.55 and claimed < today:
            claim |= {
                "state": "paid",
                "paid_on": min(today, claimed + _days(rng, 3, 30)).isoformat(),
            }
    return claim


def _claims(rng, index, status, data, accepted: dt.date, today: dt.date) -> list[dict]:
    start = dt.date.fromisoformat(data["contract"]["start_date"])
    end = dt.date.fromisoformat(data["contract"]["action_end"])
    out = []
    kinds = []
    if data["facilitator"]:
        kinds.append(("facilitator_invoice_1", P.facilitator_amount / 2, accepted))
    if status in ("running", "completed", "terminated") and start < today:
        kinds.append(("first_payment", P.first_payment, start + _days(rng, 7, 21)))
    if status == "completed":
        kinds.append(("final_payment", P.final_payment, end + _days(rng, 5, 20)))
        if data["facilitator"]:
            kinds.append(("facilitator_invoice_2", P.facilitator_amount / 2, end))
    for k, (kind, amount, due) in enumerate(kinds):
        if due <= today and rng.random() < 0.85:
            number = f"F{due.year}-{index:07d}{k}"
            out.append(_claim(rng, kind, float(amount), due, today, number))
    return out


def generate(index: int, seed: int, company: Company, facilitator: dict | None, opco: dict,
             instructors: int, today: dt.date, now: dt.datetime,
             tutor: str | None = None) -> Generated:  # fmt: skip
    """The dossier number `index` of a run with random seed `seed`; `tutor`: the name of
    the tutor's account (a random name otherwise)."""
    rng = random.Random(f"{seed}:{index}")
    status = _weighted(rng, STATES)
    months = rng.choice(MONTHS)
    fault = _fault(rng, status)
    start, steps = timeline(rng, status, months, today, now)
    data = document(
        rng, index, status, company, facilitator, opco, start, months, today, fault, tutor
    )
    end = dt.date.fromisoformat(data["contract"]["action_end"])
    last_day = None
    if status == "completed":
        steps.append(("complete", min(today, end + _days(rng, 0, 20))))
        last_day = end + dt.timedelta(days=1)
    elif status == "terminated":
        latest = min(end, today - dt.timedelta(days=2))
        broken = start + _days(rng, 20, (latest - start).days)
        informed = min(today, broken + _days(rng, 0, 10))
        code, label = rng.choice(RUPTURE_REASONS)
        data["rupture"] = {
            "date": broken.isoformat(),
            "reason": label,
            "opco_informed_on": informed.isoformat(),
            "reason_code": code,
            "acknowledged_on": informed.isoformat() if rng.random() < 0.6 else None,
        }
        steps.append(("terminate", min(today, broken + _days(rng, 0, 10))))
        last_day = broken
    elif status == "running":
        last_day = today
    tutor = data["tutor"]["name"]
    data["reviews"] = _reviews(
        rng, data["competences"], start, end, last_day, tutor, sure=status == "completed"
    )
    if status == "completed":
        final = data["reviews"][-1]
        final.setdefault("held_date", (end - dt.timedelta(days=8)).isoformat())
        if not final["scores"]:
            final |= {"scores": _scores(rng, data["competences"], True), "held_by": tutor}
        data["attestation"] = {"date": end.isoformat(), "competences": final["scores"]}
        data["documents"] += [
            {"kind": "certificat_realisation", "date": end.isoformat(), "signed_by": ["company"]},
            {"kind": "attestation_fin_contrat", "date": end.isoformat(), "signed_by": ["company"]},
        ]
    if status == "terminated":  # the attestation says what was acquired until the rupture
        held = [r for r in data["reviews"] if r["scores"]]
        entries = data["positioning"]["entries"]  # no review held: the levels found at first
        scores = (
            held[-1]["scores"]
            if held
            else [{"competence": e["competence"], "level": e["assessed_level"]} for e in entries]
        )
        data["attestation"] = {"date": data["rupture"]["date"], "competences": scores}
    created = (steps[0][1] if steps else today) - _days(rng, 3, 60)
    made = min(at(min(created, today), rng), now - dt.timedelta(hours=1))
    events = [("edit", "", "draft", made, "company", "Dossier créé")]
    for name, day in steps:
        target, actor = TRANSITIONS[name]
        moment = max(at(day, rng), events[-1][3] + dt.timedelta(minutes=5))
        events.append(("transition", events[-1][2], target, min(moment, now), actor, ""))
    if status == "draft" and rng.random() < 0.7:  # still being written
        moment = min(now, events[-1][3] + _days(rng, 0, 20))
        events.append(("edit", "", "", moment, "company", ""))
    generated = Generated(index, company.index, company.facilitator, status, data, events=events)
    if status in DECIDED:
        accepted = next(day for name, day in steps if name == "accept")
        generated.reference = f"ATL-{accepted.year}-{index:07d}"
        generated.agreement_number = f"ACC-{accepted.year}-{index:07d}"
        generated.agreement_date = accepted
        generated.claims = _claims(rng, index, status, data, accepted, today)
        data["reference"] = generated.reference
        data["agreement"] = {"number": generated.agreement_number, "date": accepted.isoformat()}
        data["claims"] = generated.claims
    if status == "changes_requested":
        generated.section_comments = [("modules", "Précisez les dates de chaque module.")]
    if status != "draft" and rng.random() < (0.5 if status == "submitted" else 0.7):
        generated.instructor = rng.randrange(instructors)
    return generated
