"""The funding papers: the financing table, the company's two payment claims, the
facilitator's two invoices (convention art. 7 and 9)."""

from __future__ import annotations

from parcours.domain import text
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
from parcours.domain.documents.common import date, header, learner_name, siret
from parcours.domain.documents.convention import company_invoice_mentions, financing_block
from parcours.domain.dossier import Dossier, ReviewKind, Status
from parcours.domain.figures import Figures
from parcours.domain.financing import company_payments, facilitator_invoices

ACCEPTED = {Status.ACCEPTED, Status.RUNNING, Status.COMPLETED, Status.TERMINATED}


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
        Heading("Échéancier des versements de l'OPCO"),
        Table(
            ("Versement", "Bénéficiaire", "Condition", "Montant HT"),
            rows,
            widths=(28, 18, 38, 16),
            footer=("Total", "", "", text.euros(sum(pay.amount for pay in payments))),
            numeric=(3,),
        ),
    )
    return Paper("Tableau de financement", "Convention de formation, article 9", header(d), blocks)


def claim_instances(d: Dossier, f: Figures) -> list[tuple[str, str]]:
    out = [("entreprise-1", "Premier versement à l'entreprise"),
           ("entreprise-2", "Second versement à l'entreprise")]  # fmt: skip
    if d.facilitator:
        out += [("facilitateur-1", "Première facture du tiers facilitateur"),
                ("facilitateur-2", "Seconde facture du tiers facilitateur")]  # fmt: skip
    return out


def claim_not_ready(d: Dossier, f: Figures, key: str | None) -> str | None:
    if d.status not in ACCEPTED:
        return (
            "Le dossier n'a pas encore reçu l'accord de prise en charge de l'OPCO : aucune "
            "demande de paiement ne peut être adressée avant."
        )
    if key.endswith("-2"):
        if d.rupture is not None:
            return (
                "Le contrat a été rompu de manière anticipée : seule la première partie du "
                "financement est due (convention, articles 7 et 9)."
            )
        final = next((r for r in d.reviews if r.kind == ReviewKind.FINAL and r.held_date), None)
        if final is None:
            return (
                "Le second règlement intervient au terme du parcours : le bilan final n'a pas "
                "encore eu lieu."
            )
    return None


def claim_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    who, number = key.rsplit("-", 1)
    pays = company_payments(f) if who == "entreprise" else facilitator_invoices(f)
    pay = pays[int(number) - 1]
    party = d.company if who == "entreprise" else d.facilitator
    o = d.opco.name
    blocks = [
        Fields(
            (
                ("Émetteur", Filled(party.name)),
                ("SIRET", Filled(siret(party.siret))),
                ("Adresse", Filled(party.address)),
                (
                    f"Référence de dossier {o}",
                    Filled(d.reference) if d.reference else "à reporter dès réception de l'accord",
                ),
                ("Entreprise bénéficiaire", Filled(d.company.name)),
                ("Salarié apprenant", Filled(learner_name(d))),
                (
                    "Intitulé de l'action",
                    Filled(
                        f"Contrat de professionnalisation expérimental – {d.contract.job_title}"
                    ),
                ),
            )
        ),  # fmt: skip
        Heading(pay.label),
        Table(
            ("Désignation", "Montant HT"),
            (
                (f"{pay.label}, {pay.due}", text.euros(pay.amount)),
                ("TVA (taux légalement applicable si l'émetteur est assujetti)", ""),
            ),
            widths=(75, 25),
            footer=("Montant total TTC", ""),
            numeric=(1,),
        ),  # fmt: skip
        p("Date de facturation : ", Filled(date(d.as_of)) if d.as_of else "……………"),
    ]
    if who == "entreprise" and number == "2":
        blocks += [p("Pièces jointes :", style="strong"), bullets(
            "Le certificat de réalisation des formations suivies",
            "Les bilans de suivi et de clôture",
            "L'attestation de fin de contrat de professionnalisation")]  # fmt: skip
    elif who == "facilitateur":
        blocks += [p("Pièce jointe : certificat de réalisation de la prestation signé par le "
                     "prestataire.", style="note")]  # fmt: skip
    else:
        blocks += [p("Mentions exigées (convention, article 9) : " +
                     " ".join(company_invoice_mentions(o, pay.amount)), style="note")]  # fmt: skip
    blocks.append(Signatures(((f"Pour {party.name}", party.representative.name, False),)))
    title = "Demande de paiement" if who == "entreprise" else "Facture du tiers facilitateur"
    return Paper(title, f"{pay.label} – {text.euros(pay.amount)} HT", header(d), tuple(blocks))
