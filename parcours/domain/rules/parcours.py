"""PAR, POS, INT: the training path covers the référentiel, module by module."""

import re
from functools import lru_cache

from parcours.domain import text
from parcours.domain.dossier import Adaptation, Modality
from parcours.domain.rules.base import Severity, Stage, rule
from parcours.domain.text import fold

NEEDS_PROVIDER = frozenset({Modality.EXTERNE, Modality.DISTANCE})
NEEDS_TRAINER = frozenset({Modality.INTERNE, Modality.AFEST})
# PAR-04: « À l'issue du module », any words for the learner (« le salarié », « la
# salariée », a first name…), then « sera capable de » (or « d' ») and what they will do.
OBJECTIVE_START = "a l'issue du module"
_CAPABLE = re.compile(r" sera capable d(?:e |')(?=\S)")


def assessed_levels(dossier) -> dict[str, int]:
    if dossier.positioning is None:
        return {}
    return {
        e.competence: e.assessed_level
        for e in dossier.positioning.entries
        if e.assessed_level is not None
    }


def already_mastered(dossier, competence) -> bool:
    level = assessed_levels(dossier).get(competence.id)
    return level is not None and competence.level is not None and level >= competence.level


@rule(
    "PAR-01",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "guide action 2 ①",
    "Chaque compétence est couverte par un module de formation",
)
def par_01(ctx):
    covered = {
        cid
        for m in ctx.dossier.modules
        if m.modality not in (None, Modality.EVALUATION) and not m.dispensed
        for cid in m.competences
    }
    for i, c in enumerate(ctx.dossier.competences):
        if c.id not in covered and not already_mastered(ctx.dossier, c):
            yield ctx.finding(
                f"competences[{i}]",
                f"La compétence {c.id} n'est couverte par aucun module de formation "
                "(une évaluation seule ne forme pas).",
                "Rattachez-la à un module de formation, ou montrez par le positionnement "
                "initial qu'elle est déjà acquise au niveau attendu.",
            )


@rule(
    "PAR-02",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "guide action 2 ①",
    "Chaque module vise au moins une compétence du référentiel, et seulement celles-ci",
)
def par_02(ctx):
    for i, m in enumerate(ctx.dossier.modules):
        unknown = [cid for cid in m.competences if cid not in ctx.competence_ids]
        if not m.competences:
            yield ctx.finding(
                f"modules[{i}].competences",
                f"Le module {m.id} ne vise aucune compétence.",
                "Indiquez les compétences du référentiel que ce module permet d'acquérir.",
            )
        elif unknown:
            yield ctx.finding(
                f"modules[{i}].competences",
                f"Le module {m.id} vise des compétences absentes du référentiel : "
                f"{', '.join(unknown)}.",
                "Retirez-les du module ou ajoutez-les au référentiel métier.",
            )


def _module_gaps(ctx, i, m):
    """(field, message, fix) for each missing part of module m."""
    if not m.title.strip():
        yield "title", f"Le module {m.id} n'a pas d'intitulé.", "Donnez un intitulé au module."
    if m.modality is None:
        yield (
            "modality",
            f"La modalité du module {m.id} n'est pas indiquée.",
            "Choisissez : externe, interne, à distance, AFEST ou évaluation.",
        )
    if m.hours <= 0:
        yield "hours", f"Le module {m.id} ne compte aucune heure.", "Indiquez sa durée en heures."
    for field, label in (("start", "début"), ("end", "fin")):
        if getattr(m, field) is None:
            yield (
                field,
                f"La date de {label} du module {m.id} manque.",
                f"Indiquez la date de {label}.",
            )
    if m.start and m.end and not ctx.figures.module_working_day_count(m):
        yield (
            "start",
            f"Le module {m.id} ({text.period(m.start, m.end)}) ne contient aucun jour ouvré "
            "(lundi à vendredi hors jours fériés) : ses heures ne peuvent être placées.",
            "Élargissez les dates du module à au moins un jour ouvré.",
        )
    if m.modality in NEEDS_PROVIDER and not (m.provider or "").strip():
        yield (
            "provider",
            f"Le module {m.id} est une formation externe ou à distance sans organisme de "
            "formation.",
            "Indiquez l'organisme de formation.",
        )
    if m.modality in NEEDS_TRAINER and ctx.dossier.trainer(m.trainer) is None:
        yield (
            "trainer",
            f"Le module {m.id} est une formation interne ou AFEST sans formateur interne "
            "du dossier" + (f" (« {m.trainer} » est inconnu)." if m.trainer else "."),
            "Désignez un formateur interne parmi ceux du dossier.",
        )


@rule(
    "PAR-03",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "guide action 2 ③",
    "Chaque module a un intitulé, une modalité, des heures, des dates et un intervenant",
)
def par_03(ctx):
    for i, m in enumerate(ctx.dossier.modules):
        for field, message, fix in _module_gaps(ctx, i, m):
            yield ctx.finding(f"modules[{i}].{field}", message, fix)


