"""Financing of an experimental contract (convention art. 7 and 9, the guide's « Les
financements »): the table, the company's payments, the facilitator's invoices.

Two profiles (`company.first_contract`): a company's first contracts get the forfait (the
facilitator's 2 500 €, the parcours forfait, + 500 € for an AFEST carried out); an
experienced company gets an hour-based forfait on the hours actually attended (attended
hours × `funding.hourly_rate`, FIN-04) and no facilitator funding."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from parcours.domain import text
from parcours.domain.convention_ending import ended_early
from parcours.domain.dossier import Dossier, Modality
from parcours.domain.figures import Figures


@dataclass(frozen=True)
class FinancingLine:
    action: str
    hours: float | None
    amount: float
    comment: str


@dataclass(frozen=True)
class Payment:
    label: str
    amount: float
    due: str
    payee: str  # "company" or "facilitator"


HOURS_LABEL = "Versement des heures suivies"
NO_FACILITATOR_FUNDING = (
    "Non financé : l'accompagnement du tiers facilitateur est financé pour les premiers "
    "contrats seulement"
)


def hour_based(dossier: Dossier) -> bool:
    """An experienced company (not its first contracts): funded by the hour attended."""
    return not dossier.company.first_contract


def hourly_rate(dossier: Dossier) -> float | None:
    """The OPCO's hourly rate (euros per hour attended), None while not set."""
    return dossier.funding.hourly_rate if dossier.funding else None


def funded_training_hours(figures: Figures) -> float:
    """The parcours' training hours the hourly rate may fund (the facilitator's are not
    training hours)."""
    return figures.parcours_hours - figures.facilitator_hours


def _rate_comment(rate: float | None) -> str:
    if rate is None:
        return "Taux horaire à fixer par l'OPCO ; seules les heures suivies seront financées"
    return (
        f"{text.euros(rate)} par heure effectivement suivie ; les heures non suivies ne "
        "sont pas financées"
    )


def has_afest(dossier: Dossier) -> bool:
    """An AFEST module is planned (the 500 € are then possible, not yet granted)."""
    return any(m.modality == Modality.AFEST and not m.dispensed for m in dossier.modules)


def afest_carried_out(dossier: Dossier, as_of: dt.date | None = None) -> bool:
    """An AFEST action was actually carried out: a session of an AFEST module held (up to
    `as_of`) and signed present by the learner. Only then are the 500 € of art. 9 due."""
    afest = {m.id for m in dossier.modules if m.modality == Modality.AFEST}
    return any(
        s.module in afest and s.learner_signed and (as_of is None or s.date <= as_of)
        for s in dossier.sessions
    )


def _hourly_table(figures: Figures) -> list[FinancingLine]:
    d = figures.dossier
    rate, hours = hourly_rate(d), funded_training_hours(figures)
    lines = []
    if d.facilitator:
        lines.append(
            FinancingLine(
                "Accompagnement du tiers facilitateur",
                figures.facilitator_hours,
                0.0,
                NO_FACILITATOR_FUNDING,
            )
        )
    lines.append(
        FinancingLine(
            "Parcours de formation (forfait horaire, entreprise expérimentée)",
            hours,
            hours * rate if rate is not None else 0.0,
            _rate_comment(rate) + " (montant au plus, si toutes les heures sont suivies)",
        )
    )
    return lines


def financing_table(figures: Figures) -> list[FinancingLine]:
    d, p = figures.dossier, figures.params
    if hour_based(d):
        return _hourly_table(figures)
    lines = []
    if d.facilitator:
        lines.append(
            FinancingLine(
                "Accompagnement du tiers facilitateur",
                p.facilitator_hours,
                p.facilitator_amount,
                "Payé directement par l'OPCO au tiers facilitateur",
            )
        )
    lines.append(
        FinancingLine(
            "Formations externes et internes (enseignements, évaluations, accompagnement)",
            figures.parcours_hours - figures.facilitator_hours - figures.afest_hours,
            p.parcours_forfait,
            "Forfait pour la réalisation effective du parcours",
        )
    )
    if has_afest(d):
        done = afest_carried_out(d, figures.dossier.as_of)
        lines.append(
            FinancingLine(
                "AFEST",
                figures.afest_hours,
                p.afest_bonus,
                "Forfait accordé : une séance AFEST a été tenue et signée"
                if done
                else "Forfait seulement si une séance AFEST est effectivement tenue et signée",
            )
        )
    return lines


