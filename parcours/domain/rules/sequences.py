"""SEQ and AFE: pedagogical sequences of internal training and AFEST."""

import datetime as dt

from parcours.domain import text
from parcours.domain.dossier import ActivityKind, Modality
from parcours.domain.figures import INTERNAL
from parcours.domain.rules.base import Severity, Stage, rule


def internal_modules(dossier):
    """(index, module) of the internal and AFEST modules the learner follows."""
    return [
        (i, m) for i, m in enumerate(dossier.modules) if m.modality in INTERNAL and not m.dispensed
    ]


@rule(
    "SEQ-01",
    Severity.BLOQUANT,
    Stage.SUBMISSION,
    "convention art. 8 ; guide action 9 ①",
    "Le premier module interne ou AFEST a sa séquence pédagogique",
)
def seq_01(ctx):
    modules = internal_modules(ctx.dossier)
    if not modules:
        return
    i, first = min(modules, key=lambda im: (im[1].start or dt.date.max, im[0]))
    if not ctx.dossier.sequences_of(first.id):
        yield ctx.finding(
            "sequences",
            f"Le premier module interne ou AFEST du parcours ({first.id} « {first.title} ») "
            "n'a pas de séquence pédagogique ; elle doit accompagner la demande.",
            f"Décrivez la séquence pédagogique du module {first.id}.",
        )


@rule(
    "SEQ-02",
    Severity.ALERTE,
    Stage.RUNNING,
    "guide action 3",
    "Chaque module interne ou AFEST a sa séquence avant de commencer",
)
def seq_02(ctx):
    for i, m in internal_modules(ctx.dossier):
        if m.start and m.start <= ctx.as_of and not ctx.dossier.sequences_of(m.id):
            yield ctx.finding(
                f"modules[{i}]",
                f"Le module {m.id} a commencé le {text.date(m.start)} sans séquence "
                "pédagogique décrite.",
                f"Décrivez sans attendre la séquence pédagogique du module {m.id}.",
            )


SEQUENCE_PARTS = (
    ("general_objective", "son objectif général"),
    ("operational_objectives", "ses objectifs opérationnels"),
    ("stakes", "ses enjeux pour l'entreprise"),
    ("activities", "le déroulé de ses situations de formation"),
    ("resources", "ses ressources"),
    ("trainers", "ses formateurs"),
    ("evaluation_methods", "ses méthodes d'évaluation"),
    ("calendar", "son calendrier prévisionnel"),
)


@rule(
    "SEQ-03",
    Severity.ALERTE,
    Stage.DESIGN,
    "guide action 3 ③",
    "Une séquence pédagogique est complète",
)
def seq_03(ctx):
    for i, seq in enumerate(ctx.dossier.sequences):
        for field, label in SEQUENCE_PARTS:
            value = getattr(seq, field)
            if not (value.strip() if isinstance(value, str) else value):
                yield ctx.finding(
                    f"sequences[{i}].{field}",
                    f"La séquence du module {seq.module} n'indique pas {label}.",
                    f"Complétez {label} dans la séquence pédagogique.",
                )


@rule(
    "AFE-01",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "convention art. 4 ; guide action 4",
    "Une séquence AFEST comprend une mise en situation et une séquence réflexive",
)
def afe_01(ctx):
    for i, seq in enumerate(ctx.dossier.sequences):
        module = ctx.dossier.module(seq.module)
        if module is None or module.modality != Modality.AFEST:
            continue
        kinds = {a.kind for a in seq.activities}
        missing = [
            label
            for kind, label in (
                (ActivityKind.MISE_EN_SITUATION, "une mise en situation de travail"),
                (ActivityKind.SEQUENCE_REFLEXIVE, "une séquence réflexive"),
            )
            if kind not in kinds
        ]
        if missing:
            yield ctx.finding(
                f"sequences[{i}].activities",
                f"La séquence AFEST du module {seq.module} ne comprend pas "
                f"{' ni '.join(missing)} : une AFEST alterne les deux phases.",
                "Ajoutez à la séquence " + " et ".join(missing) + ".",
            )
