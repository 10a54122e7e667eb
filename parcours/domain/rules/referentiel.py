"""REF: the référentiel métier (at most 12 competences, well written, rated)."""

import re
from collections import Counter
from functools import lru_cache

from parcours.domain.rules.base import Severity, Stage, rule
from parcours.domain.text import fold

# A French infinitive after "être capable de", possibly behind a reflexive or object pronoun.
_PRONOUNS = r"(?:(?:se|s'|me|m'|te|t'|le|la|les|l'|lui|leur|en|y|nous|vous)\s*)?"
_INFINITIVE = r"[a-z'-]*(?:er|ir|re|oir)\b"
STATEMENT = re.compile(
    rf"^etre capable (?:de {_PRONOUNS}{_INFINITIVE}"
    # "d'" before a vowel: the verb itself, or "y" / "en" then any verb (« d'y répondre »).
    rf"|d'\s?(?:(?:y|en)\s+{_INFINITIVE}|{_PRONOUNS}[aeiouyh]{_INFINITIVE}))"
)


# Folding a text (accents, case) is the costliest step of a check; the same statements
# are checked again and again while a dossier is edited, so the verdicts are kept.
@lru_cache(maxsize=8192)
def is_well_formed(statement: str) -> bool:
    return STATEMENT.match(fold(statement)) is not None


@rule(
    "REF-01",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "guide action 1 ③",
    "Le référentiel compte de 1 à 12 compétences, chacune avec un identifiant unique",
)
def ref_01(ctx):
    competences, maximum = ctx.dossier.competences, ctx.params.max_competences
    if not competences:
        yield ctx.finding(
            "competences",
            "Le référentiel métier ne contient aucune compétence.",
            "Décrivez les compétences visées par le contrat (12 au plus).",
        )
    elif len(competences) > maximum:
        yield ctx.finding(
            f"competences[{maximum}]",
            f"Le référentiel métier compte {len(competences)} compétences ; "
            f"il en faut {maximum} au plus.",
            "Regroupez ou retirez des compétences, en gardant les indispensables, "
            f"pour n'en garder que {maximum}.",
        )
    counts = Counter(c.id for c in competences)
    for i, c in enumerate(competences):
        if counts[c.id] > 1 and [x.id for x in competences].index(c.id) != i:
            yield ctx.finding(
                f"competences[{i}].id",
                f"L'identifiant {c.id} est utilisé par plusieurs compétences.",
                "Donnez à chaque compétence un identifiant qui lui est propre.",
            )


@rule(
    "REF-02",
    Severity.ALERTE,
    Stage.DESIGN,
    "guide action 1 ②",
    "Chaque compétence commence par « Être capable de » suivi d'un verbe d'action",
)
def ref_02(ctx):
    for i, c in enumerate(ctx.dossier.competences):
        if not is_well_formed(c.statement):
            yield ctx.finding(
                f"competences[{i}].statement",
                f"La compétence {c.id} (« {c.statement} ») n'est pas rédigée sous la forme "
                "« Être capable de + verbe d'action + contexte ».",
                "Reformulez-la, par exemple : « Être capable d'établir les bulletins de paie "
                "d'un portefeuille de clients ».",
            )


@rule(
    "REF-03",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "guide action 1 ④",
    "Chaque compétence a une importance et un niveau attendu de 1 à 4",
)
def ref_03(ctx):
    for i, c in enumerate(ctx.dossier.competences):
        if c.importance is None:
            yield ctx.finding(
                f"competences[{i}].importance",
                f"L'importance de la compétence {c.id} n'est pas indiquée.",
                "Choisissez : indispensable, nécessaire ou accessoire.",
            )
        if c.level is None:
            yield ctx.finding(
                f"competences[{i}].level",
                f"Le niveau de maîtrise attendu pour la compétence {c.id} n'est pas indiqué.",
                "Choisissez un niveau : 1 notion, 2 application, 3 maîtrise, 4 expertise.",
            )