def company_payments(figures: Figures) -> list[Payment]:
    d, p = figures.dossier, figures.params
    if hour_based(d):
        rate = hourly_rate(d)
        hours = funded_training_hours(figures)
        when = (
            "après la rupture, sur certificat de réalisation des heures suivies"
            if ended_early(d)
            else "au terme du parcours, sur certificat de réalisation, bilans et attestation"
        )
        rate_text = (
            f"heures suivies × {text.euros(rate)}, au plus {text.hours(hours)}"
            if rate is not None
            else "heures suivies × taux horaire à fixer par l'OPCO"
        )
        amount = hours * rate if rate is not None else 0.0
        return [Payment(HOURS_LABEL, amount, f"{when} ({rate_text})", "company")]
    first = Payment(
        "Premier versement",
        p.first_payment,
        "après l'accord de prise en charge, dès la première séance signée par le salarié",
        "company",
    )
    if ended_early(d):
        return [first]
    afest = afest_carried_out(d, d.as_of)
    due = "au terme du parcours, sur certificat de réalisation, bilans et attestation"
    if has_afest(d) and not afest:
        due += f" (+ {text.euros(p.afest_bonus)} si une séance AFEST est tenue et signée)"
    return [
        first,
        Payment(
            "Second versement" + (" (dont AFEST)" if afest else ""),
            p.final_payment + (p.afest_bonus if afest else 0),
            due,
            "company",
        ),
    ]


def facilitator_invoices(figures: Figures) -> list[Payment]:
    d, p = figures.dossier, figures.params
    if d.facilitator is None or hour_based(d):
        return []
    per_invoice = p.facilitator_amount / 2
    invoices = [
        Payment(
            f"Facture 1 : une journée ({p.facilitator_invoice_hours:g} h)",
            per_invoice,
            "après l'accord de prise en charge",
            "facilitator",
        )
    ]
    if not ended_early(d):
        invoices.append(
            Payment(
                f"Facture 2 : une journée ({p.facilitator_invoice_hours:g} h)",
                per_invoice,
                "au terme du parcours",
                "facilitator",
            )
        )
    return invoices


def attended_hours(dossier: Dossier, as_of: dt.date) -> float:
    """Hours the learner attended in sessions up to as_of: the recorded figure, or the
    session's hours when the learner signed and no figure was recorded."""
    total = 0.0
    for s in dossier.sessions:
        if s.date > as_of:
            continue
        if s.attended_hours is not None:
            total += s.attended_hours
        elif s.learner_signed:
            total += s.hours
    return total


# --- the article 9 table with real costs, and the company's remaining cost ------------

EXTERNAL = frozenset({Modality.EXTERNE, Modality.DISTANCE})
INTERNAL_COSTS = frozenset({Modality.INTERNE, Modality.EVALUATION})


@dataclass(frozen=True)
class CostLine:
    """One line of the convention's article 9 table: hours, real cost (None: unknown),
    the funding possible (None: included in the line above) and a comment."""

    action: str
    hours: float
    real_cost: float | None
    funded: float | None
    comment: str


