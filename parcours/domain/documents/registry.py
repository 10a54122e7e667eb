"""The documents a dossier produces: name -> builder, title, formats, readiness, instances."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from parcours.domain.documents import (
    attendance_sheets,
    closing,
    convention_ending,
    design,
    followup,
    funding,
    livret,
    new_papers,
    planning,
)
from parcours.domain.documents.blocks import Heading, PageBreak, Paper, Para, RunningTitle
from parcours.domain.documents.convention import convention_paper
from parcours.domain.documents.typography import typeset
from parcours.domain.dossier import Dossier
from parcours.domain.figures import Figures

PDF, DOCX = "pdf", "docx"
# Every paper a party may edit before signing or sending it comes in Word as well; the
# proofs (émargement, certificat de réalisation), the financing table and the CERFA sheet
# are records to keep as they are: PDF only.
EDITABLE = (PDF, DOCX)


class DocumentNotReady(Exception):
    """The document cannot be produced yet; `reason` says why, in French."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class UnknownDocument(ValueError):
    pass


Builder = Callable[..., Paper]
Check = Callable[[Dossier, Figures, str | None], str | None]
Lister = Callable[[Dossier, Figures], list[tuple[str, str]]]


def _always(d: Dossier, f: Figures, key: str | None) -> str | None:
    return None


def _needs(attribute: str, reason: str) -> Check:
    def check(d: Dossier, f: Figures, key: str | None) -> str | None:
        return None if getattr(d, attribute) else reason

    return check


def _convention_ready(d: Dossier, f: Figures, key: str | None) -> str | None:
    if not d.modules or f.parcours_hours == 0:
        return ("Le parcours de formation n'a aucun module : l'article 3 de la convention "
                "(durée et répartition des heures) ne peut pas être rempli.")  # fmt: skip
    if d.tutor is None:
        return "Aucun tuteur n'est désigné : l'article 4 de la convention ne peut être rempli."
    return None


@dataclass(frozen=True)
class DocumentType:
    name: str
    title: str
    formats: tuple[str, ...]
    build: Builder
    ready: Check = _always
    instances: Lister | None = None
    no_instance: str = ""  # why nothing can be produced when there is no instance
    parts: Lister | None = None  # finer keys also accepted (one month of an émargement)


NO_COMPETENCE = "Le référentiel métier ne contient encore aucune compétence."
NO_MODULE = "Le parcours de formation ne contient encore aucun module."

