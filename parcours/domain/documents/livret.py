"""The livret d'accueil et d'intégration: default sections in French, each of which the
company may replace by its own text (a plain dict title -> text, stored by the web app)."""

from __future__ import annotations

from parcours.domain import text
from parcours.domain.documents.blocks import Block, Heading, Paper, Table, p
from parcours.domain.documents.common import (
    IMPORTANCE,
    MODALITY,
    header,
    learner_name,
    module_dates,
)
from parcours.domain.dossier import Dossier, ReviewKind
from parcours.domain.figures import Figures


def livret_default_sections(d: Dossier) -> dict[str, str]:
    """The livret's sections as the company finds them before editing (title -> text)."""
    return default_sections(d, Figures(d))


def default_sections(d: Dossier, f: Figures) -> dict[str, str]:
    c, t = d.company, d.tutor
    tutor = (
        f"{t.name}, {t.job_title}, est votre tuteur ou tutrice pendant tout le contrat. "
        "Il ou elle vous accueille, organise votre activité en lien avec les compétences "
        "visées, suit votre progression et participe aux bilans de suivi et au bilan final."
        if t
        else "Votre tuteur ou tutrice vous sera présenté(e) le premier jour."
    )
    facilitator = (
        f"\n{d.facilitator.name} accompagne l'entreprise en tant que tiers facilitateur "
        f"({d.facilitator.representative.name}) : il participe aux bilans."
        if d.facilitator
        else ""
    )
    return {
        "Bienvenue": (
            f"Bienvenue chez {c.name}. Ce livret vous accompagne pendant votre contrat de "
            f"professionnalisation expérimental en tant que {d.contract.job_title}, "
            f"{text.period(d.contract.action_start, d.contract.action_end)}."
        ),
        "Présentation de l'entreprise": (
            f"{c.name}, {c.address}. Représentée par {c.representative.name} "
            f"({c.representative.role})."
        ),
        "Votre premier jour": (
            f"Vous êtes attendu(e) le {text.date(d.contract.start_date)} à l'accueil. Au "
            "programme : visite des locaux, présentation de l'équipe, remise de vos accès et "
            "de votre poste de travail, entretien avec votre tuteur sur le parcours."
        ),
        "Votre tuteur": tutor + facilitator,
        "Ce que vous allez apprendre": "Le référentiel métier (annexe 1 de la convention) "
        "liste les compétences visées ; elles sont rappelées ci-dessous.",
        "Votre parcours de formation": (
            # the facilitator's hours accompany the company: they are no training of yours
            f"Le parcours compte {text.hours(f.parcours_hours - f.facilitator_hours)} de "
            "formation, en alternance "
            "avec votre activité dans l'entreprise. Les heures de formation sont du temps de "
            "travail rémunéré. Chaque séance est émargée ; chaque module se termine par une "
            "évaluation."
        ),
        "Suivi et bilans": _reviews(d),
        "Règles de vie": (
            "Horaires, tenue, confidentialité des informations des clients et de l'entreprise, "
            "règles d'hygiène et de sécurité : le règlement intérieur vous est remis le premier "
            "jour. En cas d'absence, prévenez votre tuteur au plus tôt et transmettez le "
            "justificatif."
        ),
        "Contacts utiles": "\n".join(_contacts(d)),
    }


def _reviews(d: Dossier) -> str:
    """The reviews the dossier plans, with their dates (a 6-month contract has no « 6e mois »
    review: only what the dossier holds is announced)."""
    planned = sorted(
        (r for r in d.reviews if r.planned_date or r.held_date),
        key=lambda r: r.held_date or r.planned_date,
    )
    words = [
        ("le bilan final" if r.kind == ReviewKind.FINAL else "un bilan de suivi")
        + f" le {text.date(r.held_date or r.planned_date)}"
        for r in planned
    ]
    if words:
        schedule = "Vos bilans sont prévus aux dates suivantes : " + ", ".join(words) + "."
    else:
        schedule = "Les dates de vos bilans de suivi et du bilan final vous seront communiquées."
    return (
        schedule + " Votre tuteur y fait le point avec vous sur chaque compétence. À la fin du "
        "contrat, l'entreprise vous remet une attestation listant les compétences acquises."
    )


def _contacts(d: Dossier) -> list[str]:
    c, t = d.company, d.tutor
    lines = [
        f"Votre tuteur : {t.name}, {t.job_title}." if t else "Votre tuteur : à désigner.",
        f"L'entreprise : {c.representative.name}, {c.representative.role}, {c.name}, {c.address}.",
    ]
    if d.facilitator:
        fa = d.facilitator
        lines.append(f"Le tiers facilitateur : {fa.representative.name}, "
                     f"{fa.representative.role}, {fa.name}, {fa.address}.")  # fmt: skip
    for trainer in d.trainers:
        lines.append(f"Formateur : {trainer.name}, {trainer.job_title}.")
    lines.append(f"L'OPCO, qui finance votre formation : {d.opco.name}"
                 + (f" (dossier n° {d.reference})." if d.reference else "."))  # fmt: skip
    return lines


def livret_paper(d: Dossier, f: Figures, key: str | None, sections=None) -> Paper:
    merged = default_sections(d, f)
    merged.update(sections or {})
    blocks: list[Block] = [p(f"Pour {learner_name(d)}", style="lead")]
    for title, body in merged.items():
        blocks.append(Heading(title))
        blocks.extend(p(line) for line in body.split("\n") if line.strip())
        if title == "Ce que vous allez apprendre" and d.competences:
            blocks.append(_competences(d))
        if title == "Votre parcours de formation" and d.modules:
            blocks.append(_modules(d))
    return Paper(
        "Livret d'accueil et d'intégration", d.contract.job_title, header(d), tuple(blocks)
    )


def _competences(d: Dossier) -> Table:
    return Table(
        ("Compétence", "Importance"),
        tuple(
            (c.statement, IMPORTANCE.get(c.importance, "—") if c.importance else "—")
            for c in d.competences
        ),  # fmt: skip
        widths=(80, 20),
    )


def _modules(d: Dossier) -> Table:
    return Table(
        ("Module", "Modalité", "Durée", "Période"),
        tuple((f"{m.id} – {m.title}", MODALITY.get(m.modality, "—") if m.modality else "—",
               text.hours(m.hours), module_dates(m)) for m in d.modules if not m.dispensed),
        widths=(45, 18, 10, 27),
        numeric=(2,),
    )  # fmt: skip
