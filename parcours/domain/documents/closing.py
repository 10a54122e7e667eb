"""The papers of the contract's end: the written notice of a rupture to the OPCO
(convention art. 10) and the attestation de fin de contrat (convention art. 3, guide
step 6).

Both print the hours the learner actually followed: the hours of the sessions the learner
signed (`parcours.domain.closing.followed_hours`), never the parcours' planned hours and
never the facilitator's 14 hours, which are its work, not the learner's training.
"""

from __future__ import annotations

import datetime as dt

from parcours.domain import text
from parcours.domain.closing import (
    attestation_basis,
    end_of_contract,
    followed_hours,
    held_reviews,
    lines,
)
from parcours.domain.documents.blocks import (
    Bullets,
    Fields,
    Filled,
    Heading,
    Paper,
    Signatures,
    Table,
    p,
)
from parcours.domain.documents.common import BLANK, city, date, header, learner_name, level, siret
from parcours.domain.dossier import Dossier, ReviewKind
from parcours.domain.figures import Figures

ACQUIRED = {True: "oui", False: "non", None: "—"}


def _born(d) -> str:
    return date(d.learner.birth_date) if d.learner else "…"


def _issued_on(d: Dossier) -> dt.date:
    return d.as_of or dt.date.today()


def _agreement(d: Dossier) -> str:
    if d.agreement:
        return f"n° {d.agreement.number} du {text.date(d.agreement.date)}"
    return BLANK


def _contract_fields(d: Dossier) -> tuple[tuple[str, Filled | str], ...]:
    c, company = d.contract, d.company
    rows: list[tuple[str, Filled | str]] = [
        ("Entreprise", Filled(f"{company.name} (SIRET {siret(company.siret)})")),
        ("Adresse", Filled(company.address)),
        ("Représentée par", Filled(f"{company.representative.name}, "
                                   f"{company.representative.role}")),
    ]  # fmt: skip
    if d.facilitator:
        rows.append(
            ("Tiers facilitateur", Filled(f"{d.facilitator.name} (SIRET "
                                          f"{siret(d.facilitator.siret)})"))
        )  # fmt: skip
    rows += [
        ("Salarié apprenant", Filled(f"{learner_name(d)}, né(e) le {_born(d)}")),
        ("Contrat", Filled(f"{c.type.value}, {c.job_title}, prévu "
                           f"{text.period(c.start_date, c.end_date or c.action_end)}")),
        ("Action de formation", Filled(text.period(c.action_start, c.action_end))),
        (f"N° de dossier {d.opco.name}", Filled(d.reference) if d.reference else BLANK),
        ("Accord de prise en charge", Filled(_agreement(d)) if d.agreement else BLANK),
    ]  # fmt: skip
    return tuple(rows)


# Notification de rupture -----------------------------------------------------------------


def rupture_notice_not_ready(d: Dossier, f: Figures, key: str | None) -> str | None:
    if d.rupture is None:
        return (
            "Aucune rupture n'est enregistrée : la notification à l'OPCO est établie une fois "
            "la rupture déclarée (date et motif)."
        )
    return None


def rupture_notice_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    r, rep, params = d.rupture, d.company.representative, f.params
    followed = followed_hours(d, r.date)
    held = held_reviews(d)
    reviews = (
        "; ".join(
            f"{'bilan final' if x.kind == ReviewKind.FINAL else 'bilan de suivi'} {x.id} "
            f"du {text.date(x.held_date)}"
            for x in held
        )
        or "aucun bilan n'a été tenu"
    )
    training = f.parcours_hours - f.facilitator_hours
    consequences = [
        (
            "Financement de l'entreprise (art. 9) : seul le premier versement de ",
            Filled(text.euros(params.first_payment)),
            " HT reste dû pour l'ensemble du contrat.",
        )
    ]
    if d.facilitator:
        consequences.append(
            (
                "Tiers facilitateur (art. 7) : seule la première facture, d'une journée "
                f"({params.facilitator_invoice_hours:g} h), est due.",
            )
        )
    consequences.append(
        (
            "L'attestation de fin de contrat est remise au salarié avec les niveaux atteints "
            "au dernier bilan tenu (ou au positionnement initial si aucun bilan n'a eu lieu).",
        )
    )
    sent_on = r.opco_informed_on or _issued_on(d)
    blocks = [
        p("À l'attention de ", Filled(d.opco.name), ", opérateur de compétences (SIRET ",
          Filled(siret(d.opco.siret)), ")."),
        Fields(_contract_fields(d)),
        Heading("Objet : rupture anticipée du contrat"),
        p("Conformément à l'article 10 de la convention de formation, l'Entreprise informe "
          "par écrit l'OPCO que le contrat de professionnalisation expérimental de ",
          Filled(learner_name(d)), " a pris fin le ", Filled(text.date(r.date)), "."),
        Fields((("Date de la rupture", Filled(text.date(r.date))),
                ("Motif", Filled(r.reason)))),
        Heading("Formation suivie à la date de la rupture"),
        p("Heures de formation suivies par le salarié au ", Filled(text.date(r.date)), " : ",
          Filled(text.hours(followed)), " (séances émargées par le salarié), sur ",
          Filled(text.hours(training)), " prévues au parcours."),
        p("Les 14 heures d'accompagnement du tiers facilitateur ne sont pas des heures de "
          "formation du salarié : elles ne sont pas comptées.", style="note") if d.facilitator
        else p("Heures suivies : celles des séances émargées.", style="note"),
        p("Bilans tenus : ", Filled(reviews), "."),
        Heading("Conséquences (convention, art. 7 et 9)"),
        Bullets(tuple(consequences)),
        p("Fait à ", Filled(city(d.company.address)), ", le ", Filled(text.date(sent_on)), "."),
        Signatures((("Pour l'Entreprise (signature et cachet)", rep.name, False),),
                   qualities=(rep.role,)),  # fmt: skip
    ]  # fmt: skip
    if r.acknowledged_on:
        blocks.append(
            p(f"Accusé de réception de l'OPCO {d.opco.name} le ",
              Filled(text.date(r.acknowledged_on)), ".", style="note")
        )  # fmt: skip
    return Paper(
        "Notification de rupture",
        "du contrat de professionnalisation expérimental",
        header(d),
        tuple(blocks),
    )


