"""VOL: the share of the contract spent in training and the 150 hours of teaching."""

from parcours.domain import text
from parcours.domain.rules.base import Severity, Stage, rule

# Hours are decimals: 15 % of 1,820 h must compare equal to 273 h.
EPSILON = 1e-9


def _share_text(ctx) -> str:
    f = ctx.figures
    return (
        f"Le parcours compte {text.hours(f.parcours_hours)}, soit "
        f"{text.percent(f.parcours_share)} des {text.hours(f.contract_hours)} du contrat"
    )


@rule(
    "VOL-01",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "convention art. 2 ; C. trav. L6325-13",
    "Le parcours représente au moins 15 % des heures du contrat",
)
def vol_01(ctx):
    f, minimum = ctx.figures, ctx.params.min_parcours_share
    needed = minimum * f.contract_hours
    if f.parcours_hours + EPSILON < needed:
        yield ctx.finding(
            "modules",
            f"{_share_text(ctx)} ; le minimum est de {text.percent(minimum)}.",
            f"Ajoutez au moins {text.hours(needed - f.parcours_hours)} de formation, "
            "d'accompagnement ou d'évaluation au parcours.",
        )


@rule(
    "VOL-02",
    Severity.ALERTE,
    Stage.DESIGN,
    "convention art. 2 ; C. trav. L6325-14",
    "Au-delà de 25 % des heures du contrat, un accord de branche est nécessaire",
)
def vol_02(ctx):
    f, maximum = ctx.figures, ctx.params.max_parcours_share
    if f.contract_hours <= 0:
        if f.parcours_hours > 0:
            yield ctx.finding(
                "contract.action_end",
                "La durée du contrat est inconnue : les dates de l'action de formation ne "
                "permettent pas de la calculer, ni donc la part du parcours dans les heures "
                "du contrat.",
                "Indiquez des dates de début et de fin de l'action valides (la fin après le "
                "début).",
            )
        return
    if f.parcours_hours <= maximum * f.contract_hours + EPSILON:
        return
    agreement = ctx.dossier.contract.branch_agreement
    if agreement:
        yield ctx.finding(
            "contract.branch_agreement",
            f"{_share_text(ctx)}, au-delà de {text.percent(maximum)} ; l'accord de branche "
            f"« {agreement} » est invoqué.",
            "Vérifiez que cet accord de branche autorise ce volume de formation.",
        )
    else:
        yield ctx.finding(
            "contract.branch_agreement",
            f"{_share_text(ctx)}, au-delà de {text.percent(maximum)}, sans accord de branche.",
            "Réduisez le parcours à "
            f"{text.hours(maximum * f.contract_hours)} au plus, ou indiquez l'accord de "
            "branche qui permet de dépasser 25 %.",
            severity=Severity.BLOQUANT,
        )


@rule(
    "VOL-03",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "convention art. 2",
    "Au moins 150 heures d'enseignements (AFEST non comprise)",
)
def vol_03(ctx):
    teaching, minimum = ctx.figures.teaching_hours, ctx.params.min_teaching_hours
    if teaching + EPSILON < minimum:
        yield ctx.finding(
            "modules",
            f"Les enseignements (formations externes, internes et à distance) comptent "
            f"{text.hours(teaching)} ; il en faut au moins {text.hours(minimum)}, "
            "sans compter l'AFEST ni les évaluations.",
            f"Ajoutez au moins {text.hours(minimum - teaching)} de formation externe, "
            "interne ou à distance.",
        )
