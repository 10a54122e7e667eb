"""Which funding claims are due at a date, from the dossier alone (convention art. 7 and 9,
RULES.md FIN-02 and FIN-03).

- The company's first payment (1,000 €): once training has effectively started, i.e. the
  learner signed present at a first session.
- Its second payment (1,500 €, + 500 € only when an AFEST session was held and signed): at
  the end, once the dossier holds the certificat de réalisation, a held suivi review, the
  held final review and the attestation (FIN-02).
- The facilitator's two invoices of one day each: the first after the OPCO's acceptance,
  the second at the end (the final review held).
- After a rupture or the convention ended (art. 10): only the first payment and the first
  invoice.
- An experienced company (`company.first_contract` false, the guide's « Les financements »):
  one payment of the hours attended × `funding.hourly_rate` (FIN-04), at the end with the
  FIN-02 pieces, or after a rupture with the certificat de réalisation; no facilitator
  invoice. It is never due while the OPCO has not set the rate.

Each claim the dossier may give has an `Outlook`: due (with its date) or not yet, and why
in French. The records of the claims made (`Dossier.claims`) are not read here: what is due
follows from the contract's facts only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from parcours.domain import text
from parcours.domain.convention_ending import ended_early
from parcours.domain.dossier import (
    ClaimKind,
    ClaimState,
    DocumentKind,
    Dossier,
    ReviewKind,
    Session,
    Status,
)
from parcours.domain.financing import (
    HOURS_LABEL,
    afest_carried_out,
    attended_hours,
    has_afest,
    hour_based,
    hourly_rate,
)
from parcours.domain.params import DEFAULT_PARAMETERS, RuleParameters

ACCEPTED = frozenset({Status.ACCEPTED, Status.RUNNING, Status.COMPLETED, Status.TERMINATED})
COMPANY, FACILITATOR = "company", "facilitator"

LABELS = {
    ClaimKind.FIRST_PAYMENT: "Premier versement à l'entreprise",
    ClaimKind.FINAL_PAYMENT: "Second versement à l'entreprise",
    ClaimKind.FACILITATOR_INVOICE_1: "Première facture du tiers facilitateur",
    ClaimKind.FACILITATOR_INVOICE_2: "Seconde facture du tiers facilitateur",
}
PAYEES = {
    ClaimKind.FIRST_PAYMENT: COMPANY,
    ClaimKind.FINAL_PAYMENT: COMPANY,
    ClaimKind.FACILITATOR_INVOICE_1: FACILITATOR,
    ClaimKind.FACILITATOR_INVOICE_2: FACILITATOR,
}
# The key of each claim's paper (`parcours render --document demande-paiement --index …`).
PAPER_KEYS = {
    ClaimKind.FIRST_PAYMENT: "entreprise-1",
    ClaimKind.FINAL_PAYMENT: "entreprise-2",
    ClaimKind.FACILITATOR_INVOICE_1: "facilitateur-1",
    ClaimKind.FACILITATOR_INVOICE_2: "facilitateur-2",
}
KINDS_BY_KEY = {key: kind for kind, key in PAPER_KEYS.items()}
STATE_LABELS = {
    ClaimState.DUE: "à demander",
    ClaimState.CLAIMED: "demandée",
    ClaimState.PAID: "payée",
    ClaimState.REJECTED: "rejetée",
}


@dataclass(frozen=True)
class Outlook:
    """One claim the dossier may give: due since `due_on`, or not yet (`reason`)."""

    kind: ClaimKind
    label: str
    payee: str
    amount: float
    due_on: dt.date | None
    reason: str = ""

    @property
    def due(self) -> bool:
        return self.due_on is not None


def first_signed_session(d: Dossier, as_of: dt.date) -> Session | None:
    """The first session held up to `as_of` at which the learner signed present."""
    signed = [s for s in d.sessions if s.learner_signed and s.date <= as_of]
    return min(signed, key=lambda s: (s.date, s.id)) if signed else None


def _held(d: Dossier, kind: ReviewKind, as_of: dt.date) -> dt.date | None:
    dates = [
        r.held_date for r in d.reviews if r.kind == kind and r.held_date and r.held_date <= as_of
    ]
    return max(dates) if dates else None


def final_pieces(d: Dossier, as_of: dt.date) -> tuple[list[str], list[dt.date]]:
    """What the second payment still lacks (FIN-02, French), and the dates of what it holds."""
    missing, dates = [], []
    certificats = [
        x.date
        for x in d.documents
        if x.kind == DocumentKind.CERTIFICAT_REALISATION and x.date <= as_of
    ]
    pieces = (
        (max(certificats) if certificats else None, "le certificat de réalisation"),
        (_held(d, ReviewKind.SUIVI, as_of), "un bilan de suivi tenu"),
        (_held(d, ReviewKind.FINAL, as_of), "le bilan final tenu"),
        (
            d.attestation.date if d.attestation and d.attestation.date <= as_of else None,
            "l'attestation de fin de contrat",
        ),
    )
    for day, label in pieces:
        if day is None:
            missing.append(label)
        else:
            dates.append(day)
    return missing, dates


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def _hourly_outlook(d: Dossier, as_of: dt.date) -> list[Outlook]:
    """An experienced company's single payment: the hours attended up to `as_of` × the rate,
    due with the FIN-02 pieces (after a rupture: the certificat de réalisation alone)."""
    rate = hourly_rate(d)
    amount = attended_hours(d, as_of) * rate if rate is not None else 0.0
    if ended_early(d):
        missing, dates = final_pieces(d, as_of)
        missing = [m for m in missing if m == "le certificat de réalisation"]
        dates = dates[:1] if not missing else []
    else:
        missing, dates = final_pieces(d, as_of)
    reason = ""
    if rate is None:
        reason = (
            "Pas encore due : l'OPCO n'a pas encore fixé le taux horaire du financement "
            "(entreprise expérimentée, financée à l'heure suivie)."
        )
    elif missing:
        reason = f"Pas encore due : il manque {_listing(missing)} (règle FIN-02)."
    due_on = None if reason else max(dates)
    return [Outlook(ClaimKind.FINAL_PAYMENT, HOURS_LABEL, COMPANY, amount, due_on, reason)]


def outlook(
    d: Dossier, as_of: dt.date | None = None, params: RuleParameters = DEFAULT_PARAMETERS
) -> list[Outlook]:
    """Every claim the dossier may give (none before the OPCO's acceptance), due or not, in
    the order of the convention."""
    as_of = as_of or d.as_of or dt.date.today()
    if d.status not in ACCEPTED:
        return []
    if hour_based(d):
        return _hourly_outlook(d, as_of)
    out = []
    started = first_signed_session(d, as_of)
    not_started = (
        "la formation n'a pas encore effectivement commencé : aucune séance n'est signée "
        "présent par le salarié"
    )
    out.append(
        Outlook(
            ClaimKind.FIRST_PAYMENT,
            LABELS[ClaimKind.FIRST_PAYMENT],
            COMPANY,
            params.first_payment,
            started.date if started else None,
            "" if started else f"Pas encore due : {not_started}.",
        )
    )
    if not ended_early(d):
        afest = afest_carried_out(d, as_of)
        amount = params.final_payment + (params.afest_bonus if afest else 0)
        missing, dates = final_pieces(d, as_of)
        if started is None:
            missing.insert(0, "une première séance signée par le salarié")
        reason = ""
        if missing:
            reason = f"Pas encore due : il manque {_listing(missing)} (règle FIN-02)."
            if has_afest(d) and not afest:
                reason += (
                    f" Les {text.euros(params.afest_bonus)} de l'AFEST s'ajoutent quand une "
                    "séance AFEST est tenue et signée."
                )
        out.append(
            Outlook(
                ClaimKind.FINAL_PAYMENT,
                LABELS[ClaimKind.FINAL_PAYMENT],
                COMPANY,
                amount,
                None if missing else max(dates),
                reason,
            )
        )
    if d.facilitator is None:
        return out
    per_invoice = params.facilitator_amount / 2
    accepted_on = d.agreement.date if d.agreement else as_of
    out.append(
        Outlook(
            ClaimKind.FACILITATOR_INVOICE_1,
            LABELS[ClaimKind.FACILITATOR_INVOICE_1],
            FACILITATOR,
            per_invoice,
            accepted_on if accepted_on <= as_of else None,
            ""
            if accepted_on <= as_of
            else f"Pas encore due : après l'accord de prise en charge du {text.date(accepted_on)}.",
        )
    )
    if not ended_early(d):
        final = _held(d, ReviewKind.FINAL, as_of)
        out.append(
            Outlook(
                ClaimKind.FACILITATOR_INVOICE_2,
                LABELS[ClaimKind.FACILITATOR_INVOICE_2],
                FACILITATOR,
                per_invoice,
                final,
                ""
                if final
                else "Pas encore due : au terme du parcours, une fois le bilan final tenu.",
            )
        )
    return out


def due_claims(
    d: Dossier, as_of: dt.date | None = None, params: RuleParameters = DEFAULT_PARAMETERS
) -> list[Outlook]:
    """The claims due at `as_of` (their date and amount)."""
    return [o for o in outlook(d, as_of, params) if o.due]


def claimable(
    d: Dossier, as_of: dt.date | None = None, params: RuleParameters = DEFAULT_PARAMETERS
) -> list[Outlook]:
    """The due claims not made yet: due, and no claim of that kind claimed or paid in
    `Dossier.claims` (a rejected one may be made again)."""
    made = {c.kind for c in d.claims if c.state in (ClaimState.CLAIMED, ClaimState.PAID)}
    return [o for o in due_claims(d, as_of, params) if o.kind not in made]


def reason_not_due(
    d: Dossier, kind: ClaimKind, as_of: dt.date | None = None,
    params: RuleParameters = DEFAULT_PARAMETERS,
) -> str | None:  # fmt: skip
    """Why the claim is not due (French), or None when it is due."""
    if d.status not in ACCEPTED:
        return (
            "Le dossier n'a pas encore reçu l'accord de prise en charge de l'OPCO : aucune "
            "demande de paiement ne peut être adressée avant."
        )
    found = next((o for o in outlook(d, as_of, params) if o.kind == kind), None)
    if found is None:
        if hour_based(d):
            return (
                "Entreprise expérimentée : l'OPCO finance les heures effectivement suivies "
                "en un seul versement, sans financement du tiers facilitateur."
            )
        if ended_early(d):
            return (
                "Le contrat a été rompu de manière anticipée : seule la première partie du "
                "financement est due (convention, articles 7 et 9)."
            )
        return "Le dossier n'a pas de tiers facilitateur."
    return None if found.due else found.reason
