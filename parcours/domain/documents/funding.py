"""The funding papers: the financing table, the company's two payment claims, the
facilitator's two invoices (convention art. 7 and 9)."""

from __future__ import annotations

from parcours.domain import text
from parcours.domain.claims import (
    KINDS_BY_KEY,
    LABELS,
    due_claims,
    reason_not_due,
)
from parcours.domain.convention_ending import ended_early
from parcours.domain.documents.blocks import (
    Fields,
    Filled,
    Heading,
    Paper,
    Signatures,
    Table,
    bullets,
    p,
)
from parcours.domain.documents.common import WRITE_IN, date, header, learner_name, siret
from parcours.domain.documents.convention import company_invoice_mentions, financing_block
from parcours.domain.dossier import Claim, ClaimKind, ClaimState, Dossier
from parcours.domain.figures import Figures
from parcours.domain.financing import (
    HOURS_LABEL,
    Payment,
    company_payments,
    facilitator_invoices,
    hour_based,
    remaining_cost,
)

# The facilitator's certificate of service (art. 7): a piece of its payment file, listed
# with the claims.
SERVICE = "facilitateur-service-fait"
MISSION_HOURS = 14


def financement_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    payments = company_payments(f) + facilitator_invoices(f)
    rows = tuple(
        (pay.label, "Entreprise" if pay.payee == "company" else "Tiers facilitateur",
         pay.due, text.euros(pay.amount))
        for pay in payments
    )  # fmt: skip
    blocks = (
        p(
            "Tableau de financement du contrat de professionnalisation expérimental de ",
            Filled(learner_name(d)),
            " (",
            Filled(d.contract.job_title),
            ").",
        ),  # fmt: skip
        financing_block(d, f),
        *_remaining(f),
        Heading("Échéancier des versements de l'OPCO"),
        Table(
            ("Versement", "Bénéficiaire", "Condition", "Montant HT"),
            rows,
            widths=(28, 18, 38, 16),
            footer=("Total", "", "", text.euros(sum(pay.amount for pay in payments))),
            numeric=(3,),
        ),
    )
    if d.claims:
        blocks += (
            Heading("Demandes de paiement"),
            Table(
                ("Demande", "N° de facture", "État", "Montant HT"),
                tuple((_claim_label(d, c), c.invoice_number or "—", _state(c),
                       text.euros(c.amount))
                      for c in d.claims),
                widths=(38, 16, 30, 16),
                numeric=(3,),
            ),
        )  # fmt: skip
    return Paper("Tableau de financement", "Convention de formation, article 9", header(d), blocks)


def _remaining(f: Figures) -> tuple:
    rest = remaining_cost(f)
    if rest is None:
        return ()
    return (
        p(
            "Reste à charge de l'entreprise (coût réel moins prise en charge possible) : ",
            Filled(text.euros(rest)),
            ".",
        ),
    )


def _claim_label(d: Dossier, c: Claim) -> str:
    if hour_based(d) and c.kind == ClaimKind.FINAL_PAYMENT:
        return HOURS_LABEL
    return LABELS[c.kind]


def _state(c: Claim) -> str:
    """« payée le 12/07/2027 », « rejetée le … : motif », « demandée le … »."""
    if c.state == ClaimState.PAID:
        return f"payée le {date(c.paid_on)}"
    if c.state == ClaimState.REJECTED:
        return f"rejetée le {date(c.rejected_on)} : {c.rejection_reason or ''}".rstrip(" :")
    if c.state == ClaimState.CLAIMED:
        return f"demandée le {date(c.claimed_on)}"
    return f"à demander (due depuis le {date(c.due_on)})"


def current_claim(d: Dossier, kind: ClaimKind) -> Claim | None:
    """The claim of that kind the paper shows: the one not rejected, else the last one."""
    found = [c for c in d.claims if c.kind == kind]
    live = [c for c in found if c.state != ClaimState.REJECTED]
    return (live or found or [None])[-1]


