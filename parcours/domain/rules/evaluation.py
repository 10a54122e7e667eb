"""EVA: every module plans how its competences are evaluated."""

from parcours.domain.rules.base import Severity, Stage, rule


@rule(
    "EVA-01",
    Severity.ALERTE,
    Stage.DESIGN,
    "convention art. 3 ; guide action 7 ③",
    "Chaque module prévoit l'évaluation de ses compétences",
)
def eva_01(ctx):
    for i, m in enumerate(ctx.dossier.modules):
        if not [method for method in m.evaluation_methods if method.strip()]:
            yield ctx.finding(
                f"modules[{i}].evaluation_methods",
                f"Le module {m.id} ne prévoit aucune modalité d'évaluation.",
                "Indiquez comment les compétences du module seront évaluées (QCM, mise en "
                "situation, étude de cas…).",
            )
