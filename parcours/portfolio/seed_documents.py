"""The `parcours-dossier/1` document of a generated dossier (`manage.py seed`), pure.

The structure of each parcours follows the demo dossier (five modules: two external, one
internal, one AFEST, one evaluation; reviews of the 2nd and 6th months and a final one),
with the trade's référentiel (`seed_data.JOBS`), hours giving 16.5–23.5 % of the contract
and at least 150 h of teaching, unless a `fault` asks for a dossier still being designed
to break one rule (too few hours, a missing paper, an ineligible learner…).
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from parcours.domain.params import DEFAULT_PARAMETERS as P
from parcours.portfolio.seed_data import JOBS, QUALIFICATIONS, person

PARIS = ZoneInfo("Europe/Paris")
# (band's lowest age, highest age, weight): every age band of the dashboard.
AGES = ((17, 20, 25), (21, 25, 30), (26, 29, 15), (30, 44, 20), (45, 58, 10))
MONTHS = (6, 8, 9, 10, 12, 12, 12, 12, 12, 15, 18, 18, 24, 24)
BENEFITS = ("rsa", "ass", "aah", "cui_exit")


@dataclass(frozen=True)
class Company:
    """What a generated dossier needs of its company (from `seed.World`)."""

    index: int
    party: dict
    job: int
    facilitator: int | None  # index in World.facilitators


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def at(day: dt.date, rng: random.Random) -> dt.datetime:
    """A working hour of `day`, in Paris."""
    return dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.randint(0, 59)), PARIS)


def _days(rng: random.Random, low: int, high: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(low, max(low, high)))


def _weighted(rng: random.Random, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[-1] for p in pairs])[0]


def _split(total: int, weights: list[float]) -> list[int]:
    """`total` hours in whole hours along `weights` (the last part takes the rounding)."""
    parts = [max(1, round(total * w / sum(weights))) for w in weights]
    parts[-1] = max(1, total - sum(parts[:-1]))
    return parts


# --- the document --------------------------------------------------------------------


def _learner(rng: random.Random, start: dt.date, eligible: bool) -> dict:
    low, high = _weighted(rng, [((a, b), w) for a, b, w in AGES])
    age = rng.randint(low, high)
    birth = start - dt.timedelta(days=365 * age + rng.randint(1, 360))
    first, last = person(rng)
    young = age <= P.max_young_age
    job_seeker = rng.random() < (0.4 if young else 0.85)
    benefits = sorted(set(rng.sample(BENEFITS, rng.randint(1, 2)))) if rng.random() < 0.15 else []
    if not young and not job_seeker and not benefits and eligible:
        job_seeker = True
    return {
        "first_name": first,
        "last_name": last,
        "birth_date": birth.isoformat(),
        "job_seeker": job_seeker,
        "benefits": benefits,
        "highest_qualification": rng.choice(QUALIFICATIONS),
    }


def _competences(rng: random.Random, statements: tuple[str, ...], fault: str | None) -> list:
    count = rng.randint(5, len(statements))
    out = []
    for i, text in enumerate(statements[:count], 1):
        statement = f"Être capable de {text}"
        if fault == "wording" and i == 2:
            statement = text[0].upper() + text[1:]  # REF-02: no « Être capable de »
        out.append(
            {
                "id": f"C{i}",
                "statement": statement,
                "importance": rng.choice(("indispensable", "indispensable", "necessaire")),
                "level": rng.choice((2, 3, 3, 4)),
                "knowledge": [],
                "skills": [],
                "attitudes": [],
            }
        )
    return out


def _modules(rng, job, competences, start, end, months, weekly, fault) -> list[dict]:
    titles = job[3]
    ids = [c["id"] for c in competences]
    contract_hours = weekly * 52 / 12 * months  # as Figures counts them
    share = rng.uniform(0.165, 0.235) if fault != "volume" else rng.uniform(0.08, 0.13)
    total = round(contract_hours * share)
    afest = round(total * rng.uniform(0.12, 0.25))
    m5 = max(7, round(total * 0.05))
    # At least 150 h of teaching (VOL-03), evaluation and AFEST not counted.
    teaching = max(total - afest - m5, 165 if fault != "volume" else 90)
    m1, m2, m3 = _split(teaching, [0.4, 0.22, 0.38])
    days = (end - start).days
    spans = (  # (first day, last day) of each module, in days after the start
        (7, int(days * 0.55)),
        (14, days - 30),
        (int(days * 0.15), int(days * 0.8)),
        (28, days - 14),
        (42, days - 7),
    )
    groups = [ids[:2], ids[2:3] + ids[4:5], ids[3:4] + ids[5:6], ids[4:], ids]
    groups[3] = groups[3] or ids[-1:]
    spec = (
        ("externe", m1, None),
        ("interne", m2, "F1"),
        (rng.choice(("externe", "distance")), m3, None),
        ("afest", afest, "F1"),
        ("evaluation", m5, "F1"),
    )
    out = []
    for i, ((modality, hours, trainer), (a, b), group) in enumerate(
        zip(spec, spans, groups, strict=True)
    ):
        objective = "À l'issue du module, le salarié sera capable de " + job[4][i]
        out.append(
            {
                "id": f"M{i + 1}",
                "title": titles[i],
                "objective": objective,
                "competences": group,
                "modality": modality,
                "hours": hours,
                "provider": "Organisme de formation partenaire" if trainer is None else None,
                "trainer": trainer,
                "start": (start + dt.timedelta(days=a)).isoformat(),
                "end": (start + dt.timedelta(days=b)).isoformat(),
                "adaptation": "standard",
                "evaluation_methods": ["Mise en situation", "Grille d'observation"],
            }
        )
    return out


def _sequences(modules: list[dict]) -> list[dict]:
    kinds = {
        "M2": [("expose", "Présentation des procédures", 1), ("etude_de_cas", "Étude de cas", 3),
               ("mise_en_situation", "Mise en situation", 2), ("evaluation", "Évaluation", 1)],
        "M4": [("mise_en_situation", "Mise en situation de travail", 4),
               ("sequence_reflexive", "Retour sur les choix effectués", 2),
               ("evaluation", "Observation finale", 1)],
    }  # fmt: skip
    out = []
    for module in modules:
        if module["id"] not in kinds:
            continue
        parts = _split(int(module["hours"]), [w for _, _, w in kinds[module["id"]]])
        first = dt.date.fromisoformat(module["start"])
        last = dt.date.fromisoformat(module["end"])
        step = (last - first) / 4
        out.append(
            {
                "module": module["id"],
                "general_objective": module["objective"],
                "operational_objectives": ["Appliquer les consignes", "Rendre compte"],
                "stakes": "Autonomie sur le poste de travail",
                "activities": [
                    {"kind": k, "title": t, "hours": h}
                    for (k, t, _), h in zip(kinds[module["id"]], parts, strict=True)
                ],
                "resources": ["Documentation de l'entreprise"],
                "trainers": ["F1"],
                "evaluation_methods": ["Grille d'observation"],
                "calendar": [monday(first + step * i).isoformat() for i in range(4)],
            }
        )
    return out


def _scores(rng, competences, final: bool) -> list[dict]:
    return [
        {
            "competence": c["id"],
            "level": min(4, c["level"] - (0 if final and rng.random() < 0.8 else 1)),
        }
        for c in competences
    ]


def _reviews(rng, competences, start, end, last_day, tutor, sure=False) -> list[dict]:
    """The three reviews; those planned before `last_day` (today, or the rupture) held,
    but for a few forgotten (BIL-02), unless `sure` (a completed contract had them all:
    its second payment needs them, FIN-02)."""
    planned = (
        ("B1", "suivi", start + dt.timedelta(days=45)),
        ("B2", "suivi", add_months(start, P.second_review_month - 1) + dt.timedelta(days=10)),
        ("B3", "final", end - dt.timedelta(days=10)),
    )
    out = []
    for rid, kind, day in planned:
        review = {"id": rid, "kind": kind, "planned_date": day.isoformat(), "scores": []}
        held = day + _days(rng, 0, 6)
        if last_day is not None and held < last_day and (rng.random() < 0.96 or sure):
            review |= {
                "held_date": held.isoformat(),
                "scores": _scores(rng, competences, kind == "final"),
                "participants": [
                    {"name": tutor, "quality": "tuteur"},
                    {"name": "Le salarié", "quality": "salarie"},
                ],
                "decision": "continue",
                "held_by": tutor,
            }
        out.append(review)
    return out


def document(rng, index, status, company: Company, facilitator: dict | None, opco: dict,
             start: dt.date, months: int, today: dt.date, fault: str | None,
             tutor_name: str | None = None) -> dict:  # fmt: skip
    job = JOBS[company.job]
    end = add_months(start, months) - dt.timedelta(days=1)
    weekly = rng.choice((35, 35, 35, 35, 32, 28))
    competences = _competences(rng, job[4], fault)
    tutor = " ".join(person(rng))
    tutor = tutor_name or tutor  # drawn all the same: the other draws stay the same
    trainer = " ".join(person(rng))
    cdi = rng.random() < 0.15
    share_note = None
    modules = _modules(rng, job, competences, start, end, months, weekly, fault)
    total = sum(m["hours"] for m in modules)
    if total + P.facilitator_hours > weekly * 52 / 12 * months * P.max_parcours_share:
        share_note = "Accord de branche du 12 mars 2025 relatif à la professionnalisation"
    signed = start - _days(rng, 7, 28)
    documents = [
        {"kind": "cerfa_12434", "date": signed.isoformat(), "signed_by": ["company", "learner"]},
        {
            "kind": "convention",
            "date": signed.isoformat(),
            "signed_by": ["company", "facilitator"] if facilitator else ["company", "opco"],
        },
    ]
    if fault == "documents":
        documents = documents[:1]
    data = {
        "format": "parcours-dossier/1",
        "status": status,
        "opco": opco,
        "company": company.party,
        "facilitator": facilitator,
        "learner": _learner(rng, start, eligible=fault != "eligibility"),
        "contract": {
            "type": "CDI" if cdi else "CDD",
            "job_title": job[0],
            "start_date": start.isoformat(),
            "end_date": None if cdi else end.isoformat(),
            "action_start": start.isoformat(),
            "action_end": end.isoformat(),
            "weekly_hours": weekly,
            "extension_reason": "Public prioritaire : qualification visée en deux temps"
            if months > 12
            else None,
            "branch_agreement": share_note,
        },
        "tutor": {
            "name": tutor,
            "job_title": job[2],
            "volunteer": True,
            "experience_years": rng.randint(2, 25),
            "learners_followed": 4 if fault == "tutor" else rng.choice((1, 1, 1, 2, 2, 3)),
            "is_employer": False,
        },
        "trainers": [
            {
                "id": "F1",
                "name": trainer,
                "job_title": f"{job[0]} confirmé",
                "volunteer": True,
                "experience_years": rng.randint(2, 20),
                "trainer_training": fault != "trainer",
                "afest_aware": True,
            }
        ],
        "competences": competences,
        "positioning": {
            "date": (start - _days(rng, 5, 25)).isoformat(),
            "entries": [
                {
                    "competence": c["id"],
                    "self_level": rng.randint(0, 2),
                    "assessed_level": rng.randint(0, 1),
                }
                for c in competences
            ],
        },
        "modules": modules,
        "sequences": _sequences(modules),
        "sessions": [],
        "documents": documents,
        "changes": [],
        "funding": {"hourly_rate": None},
    }
    data["reviews"] = _reviews(rng, competences, start, end, None, tutor)
    return data