REGISTRY: dict[str, DocumentType] = {
    t.name: t
    for t in (
        DocumentType("convention", "Convention de formation", EDITABLE, convention_paper,
                     _convention_ready),
        DocumentType("referentiel", "Référentiel métier (annexe 1)", EDITABLE,
                     design.referentiel_paper, _needs("competences", NO_COMPETENCE)),
        DocumentType("parcours", "Parcours de formation (annexe 2)", EDITABLE,
                     design.parcours_paper, _needs("modules", NO_MODULE)),
        DocumentType("sequence", "Séquence pédagogique", EDITABLE, design.sequence_paper,
                     instances=design.sequence_instances,
                     no_instance="Aucune séquence pédagogique n'est décrite dans le dossier."),
        DocumentType("positionnement", "Grille de positionnement", EDITABLE,
                     design.positioning_paper, _needs("competences", NO_COMPETENCE)),
        DocumentType("livret", "Livret d'accueil et d'intégration", EDITABLE,
                     livret.livret_paper),
        DocumentType("emargement", "Feuilles d'émargement", (PDF,),
                     attendance_sheets.emargement_paper,
                     instances=attendance_sheets.emargement_instances,
                     parts=attendance_sheets.emargement_months,
                     no_instance="Aucun module daté ni aucune séance : pas de feuille "
                     "d'émargement à établir."),
        DocumentType("certificat", "Certificat de réalisation", (PDF,),
                     attendance_sheets.certificat_paper, attendance_sheets.certificat_not_ready),
        DocumentType("bilan", "Bilan de suivi", EDITABLE, followup.bilan_paper,
                     followup.bilan_not_ready, instances=followup.bilan_instances,
                     no_instance="Aucun bilan de suivi n'est planifié dans le dossier."),
        DocumentType("bilan-final", "Bilan final", EDITABLE, followup.bilan_final_paper,
                     followup.bilan_final_not_ready),
        DocumentType("attestation", "Attestation de fin de contrat", EDITABLE,
                     closing.attestation_paper, closing.attestation_not_ready),
        DocumentType("notification-rupture", "Notification de rupture", EDITABLE,
                     closing.rupture_notice_paper, closing.rupture_notice_not_ready),
        DocumentType("mise-en-demeure", "Mise en demeure (convention, art. 10)", EDITABLE,
                     convention_ending.notice_paper, convention_ending.notice_not_ready),
        DocumentType("fin-convention", "Fin de la convention (art. 10)", EDITABLE,
                     convention_ending.ended_paper, convention_ending.ended_not_ready),
        DocumentType("financement", "Tableau de financement", (PDF,),
                     funding.financement_paper, _needs("modules", NO_MODULE)),
        DocumentType("demande-paiement", "Demande de paiement", EDITABLE, funding.claim_paper,
                     funding.claim_not_ready, instances=funding.claim_instances),
        DocumentType("calendrier", "Calendrier de la formation (annexe)", EDITABLE,
                     planning.calendar_paper, _needs("modules", NO_MODULE)),
        DocumentType("evaluation-module", "Évaluation de fin de module", EDITABLE,
                     new_papers.evaluation_paper, instances=new_papers.evaluation_instances,
                     no_instance=NO_MODULE),
        DocumentType("cerfa-12434", "CERFA 12434 : informations à reporter", (PDF,),
                     new_papers.cerfa_paper),
        DocumentType("convention-et-annexes", "Convention et annexes (un seul PDF)", (PDF,),
                     lambda *a: bundle_paper(*a), _convention_ready),
    )
}  # fmt: skip


class Available(NamedTuple):
    name: str
    title: str
    formats: tuple[str, ...]
    ready: bool
    reason: str


class Instance(NamedTuple):
    index: int
    key: str
    label: str
    ready: bool
    reason: str


def document_type(name: str) -> DocumentType:
    try:
        return REGISTRY[name]
    except KeyError:
        raise UnknownDocument(
            f"document inconnu « {name} » ; documents : {', '.join(REGISTRY)}"
        ) from None


def instances(dossier: Dossier, name: str, figures: Figures | None = None) -> list[Instance]:
    """The files a multi-instance document produces (one per séquence, bilan, month…);
    a single document gives one instance with key None."""
    t, f = document_type(name), figures or Figures(dossier)
    if t.instances is None:
        reason = t.ready(dossier, f, None) or ""
        return [Instance(0, None, t.title, not reason, reason)]
    out = []
    for i, (key, label) in enumerate(t.instances(dossier, f)):
        reason = t.ready(dossier, f, key) or ""
        out.append(Instance(i, key, label, not reason, reason))
    return out


def parts(dossier: Dossier, name: str, figures: Figures | None = None) -> list[str]:
    """The finer keys `--index` also accepts (one month of a module's émargement)."""
    t = document_type(name)
    return [k for k, _ in t.parts(dossier, figures or Figures(dossier))] if t.parts else []


def available_documents(dossier: Dossier) -> list[Available]:
    """Every document type, with whether at least one of its files can be produced now."""
    f = Figures(dossier)
    out = []
    for t in REGISTRY.values():
        found = instances(dossier, t.name, f)
        ready = [i for i in found if i.ready]
        reason = "" if ready else (found[0].reason if found else t.no_instance)
        out.append(Available(t.name, t.title, t.formats, bool(ready), reason))
    return out