@lru_cache(maxsize=8192)  # pure and costly (text folding): see referentiel.is_well_formed
def objective_is_well_formed(objective: str) -> bool:
    folded = " ".join(fold(objective).replace(",", " ").split())
    if not folded.startswith(OBJECTIVE_START + " "):
        return False
    return _CAPABLE.search(folded, len(OBJECTIVE_START)) is not None


@rule(
    "PAR-04",
    Severity.ALERTE,
    Stage.DESIGN,
    "guide action 2 ②",
    "L'objectif de chaque module commence par « À l'issue du module, le salarié sera capable de »"
    " (tous les mots désignant le salarié sont acceptés)",
)
def par_04(ctx):
    for i, m in enumerate(ctx.dossier.modules):
        if not objective_is_well_formed(m.objective):
            yield ctx.finding(
                f"modules[{i}].objective",
                f"L'objectif du module {m.id} ne suit pas la forme « À l'issue du module, "
                "le salarié (ou la salariée, ou son prénom) sera capable de… ».",
                "Reformulez l'objectif, par exemple : « À l'issue du module, le salarié sera "
                "capable de produire et contrôler une DSN ».",
            )


@rule(
    "PAR-05",
    Severity.ALERTE,
    Stage.DESIGN,
    "guide action 2 ④, action 7 ②",
    "Une dispense ou un renforcement est justifié par le positionnement initial",
)
def par_05(ctx):
    levels = assessed_levels(ctx.dossier)
    expected = {c.id: c.level for c in ctx.dossier.competences if c.level is not None}
    gap = ctx.params.renforcement_gap
    for i, m in enumerate(ctx.dossier.modules):
        if m.adaptation == Adaptation.DISPENSE:
            unmet = [
                cid
                for cid in m.competences
                if cid not in levels or cid not in expected or levels[cid] < expected[cid]
            ]
            if unmet:
                yield ctx.finding(
                    f"modules[{i}].adaptation",
                    f"Le module {m.id} est dispensé alors que le positionnement initial "
                    f"ne montre pas le niveau attendu pour : {', '.join(unmet)}.",
                    "Rétablissez le module, ou complétez le positionnement initial qui "
                    "justifie la dispense.",
                )
        elif m.adaptation == Adaptation.RENFORCEMENT:
            far_below = [
                cid
                for cid in m.competences
                if cid in levels and cid in expected and levels[cid] <= expected[cid] - gap
            ]
            if not far_below:
                yield ctx.finding(
                    f"modules[{i}].adaptation",
                    f"Le module {m.id} est renforcé alors qu'aucune de ses compétences n'a "
                    f"été évaluée à {gap} niveaux ou plus sous le niveau attendu.",
                    "Revenez à un module standard, ou expliquez le renforcement par le "
                    "positionnement initial.",
                )


@rule(
    "POS-01",
    Severity.BLOQUANT,
    Stage.SUBMISSION,
    "guide action 7 ②",
    "Le positionnement initial couvre chaque compétence (auto-évaluation et évaluation)",
)
def pos_01(ctx):
    positioning = ctx.dossier.positioning
    if positioning is None:
        yield ctx.finding(
            "positioning",
            "Le positionnement initial de la personne recrutée n'a pas été réalisé.",
            "Faites remplir l'auto-évaluation par le salarié et l'évaluation par le tuteur "
            "pour chaque compétence.",
        )
        return
    entries = {e.competence: (j, e) for j, e in enumerate(positioning.entries)}
    for c in ctx.dossier.competences:
        if c.id not in entries:
            yield ctx.finding(
                "positioning.entries",
                f"La compétence {c.id} n'a pas été positionnée.",
                "Ajoutez l'auto-évaluation et l'évaluation du tuteur pour cette compétence.",
            )
            continue
        j, e = entries[c.id]
        if e.self_level is None:
            yield ctx.finding(
                f"positioning.entries[{j}].self_level",
                f"L'auto-évaluation du salarié manque pour la compétence {c.id}.",
                "Demandez au salarié de s'auto-évaluer (niveau 0 à 4).",
            )
        if e.assessed_level is None:
            yield ctx.finding(
                f"positioning.entries[{j}].assessed_level",
                f"L'évaluation du tuteur manque pour la compétence {c.id}.",
                "Faites évaluer cette compétence par le tuteur (niveau 0 à 4).",
            )


@rule(
    "INT-01",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "convention art. 4",
    "La formation interne suppose un service de formation identifié",
)
def int_01(ctx):
    internal = [m.id for m in ctx.dossier.modules if m.modality == Modality.INTERNE]
    if internal and not ctx.dossier.company.internal_training_service:
        yield ctx.finding(
            "company.internal_training_service",
            f"Le parcours prévoit de la formation interne ({', '.join(internal)}) mais "
            "l'entreprise ne déclare pas de service de formation identifié.",
            "Déclarez le service de formation (locaux, plannings, personnes affectées), "
            "ou confiez ces modules à un organisme externe.",
        )