# Attestation de fin de contrat -------------------------------------------------------------


def attestation_not_ready(d: Dossier, f: Figures, key: str | None) -> str | None:
    if d.attestation and d.attestation.competences:
        return None
    if attestation_basis(d) is not None:
        return None
    if d.rupture is not None:
        return (
            "L'attestation de fin de contrat donne le niveau atteint de chaque compétence : "
            "après une rupture, au dernier bilan tenu, ou au positionnement initial. Aucun "
            "bilan n'a été tenu et le positionnement initial n'est pas renseigné."
        )
    final = next((r for r in d.reviews if r.kind == ReviewKind.FINAL), None)
    if final is None:
        why = "Le bilan final n'est pas planifié dans le dossier."
    else:
        planned = f" (prévu le {date(final.planned_date)})" if final.planned_date else ""
        why = f"Le bilan final {final.id}{planned} n'a pas encore eu lieu."
    return (
        "L'attestation de fin de contrat liste les compétences et le niveau atteint : elle "
        f"ne peut être établie qu'après le bilan final. {why}"
    )


def attestation_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    basis = attestation_basis(d)
    if d.attestation and d.attestation.competences:
        scores, on = d.attestation.competences, d.attestation.date
    else:
        # Not prepared yet: dated no earlier than what it follows (the review, the rupture).
        after = [x for x in (basis.date, d.rupture.date if d.rupture else None) if x]
        scores, on = basis.scores, max(after) if after else _issued_on(d)
    c, rep = d.contract, d.company.representative
    end = end_of_contract(d)
    followed = followed_hours(d, end)
    rows = lines(d, scores)
    table = tuple(
        (x.competence, x.statement, level(x.expected), level(x.reached), ACQUIRED[x.acquired])
        for x in rows
    )
    acquired = sum(1 for x in rows if x.acquired)
    blocks = [
        p("Je soussigné(e) ", Filled(rep.name), ", ", Filled(rep.role), " de l'entreprise ",
          Filled(d.company.name), " (SIRET ", Filled(siret(d.company.siret)), "), atteste que ",
          Filled(learner_name(d)), ", né(e) le ", Filled(_born(d)),
          ", a été employé(e) en contrat de professionnalisation expérimental (",
          Filled(c.type.value), ") en qualité de ", Filled(c.job_title), " ",
          Filled(text.period(c.start_date, end)), ", et a suivi ", Filled(text.hours(followed)),
          " de formation."),
    ]  # fmt: skip
    if d.rupture is not None:
        blocks.append(
            p("Le contrat a pris fin de manière anticipée le ", Filled(text.date(d.rupture.date)),
              " (", Filled(d.rupture.reason), ").")
        )  # fmt: skip
    blocks += [
        p("Heures de formation suivies : celles des séances émargées par le salarié jusqu'au "
          f"{text.date(end)}. Les heures d'accompagnement du tiers facilitateur ne sont pas des "
          "heures de formation du salarié et n'y sont pas comptées.", style="note"),
        Heading("Compétences du référentiel et niveau atteint"),
    ]  # fmt: skip
    if basis is not None:
        blocks.append(p(f"Niveaux atteints d'après {basis.label}.", style="note"))
    blocks += [
        Table(
            ("N°", "Compétence", "Niveau attendu", "Niveau atteint", "Acquise"),
            table,
            widths=(5, 53, 16, 16, 10),
        ),
        p(
            f"{acquired} compétence(s) sur {len(rows)} atteignent le niveau attendu "
            "(acquise : niveau atteint au moins égal au niveau attendu).",
            style="note",
        ),
        p("Fait à ", Filled(city(d.company.address)), ", le ", Filled(date(on)), "."),
        Signatures(
            (
                ("Pour l'Entreprise", rep.name, False),
                ("Le salarié apprenant", learner_name(d), False),
            ),
            qualities=(rep.role, d.contract.job_title),
        ),
    ]
    return Paper(
        "Attestation de fin de contrat",
        "de professionnalisation expérimental",
        header(d),
        tuple(blocks),
    )