def _resolve(t: DocumentType, d: Dossier, f: Figures, index: int | str | None) -> str | None:
    if t.instances is None:
        return None
    keys = [k for k, _ in t.instances(d, f)]
    if not keys:
        raise DocumentNotReady(t.no_instance)
    if index is None:
        return keys[0]
    if isinstance(index, int) or (isinstance(index, str) and index.isdigit()):
        position = int(index)
        if not 0 <= position < len(keys):
            raise UnknownDocument(
                f"{t.name} : indice {position} hors limites (0 à {len(keys) - 1})"
            )
        return keys[position]
    parts = [k for k, _ in t.parts(d, f)] if t.parts else []
    if index not in keys and index not in parts:
        raise UnknownDocument(f"{t.name} : « {index} » inconnu ; choix : {', '.join(keys + parts)}")
    return index


def build_paper(
    dossier: Dossier, name: str, *, index=None, livret_sections=None, figures=None, as_of=None
) -> Paper:
    """`as_of`: the date the paper is issued on (the certificat de réalisation's date);
    default the dossier's own, else today."""
    if as_of is not None:
        dossier = dossier.model_copy(update={"as_of": as_of})
    t, f = document_type(name), figures or Figures(dossier)
    key = _resolve(t, dossier, f, index)
    reason = t.ready(dossier, f, key)
    if reason:
        raise DocumentNotReady(reason)
    return finish(t.build(dossier, f, key, livret_sections), dossier)


DRAFT_MARK = "PROJET — non conforme"
# Rules whose outcome depends on the learner's benefits (parcours.dossiers.perms hides them
# from those who may not see the benefits): a paper's mark must not depend on them, or a
# tutor's paper (from a dossier without the benefits) would differ from the company's and
# so tell the tutor the learner receives one. Submission stays blocked by them anyway.
BENEFITS_RULES = frozenset({"ELIG-01"})


# The convention's bundle: the convention, then its annexes, as the parties sign them.
BUNDLE = ("convention", "referentiel", "parcours", "calendrier")


def bundle_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    """The convention and its annexes as one paper (one PDF, archivable and tagged like any
    other): each part that can be established, from a new page with its own title and
    running title. One orientation for the whole: the annexes' tables in portrait."""
    out: list = []
    for name in BUNDLE:
        t = REGISTRY[name]
        if t.ready(d, f, None):
            continue
        part = t.build(d, f, None, None)
        if out:
            out.append(PageBreak())
        out += [RunningTitle(part.title), Heading(t.title, 1)]
        if part.subtitle:
            out.append(Para((part.subtitle,), "lead"))
        out += list(part.blocks)
    c = convention_paper(d, f)
    return Paper("Convention de formation et ses annexes", c.subtitle, c.header, tuple(out))


# (dossier, verdict) of the last dossier checked: the whole set of papers checks once. One
# tuple, read and replaced whole, so that threads never mix two dossiers' verdicts.
_last_checked: tuple = (None, False)


def _not_conforming(dossier: Dossier) -> bool:
    global _last_checked
    from parcours.domain.rules import Severity, check

    last = _last_checked
    if last[0] is dossier:
        return last[1]
    verdict = any(
        x.severity == Severity.BLOQUANT and x.rule not in BENEFITS_RULES
        for x in check(dossier).findings
    )
    _last_checked = (dossier, verdict)
    return verdict


def finish(paper: Paper, dossier: Dossier) -> Paper:
    """What every paper gets whatever its builder: the draft mark when the dossier has a
    bloquant finding (nobody signs a non-conforming dossier by mistake), French typography."""
    from dataclasses import replace

    if _not_conforming(dossier):
        paper = replace(paper, draft_mark=DRAFT_MARK)
    return typeset(paper)


def render_document(
    dossier: Dossier, name: str, fmt: str = PDF, *, index=None, livret_sections=None, as_of=None
) -> bytes:
    t = document_type(name)
    if fmt not in t.formats:
        raise UnknownDocument(f"{name} : format « {fmt} » indisponible ({', '.join(t.formats)})")
    paper = build_paper(dossier, name, index=index, livret_sections=livret_sections, as_of=as_of)
    if fmt == DOCX:
        from parcours.domain.documents.docx import render_docx

        return render_docx(paper)
    from parcours.domain.documents.pdf import render_pdf

    return render_pdf(paper)


def file_stem(name: str, key: str | None) -> str:
    return name if key is None else f"{name}-{key}"
