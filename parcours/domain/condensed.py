"""Every section of a dossier condensed to a few lines, for the OPCO's one-page summary.

Pure: a domain dossier and its figures in, short French lines out (no Django). Each block
names the format's top-level keys it sums up, so that the page puts the engine's findings
about those keys beside it. The learner's social benefits (RSA, AAH…) are written only
when the caller says the reader may see them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from parcours.domain import referentiel_confirmation, text
from parcours.domain.dossier import (
    Benefit,
    Competence,
    ContractType,
    DocumentKind,
    Dossier,
    Module,
    ReviewKind,
    Signatory,
)
from parcours.domain.figures import Figures
from parcours.domain.parcours_diff import IMPORTANCE, LEVEL, module_line

LINE_MAX = 110
STATEMENT_MAX = 90
BENEFITS = {Benefit.RSA: "RSA", Benefit.ASS: "ASS", Benefit.AAH: "AAH",
            Benefit.CUI_EXIT: "sortie de CUI"}  # fmt: skip
SIGNATORIES = {Signatory.COMPANY: "l'entreprise", Signatory.FACILITATOR: "le tiers facilitateur",
               Signatory.LEARNER: "le salarié", Signatory.OPCO: "l'OPCO"}  # fmt: skip
# (name, « signé » agreed with it)
DOCUMENTS = {
    DocumentKind.CERFA_12434: ("CERFA 12434", "signé"),
    DocumentKind.CONVENTION: ("Convention tripartite", "signée"),
    DocumentKind.CERTIFICAT_REALISATION: ("Certificat de réalisation", "signé"),
    DocumentKind.ATTESTATION_FIN_CONTRAT: ("Attestation de fin de contrat", "signée"),
    DocumentKind.FACTURE: ("Facture", "signée"),
}
# The papers every submission needs (DOC-01); the others show only once declared.
REQUIRED_DOCUMENTS = (DocumentKind.CERFA_12434, DocumentKind.CONVENTION)
REVIEW_KINDS = {ReviewKind.SUIVI: "Bilan de suivi", ReviewKind.FINAL: "Bilan final"}
CONTRACT_TYPES = {ContractType.CDD: "CDD", ContractType.CDI: "CDI"}


@dataclass(frozen=True)
class Block:
    """One section of the summary: a few labelled facts, then a short list of rows."""

    key: str  # the block's anchor and the section name the pages use
    title: str
    keys: tuple[str, ...]  # the format's top-level keys it sums up (findings go beside)
    facts: tuple[tuple[str, str], ...] = ()
    items: tuple[str, ...] = ()
    empty: str = ""  # said when there is nothing at all


def short(line: str, limit: int = LINE_MAX) -> str:
    line = " ".join(line.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def yes_no(flag: bool) -> str:
    return "oui" if flag else "non"


def _date(day: dt.date | None) -> str:
    return text.date(day) if day else "à fixer"


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _years(n: float) -> str:
    n = int(n) if float(n).is_integer() else n
    return f"{text.number(n, 1)} an{'s' * (n >= 2)}"


# --- the blocks ---------------------------------------------------------------------------


def company_block(d: Dossier) -> Block:
    c = d.company
    facts = [
        ("Entreprise", f"{c.name} (SIRET {c.siret})"),
        ("Représentée par", f"{c.representative.name}, {c.representative.role}"),
        ("Adresse", c.address),
        ("Service de formation interne", yes_no(c.internal_training_service)),
        ("Premier contrat de ce type", yes_no(c.first_contract)),
    ]
    f = d.facilitator
    facts.append(("Tiers facilitateur", f"{f.name} (SIRET {f.siret})" if f else "aucun"))
    facts.append(("OPCO", d.opco.name))
    return Block("company", "Entreprise", ("company", "facilitator", "opco"), tuple(facts))


def learner_block(d: Dossier, show_benefits: bool) -> Block:
    p = d.learner
    if p is None:
        return Block("learner", "Salarié apprenant", ("learner",), empty="Pas encore recruté.")
    age = age_on(p.birth_date, d.contract.start_date)
    facts = [
        ("Nom", f"{p.last_name.upper()} {p.first_name}"),
        ("Né(e) le", f"{text.date(p.birth_date)} ({age} ans au début du contrat)"),
        ("Demandeur d'emploi", yes_no(p.job_seeker)),
    ]
    if show_benefits:
        words = ", ".join(BENEFITS[b] for b in p.benefits) or "aucun"
        facts.append(("Minima sociaux", words))
    facts.append(("Plus haut diplôme", p.highest_qualification or "non précisé"))
    return Block("learner", "Salarié apprenant", ("learner",), tuple(facts))


def _parcours_hours(figures: Figures) -> str:
    """« 475 h : enseignement 315 h, accompagnement et évaluation 160 h (dont AFEST 70 h,
    tiers facilitateur 14 h) » (AFEST counts as support, as in the convention's article 3)."""
    within = [f"AFEST {text.hours(figures.afest_hours)}"] if figures.afest_hours else []
    if figures.facilitator_hours:
        within.append(f"tiers facilitateur {text.hours(figures.facilitator_hours)}")
    detail = f" (dont {', '.join(within)})" if within else ""
    teaching, support = text.hours(figures.teaching_hours), text.hours(figures.support_hours)
    return (
        f"{text.hours(figures.parcours_hours)} : enseignement {teaching}, "
        f"accompagnement et évaluation {support}{detail}"
    )


def contract_block(d: Dossier, figures: Figures) -> Block:
    c = d.contract
    end = f"au {text.date(c.end_date)}" if c.end_date else "(sans terme)"
    facts = [
        ("Contrat", f"{CONTRACT_TYPES[c.type]} — {c.job_title}"),
        ("Dates du contrat", f"du {text.date(c.start_date)} {end}"),
        ("Action de formation", f"{text.period(c.action_start, c.action_end)}"),
        (
            "Durée",
            f"{text.number(figures.duration_months, 1)} mois, "
            f"{text.hours(c.weekly_hours)} par semaine, "
            f"{text.hours(figures.contract_hours)} de contrat sur l'action",
        ),
        ("Heures du parcours", _parcours_hours(figures)),
        ("Part du parcours", text.percent(figures.parcours_share)),
    ]
    if c.extension_reason:
        facts.append(("Motif de prolongation", short(c.extension_reason)))
    if c.branch_agreement:
        facts.append(("Accord de branche", short(c.branch_agreement)))
    return Block("contract", "Contrat", ("contract",), tuple(facts))


def competence_line(c: Competence) -> str:
    """The statement shortened, never the level and importance after it."""
    details = [f"niveau {LEVEL[c.level]}" if c.level else "niveau à préciser"]
    if c.importance:
        details.append(IMPORTANCE[c.importance.value])
    return f"{c.id} · {short(c.statement, STATEMENT_MAX)} ({', '.join(details)})"


def competences_block(d: Dossier) -> Block:
    n = len(d.competences)
    facts = (("Compétences visées", str(n)),) if n else ()
    if n:  # guide action 1 ③: confirmed by the work team (parcours.domain.referentiel_confirmation)
        facts += (("Équipe de travail", referentiel_confirmation.summary(d)),)
    return Block(
        "competences",
        "Référentiel métier",
        ("competences",),
        facts,
        tuple(competence_line(c) for c in d.competences),
        empty="Aucune compétence.",
    )


def positioning_gaps(d: Dossier) -> list[tuple[Competence, int | None, int | None, int]]:
    """(competence, assessed level, self level, gap) for each competence whose expected level
    is above the tutor's assessment (the learner's own when the tutor gave none)."""
    entries = {e.competence: e for e in (d.positioning.entries if d.positioning else [])}
    gaps = []
    for c in d.competences:
        e = entries.get(c.id)
        if e is None or c.level is None:
            continue
        found = e.assessed_level if e.assessed_level is not None else e.self_level
        if found is not None and found < c.level:
            gaps.append((c, e.assessed_level, e.self_level, c.level - found))
    return gaps


def positioning_block(d: Dossier) -> Block:
    if d.positioning is None:
        return Block("positioning", "Positionnement initial", ("positioning",),
                     empty="Pas encore de positionnement.")  # fmt: skip
    placed = {e.competence for e in d.positioning.entries}
    missing = [c.id for c in d.competences if c.id not in placed]
    gaps = positioning_gaps(d)
    facts = [
        ("Date", text.date(d.positioning.date)),
        ("À renforcer", f"{len(gaps)} compétence{'s' * (len(gaps) > 1)} sur {len(d.competences)}"),
    ]
    if missing:
        facts.append(("Non positionnées", ", ".join(missing)))
    items = []
    for c, assessed, own, gap in sorted(gaps, key=lambda g: -g[3]):
        said = (
            f"évalué {assessed} par le tuteur"
            if assessed is not None
            else "non évalué par le tuteur"
        )
        own_words = f", {own} par le salarié" if own is not None else ""
        items.append(f"{c.id} : niveau attendu {c.level} ; {said}{own_words} — écart {gap}")
    return Block("positioning", "Positionnement initial", ("positioning",), tuple(facts),
                 tuple(items))  # fmt: skip


def module_summary(m: Module, d: Dossier) -> str:
    who = ""
    if m.trainer:
        names = {t.id: t.name for t in d.trainers}
        who = f" · {names.get(m.trainer, m.trainer)}"
    elif m.provider:
        who = f" · {m.provider}"
    return short(f"{m.id} {m.title or 'sans intitulé'} — {module_line(m)}{who}", 160)


def modules_block(d: Dossier) -> Block:
    facts = (("Modules", str(len(d.modules))),) if d.modules else ()
    return Block("modules", "Parcours de formation", ("modules",), facts,
                 tuple(module_summary(m, d) for m in d.modules),
                 empty="Aucun module.")  # fmt: skip


def sequences_block(d: Dossier) -> Block:
    titles = {m.id: m.title for m in d.modules}
    items = []
    for s in d.sequences:
        hours = sum(a.hours for a in s.activities)
        dates = sorted(s.calendar)
        when = (
            f", {len(dates)} dates du {text.date(dates[0])} au {text.date(dates[-1])}"
            if dates
            else ""
        )
        trainers = f", formateurs {', '.join(s.trainers)}" if s.trainers else ""
        title = titles.get(s.module) or ""
        items.append(short(
            f"{s.module} {title} : {len(s.activities)} activité{'s' * (len(s.activities) > 1)}, "
            f"{text.hours(hours)}{trainers}{when}", 160,
        ))  # fmt: skip
    return Block("sequences", "Séquences pédagogiques", ("sequences",), (), tuple(items),
                 empty="Aucune séquence.")  # fmt: skip


def tutor_block(d: Dossier) -> Block:
    t = d.tutor
    if t is None:
        return Block("tutor", "Tuteur", ("tutor",), empty="Pas de tuteur désigné.")
    facts = (
        ("Tuteur", f"{t.name}, {t.job_title}"),
        ("Expérience", _years(t.experience_years)),
        ("Salariés suivis", str(t.learners_followed)),
        ("Volontaire", yes_no(t.volunteer)),
        ("Employeur", yes_no(t.is_employer)),
    )
    return Block("tutor", "Tuteur", ("tutor",), facts)


def trainers_block(d: Dossier) -> Block:
    items = tuple(
        short(
            f"{t.id} {t.name}, {t.job_title} — {_years(t.experience_years)} d'expérience, "
            f"formé à la formation : {yes_no(t.trainer_training)}, "
            f"sensibilisé à l'AFEST : {yes_no(t.afest_aware)}",
            160,
        )
        for t in d.trainers
    )
    return Block("trainers", "Formateurs internes", ("trainers",), (), items,
                 empty="Aucun formateur interne.")  # fmt: skip


def reviews_block(d: Dossier) -> Block:
    items = []
    for r in sorted(d.reviews, key=lambda r: (r.planned_date or dt.date.max, r.id)):
        name = REVIEW_KINDS.get(r.kind, "Bilan")
        state = f"tenu le {text.date(r.held_date)}" if r.held_date else "à tenir"
        items.append(f"{r.id} · {name} prévu le {_date(r.planned_date)} — {state}")
    return Block("reviews", "Bilans prévus", ("reviews",), (), tuple(items),
                 empty="Aucun bilan prévu.")  # fmt: skip


def document_line(kind: DocumentKind, d: Dossier, files: dict[str, str]) -> str:
    """« CERFA 12434 : signé le 25/11/2026 par l'entreprise, le salarié — fichier déposé »."""
    declared = next((x for x in d.documents if x.kind == kind), None)
    name, signed = DOCUMENTS[kind]
    if declared is None:
        said = f"{name} : signature non déclarée"
    else:
        by = ", ".join(SIGNATORIES[s] for s in declared.signed_by) or "signataires non précisés"
        said = f"{name} : {signed} le {text.date(declared.date)} par {by}"
    if kind.value in files:
        return f"{said} — {files[kind.value]}"
    return said


def documents_block(d: Dossier, files: dict[str, str] | None = None) -> Block:
    """`files`: kind → a word on the file deposited (the Django side knows the files)."""
    files = files or {}
    kinds = [
        k for k in DocumentKind if k in REQUIRED_DOCUMENTS or any(x.kind == k for x in d.documents)
    ]
    return Block("documents", "Documents signés", ("documents",), (),
                 tuple(document_line(k, d, files) for k in kinds))  # fmt: skip


def condense(
    d: Dossier, figures: Figures, *, show_benefits: bool, files: dict[str, str] | None = None
) -> list[Block]:
    """Every section of the dossier, in the guide's reading order for an instructor."""
    return [
        company_block(d),
        learner_block(d, show_benefits),
        contract_block(d, figures),
        competences_block(d),
        positioning_block(d),
        modules_block(d),
        sequences_block(d),
        tutor_block(d),
        trainers_block(d),
        reviews_block(d),
        documents_block(d, files),
    ]
