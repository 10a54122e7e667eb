"""« Avenant à la convention de formation » (convention art. 10): after the first review, a
substantial change of the parcours is signed by the original parties. The paper names the
parties, says what changes (before / after, per module and per competence, from
`parcours_diff`), gives the new totals and share of article 3, and has one signature box per
party with the day it signed.

It compares two versions, so it is built from two dossiers (the version in force before the
avenant and the avenant's) and the avenant's own facts (`AvenantInfo`), not from the
registry's one dossier."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from parcours.domain import text
from parcours.domain.documents.blocks import (
    Block,
    Fields,
    Filled,
    Heading,
    Paper,
    Signatures,
    Table,
    bullets,
    p,
)
from parcours.domain.documents.common import (
    BLANK,
    WRITE_IN,
    city,
    document_date,
    header,
    learner_name,
    siret,
)
from parcours.domain.dossier import DocumentKind, Dossier
from parcours.domain.parcours_diff import ADDED, REMOVED, SAME, Comparison, compare


@dataclass(frozen=True)
class AvenantInfo:
    number: int  # the avenant's own number (1 for the first)
    version: int  # the parcours version it creates
    explanation: str
    submitted_on: dt.date | None = None
    accepted_on: dt.date | None = None
    # party ("company", "facilitator", "opco", "learner") -> the day it signed
    signatures: dict[str, dt.date | None] = field(default_factory=dict)
    in_force_from: dt.date | None = None


def _day(day: dt.date | None) -> Filled | str:
    return Filled(text.date(day)) if day else BLANK


def _party(label: str, rows: tuple[tuple[str, str], ...]) -> Iterator[Block]:
    yield p(label, style="strong")
    yield Fields(tuple((k, Filled(v) if v else BLANK) for k, v in rows))


def _parties(d: Dossier) -> Iterator[Block]:
    c = d.company
    yield from _party(
        "Entre l'Entreprise,",
        (
            ("Raison sociale", c.name),
            ("SIRET", siret(c.siret)),
            ("Adresse", c.address),
            ("Représentée par", f"{c.representative.name}, {c.representative.role}"),
        ),
    )
    if d.facilitator:
        fa = d.facilitator
        yield from _party(
            "Le Tiers facilitateur,",
            (
                ("Raison sociale", fa.name),
                ("SIRET", siret(fa.siret)),
                ("Représenté par", f"{fa.representative.name}, {fa.representative.role}"),
            ),
        )
    yield from _party(
        "L'Opérateur de Compétences,",
        (("Raison sociale", d.opco.name), ("SIRET", siret(d.opco.siret))),
    )
    yield from _party(
        "Et le salarié apprenant,",
        (("Nom", learner_name(d)), ("Emploi occupé", d.contract.job_title)),
    )


def _status_words(status: str) -> str:
    return {ADDED: "Ajouté", REMOVED: "Retiré", SAME: "Inchangé"}.get(status, "")


def _module_rows(cmp: Comparison) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            f"{m.id} – {m.title}",
            m.before or "—",
            m.after or "—",
            "; ".join(m.changes) if m.changes else _status_words(m.status),
        )
        for m in cmp.modules
    )


def _competence_blocks(cmp: Comparison) -> Iterator[Block]:
    touched = [c for c in cmp.competences if c.changed]
    if not touched:
        yield p("Le référentiel métier (annexe 1) est inchangé.")
        return
    yield Table(
        ("Compétence", "Avant", "Après", "Changement"),
        tuple(
            (
                c.id,
                c.before or "—",
                c.after or "—",
                "; ".join(c.changes) if c.changes else _status_words(c.status),
            )
            for c in touched
        ),
        widths=(10, 34, 34, 22),
    )
    same = [c.id for c in cmp.competences if not c.changed]
    if same:
        yield p(f"Les autres compétences du référentiel ({', '.join(same)}) sont inchangées.")


def avenant_paper(before: Dossier, after: Dossier, info: AvenantInfo) -> Paper:
    cmp = compare(before, after)
    o = after.opco.name
    signed_convention = document_date(after, DocumentKind.CONVENTION)
    blocks: list[Block] = [
        p(
            "Avenant n° ",
            Filled(str(info.number)),
            " à la convention de formation du contrat de professionnalisation expérimental de ",
            Filled(learner_name(after)),
            ", ",
            Filled(after.contract.job_title),
            ".",
            style="lead",
        ),
        *_parties(before),
        Heading("Article 1 : Objet de l'avenant"),
        p(
            "En application de l'article 10 de la convention de formation",
            *((" signée le ", Filled(text.date(signed_convention))) if signed_convention else ()),
            ", les parties conviennent de modifier de manière substantielle le parcours de "
            "professionnalisation du salarié apprenant, après le premier bilan, comme suit.",
        ),
        p("Motif : ", Filled(info.explanation or BLANK)),
        Heading("Article 2 : Modules du parcours de formation (annexe 2)"),
        Table(
            ("Module", "Avant", "Après", "Changement"),
            _module_rows(cmp),
            widths=(22, 28, 28, 22),
        ),
        Heading("Article 3 : Compétences visées (annexe 1)"),
        *_competence_blocks(cmp),
    ]
    if cmp.contract:
        blocks += [Heading("Dates et durée de l'action", 3), bullets(*cmp.contract)]
    a = after
    blocks += [
        Heading("Article 4 : Durée et répartition du parcours (article 3 de la convention)"),
        Table(
            ("", "Avant l'avenant", "Après l'avenant"),
            tuple((t.label, t.before, t.after) for t in cmp.totals),
            widths=(46, 27, 27),
            numeric=(1, 2),
        ),
        p(
            "L'article 3 de la convention est modifié en conséquence : le parcours de "
            "professionnalisation, du ",
            Filled(text.date(a.contract.action_start)),
            " au ",
            Filled(text.date(a.contract.action_end)),
            ", a une durée totale de ",
            Filled(cmp.totals[2].after),
            ", dont ",
            Filled(cmp.totals[0].after),
            " d'enseignements et ",
            Filled(cmp.totals[1].after),
            " d'accompagnement et d'évaluation, soit ",
            Filled(cmp.totals[4].after),
            " de la durée du contrat sur l'action.",
        ),
        Heading("Article 5 : Prise d'effet"),
        p(
            f"Le présent avenant, soumis à l'OPCO {o} le ",
            _day(info.submitted_on),
            " et accepté par lui le ",
            _day(info.accepted_on),
            ", prend effet à la date de sa dernière signature",
            *((" : le ", Filled(text.date(info.in_force_from))) if info.in_force_from else ()),
            ". Les autres clauses de la convention demeurent inchangées.",
        ),
        p(
            f"Fait en {len(_boxes(after, info))} exemplaires à ",
            Filled(city(after.company.address)),
            ", le ",
            _day(info.in_force_from),
            ".",
        ),
        Heading("Signatures", 3),
        Signatures(tuple(_boxes(after, info)), qualities=tuple(_qualities(after))),
    ]
    return Paper(
        f"Avenant n° {info.number} à la convention de formation",
        "Contrat de professionnalisation expérimental"
        + (" avec tiers facilitateur" if after.facilitator else ""),
        header(after),
        tuple(blocks),
    )


def _boxes(d: Dossier, info: AvenantInfo) -> list[tuple[str, str, bool]]:
    def box(label: str, party: str, name: str) -> tuple[str, str, bool]:
        day = info.signatures.get(party)
        signed = f"le {text.date(day)}" if day else "date : …… / …… / ………"
        return label, f"{name} — {signed}" if name else signed, day is not None

    boxes = [box("L'Entreprise", "company", d.company.representative.name)]
    if d.facilitator:
        boxes.append(box("Le Tiers facilitateur", "facilitator", d.facilitator.representative.name))
    boxes.append(box(f"L'OPCO {d.opco.name}", "opco", ""))
    boxes.append(box("Le salarié apprenant", "learner", learner_name(d)))
    return boxes


def _qualities(d: Dossier) -> list[str]:
    out = [d.company.representative.role]
    if d.facilitator:
        out.append(d.facilitator.representative.role)
    return [*out, f"Nom et qualité : {WRITE_IN}", d.contract.job_title]


def render_avenant(before: Dossier, after: Dossier, info: AvenantInfo) -> bytes:
    from parcours.domain.documents.pdf import render_pdf
    from parcours.domain.documents.registry import finish

    return render_pdf(finish(avenant_paper(before, after, info), after))