def claim_instances(d: Dossier, f: Figures) -> list[tuple[str, str]]:
    if hour_based(d):  # an experienced company: one payment, no facilitator funding
        return [("entreprise-2", HOURS_LABEL)]
    out = [("entreprise-1", "Premier versement à l'entreprise"),
           ("entreprise-2", "Second versement à l'entreprise")]  # fmt: skip
    if d.facilitator:
        out += [("facilitateur-1", "Première facture du tiers facilitateur"),
                ("facilitateur-2", "Seconde facture du tiers facilitateur"),
                (SERVICE, "Certificat de service fait du tiers facilitateur")]  # fmt: skip
    return out


def claim_not_ready(d: Dossier, f: Figures, key: str | None) -> str | None:
    """A claim's paper once the claim is due (or made); the certificate of service once
    the facilitator has logged hours."""
    if key == SERVICE:
        if not d.facilitator_log:
            return (
                "Le tiers facilitateur n'a encore enregistré aucune heure d'intervention : "
                "le certificat de service fait les liste."
            )
        return None
    kind = KINDS_BY_KEY[key]
    if current_claim(d, kind) is not None:
        return None
    return reason_not_due(d, kind, d.as_of, f.params)


def _amount(d: Dossier, f: Figures, kind: ClaimKind, claim: Claim | None, fallback) -> float:
    if claim is not None:
        return claim.amount
    due = next((o for o in due_claims(d, d.as_of, f.params) if o.kind == kind), None)
    return due.amount if due is not None else fallback


def claim_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    if key == SERVICE:
        return service_paper(d, f)
    who, number = key.rsplit("-", 1)
    pays = company_payments(f) if who == "entreprise" else facilitator_invoices(f)
    kind = KINDS_BY_KEY[key]
    claim = current_claim(d, kind)
    # An experienced company has one payment (its hours); a claim made under the other
    # profile keeps its own label.
    pay = (
        pays[min(int(number), len(pays)) - 1]
        if pays
        else Payment(LABELS[kind], claim.amount if claim else 0.0, "", "facilitator")
    )
    amount = _amount(d, f, kind, claim, pay.amount)
    party = d.company if who == "entreprise" else d.facilitator
    o = d.opco.name
    # The invoice number is the issuer's own: a line to write it on until the claim has one.
    number_row = (
        ("N° de facture", Filled(claim.invoice_number) if claim and claim.invoice_number
         else WRITE_IN),
    )  # fmt: skip
    state_row = (("État de la demande", Filled(_state(claim))),) if claim else ()
    blocks = [
        Fields(
            (
                ("Émetteur", Filled(party.name)),
                ("SIRET", Filled(siret(party.siret))),
                ("Adresse", Filled(party.address)),
                (
                    "Destinataire",
                    Filled(f"{o}, opérateur de compétences (SIRET {siret(d.opco.siret)})"),
                ),
                *_references(d),
                ("Entreprise bénéficiaire", Filled(d.company.name)),
                ("Salarié apprenant", Filled(learner_name(d))),
                (
                    "Intitulé de l'action",
                    Filled(
                        f"Contrat de professionnalisation expérimental – {d.contract.job_title}"
                    ),
                ),
                *number_row,
                *state_row,
            )
        ),  # fmt: skip
        Heading(pay.label),
        Table(
            ("Désignation", "Montant"),
            (
                (f"{pay.label}, {pay.due}", text.euros(amount)),
                ("Total hors taxes (HT)", text.euros(amount)),
                ("TVA au taux de ……… %", "……………… €"),
            ),
            widths=(75, 25),
            footer=("Montant total toutes taxes comprises (TTC)", "……………… €"),
            numeric=(1,),
        ),  # fmt: skip
        p(
            "TVA : taux et montant légalement applicables si l'émetteur est assujetti ; sinon, "
            "porter « TVA non applicable » et un total TTC égal au total HT.",
            style="note",
        ),
        p("Date de facturation : ", _billing_date(d, claim)),
    ]
    if who == "entreprise" and number == "2" and hour_based(d) and ended_early(d):
        blocks += [p("Pièce jointe : le certificat de réalisation des heures de formation "
                     "suivies jusqu'à la rupture.", style="note")]  # fmt: skip
    elif who == "entreprise" and number == "2":
        blocks += [p("Pièces jointes :", style="strong"), bullets(
            "Le certificat de réalisation des formations suivies",
            "Les bilans de suivi et de clôture",
            "L'attestation de fin de contrat de professionnalisation")]  # fmt: skip
    elif who == "facilitateur":
        blocks += [p("Pièce jointe : certificat de réalisation de la prestation signé par le "
                     "prestataire.", style="note")]  # fmt: skip
    else:
        blocks += [p("Mentions exigées (convention, article 9) : " +
                     " ".join(company_invoice_mentions(o, amount)), style="note")]  # fmt: skip
    blocks.append(Signatures(((f"Pour {party.name}", party.representative.name, False),),
                             qualities=(party.representative.role,)))  # fmt: skip
    title = "Demande de paiement" if who == "entreprise" else "Facture du tiers facilitateur"
    return Paper(title, f"{pay.label} – {text.euros(amount)} HT", header(d), tuple(blocks))


