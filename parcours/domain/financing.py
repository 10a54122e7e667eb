"""Financing of an experimental contract (convention art. 7 and 9): the table, the
company's two payments, the facilitator's two invoices, the hour-based variant."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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


def has_afest(dossier: Dossier) -> bool:
    return any(m.modality == Modality.AFEST and not m.dispensed for m in dossier.modules)


def financing_table(figures: Figures) -> list[FinancingLine]:
    d, p = figures.dossier, figures.params
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
        lines.append(
            FinancingLine(
                "AFEST", figures.afest_hours, p.afest_bonus, "Forfait pour toute action effective"
            )
        )
    return lines


def company_payments(figures: Figures) -> list[Payment]:
    d, p = figures.dossier, figures.params
    first = Payment(
        "Premier versement",
        p.first_payment,
        "après l'accord de prise en charge, sous réserve du démarrage de la formation",
        "company",
    )
    if d.rupture is not None:
        return [first]
    final = p.final_payment + (p.afest_bonus if has_afest(d) else 0)
    return [
        first,
        Payment(
            "Second versement" + (" (dont AFEST)" if has_afest(d) else ""),
            final,
            "au terme du parcours, sur certificat de réalisation, bilans et attestation",
            "company",
        ),
    ]


def facilitator_invoices(figures: Figures) -> list[Payment]:
    d, p = figures.dossier, figures.params
    if d.facilitator is None:
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
    if d.rupture is None:
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