def _real_cost(d: Dossier, modalities: frozenset[Modality], hours: float) -> float | None:
    """Each module's own real cost, or its hours × the hourly rate when a rate is set; None
    (unknown) while a module has neither. No module: the line's hours × rate, else None.
    For an experienced company the rate is the OPCO's funding, not an estimate of the cost:
    only the modules' own costs count."""
    modules = [m for m in d.modules if m.modality in modalities and not m.dispensed]
    rate = None if hour_based(d) else hourly_rate(d)
    if not modules:
        return hours * rate if rate is not None else None
    total = 0.0
    for m in modules:
        if m.real_cost is not None:
            total += m.real_cost
        elif rate is not None:
            total += m.hours * rate
        else:
            return None
    return total


def _hourly_cost_lines(f: Figures, external: float, internal: float) -> list[CostLine]:
    """An experienced company: each training line funded at its hours × the hourly rate
    (at most: only the hours attended are paid), the facilitator not funded."""
    d, p = f.dossier, f.params
    rate = hourly_rate(d)
    lines = []
    if d.facilitator:
        lines.append(
            CostLine(
                "Accompagnement du tiers facilitateur",
                f.facilitator_hours,
                p.facilitator_amount,
                0.0,
                NO_FACILITATOR_FUNDING,
            )
        )
    for action, hours, modalities in (
        ("Formations externes dont enseignements, évaluations et accompagnement", external,
         EXTERNAL),
        ("Formations internes dont enseignements, évaluations et accompagnement", internal,
         INTERNAL_COSTS),
        ("AFEST", f.afest_hours, frozenset({Modality.AFEST})),
    ):  # fmt: skip
        lines.append(
            CostLine(
                action,
                hours,
                _real_cost(d, modalities, hours),
                hours * rate if rate is not None else 0.0,
                _rate_comment(rate) if hours else "",
            )
        )
    return lines


def cost_lines(f: Figures) -> list[CostLine]:
    """The seed's article 9 table: the facilitator, external and internal training sharing the
    parcours forfait, AFEST. The real costs come from `modules[].real_cost`. An experienced
    company: the same lines funded by the hour."""
    d, p = f.dossier, f.params
    external = sum(m.hours for m in d.modules if m.modality in EXTERNAL and not m.dispensed)
    internal = f.parcours_hours - external - f.afest_hours - f.facilitator_hours
    if hour_based(d):
        return _hourly_cost_lines(f, external, internal)
    lines = []
    if d.facilitator:
        lines.append(
            CostLine(
                "Accompagnement du tiers facilitateur",
                f.facilitator_hours,
                p.facilitator_amount,
                p.facilitator_amount,
                "Payé directement par l'OPCO au tiers facilitateur",
            )
        )
    lines.append(
        CostLine(
            "Formations externes dont enseignements, évaluations et accompagnement",
            external,
            _real_cost(d, EXTERNAL, external),
            p.parcours_forfait,
            "Montant forfaitaire pour la réalisation effective du parcours de formation "
            "(externe et interne)",
        )
    )
    lines.append(
        CostLine(
            "Formations internes dont enseignements, évaluations et accompagnement",
            internal,
            _real_cost(d, INTERNAL_COSTS, internal),
            None,
            "",
        )
    )
    afest = next((line for line in financing_table(f) if line.action == "AFEST"), None)
    lines.append(
        CostLine(
            "AFEST",
            f.afest_hours,
            _real_cost(d, frozenset({Modality.AFEST}), f.afest_hours) if afest else None,
            afest.amount if afest else 0.0,
            afest.comment if afest else "Pas d'AFEST prévue",
        )
    )
    return lines


def real_cost_known(f: Figures) -> bool:
    """Every training line has a real cost (the facilitator's is its amount)."""
    return all(line.real_cost is not None for line in cost_lines(f) if line.hours)


def remaining_cost(f: Figures) -> float | None:
    """What the company pays itself (reste à charge): the real costs minus the funding
    possible, never below zero; None while a training line's real cost is unknown."""
    lines = cost_lines(f)
    if not real_cost_known(f):
        return None
    cost = sum(line.real_cost or 0 for line in lines)
    funded = sum(line.funded or 0 for line in lines)
    return max(0.0, cost - funded)