def _references(d: Dossier) -> tuple[tuple[str, object], ...]:
    """The OPCO's dossier number and agreement number once known (a line to write them
    on before)."""
    o = d.opco.name
    ref = Filled(d.reference) if d.reference else WRITE_IN
    agreement = (
        Filled(f"{d.agreement.number} du {date(d.agreement.date)}") if d.agreement else WRITE_IN
    )
    return ((f"N° de dossier {o}", ref), ("N° d'accord de prise en charge", agreement))


def _billing_date(d: Dossier, claim: Claim | None):
    day = claim.claimed_on if claim and claim.claimed_on else d.as_of
    return Filled(date(day)) if day else "……………"


def service_paper(d: Dossier, f: Figures) -> Paper:
    """The facilitator's certificate of service (convention art. 7): each intervention
    logged, its hours and the total against the 14 hours of the mission."""
    fac = d.facilitator
    total = sum(x.hours for x in d.facilitator_log)
    last = max(x.date for x in d.facilitator_log)
    rows = tuple(
        (date(x.date), text.hours(x.hours), x.activity, x.author or "") for x in d.facilitator_log
    )
    blocks = (
        p(
            "Je soussigné(e) ",
            Filled(fac.representative.name),
            ", ",
            Filled(fac.representative.role),
            " de ",
            Filled(fac.name),
            " (SIRET ",
            Filled(siret(fac.siret)),
            "), certifie que le tiers facilitateur a accompagné ",
            Filled(d.company.name),
            " dans le contrat de professionnalisation expérimental de ",
            Filled(learner_name(d)),
            " (",
            Filled(d.contract.job_title),
            ") pendant les interventions suivantes.",
        ),  # fmt: skip
        Fields(
            (
                *_references(d),
                (
                    "Intitulé de la prestation",
                    Filled("Accompagnement du tiers facilitateur (convention, article 7)"),
                ),
            )
        ),  # fmt: skip
        Table(
            ("Date", "Durée", "Ce qui a été fait", "Intervenant"),
            rows,
            widths=(16, 12, 50, 22),
            footer=("Total", text.hours(total), f"sur {MISSION_HOURS} h de mission", ""),
            numeric=(1,),
        ),
        p(
            "Chaque facturation correspond à une journée (7 heures) d'intervention ; en cas de "
            "rupture anticipée, seule la première journée est due.",
            style="note",
        ),
        p("Fait le ", Filled(date(d.as_of or last))),
        Signatures(
            ((f"Pour {fac.name}", fac.representative.name, False),),
            qualities=(fac.representative.role,),
        ),  # fmt: skip
    )
    return Paper(
        "Certificat de service fait",
        f"Tiers facilitateur – {text.hours(total)} d'intervention",
        header(d),
        blocks,
    )
