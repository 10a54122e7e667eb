"""ALT: training is spread over the whole action, month after month."""

from parcours.domain import text
from parcours.domain.rules.base import Severity, Stage, rule


def _quarter_holding_everything(ctx) -> str | None:
    c = ctx.dossier.contract
    span = ctx.figures.training_span
    if span is None or c.action_start > c.action_end:
        return None
    length = (c.action_end - c.action_start).days + 1
    first, last = ((day - c.action_start).days for day in span)
    if first >= 0 and last < length / 4:
        return "premier"
    if length - length / 4 <= first and last < length:
        return "dernier"
    return None


@rule(
    "ALT-01",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "convention art. 2 ; guide §1 « Comment ? »",
    "La formation n'est pas concentrée au début ni à la fin du contrat",
)
def alt_01(ctx):
    quarter = _quarter_holding_everything(ctx)
    if quarter:
        yield ctx.finding(
            "modules",
            f"Toutes les heures de formation tombent dans le {quarter} quart de l'action : "
            "l'alternance doit couvrir toute la durée du contrat.",
            "Répartissez les modules (dates de début et de fin, séances) sur l'ensemble "
            "de la période de l'action.",
        )


def empty_month_runs(ctx) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Runs of consecutive calendar months, wholly inside the action, without training."""
    return ctx.figures.empty_month_runs


def _months(run) -> str:
    return ", ".join(text.month(*ym) for ym in run)


@rule(
    "ALT-02",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "convention art. 2 ; guide §1",
    "Pas deux mois consécutifs ou plus sans formation",
)
def alt_02(ctx):
    for run in empty_month_runs(ctx):
        if len(run) >= 2:
            yield ctx.finding(
                "modules",
                f"Aucune heure de formation pendant {len(run)} mois consécutifs : {_months(run)}.",
                "Prévoyez de la formation (module ou séance) dans chacun de ces mois.",
            )


@rule(
    "ALT-03",
    Severity.ALERTE,
    Stage.DESIGN,
    "convention art. 2",
    "Un mois isolé sans formation",
)
def alt_03(ctx):
    for run in empty_month_runs(ctx):
        if len(run) == 1:
            yield ctx.finding(
                "modules",
                f"Aucune heure de formation en {_months(run)}, alors que les mois voisins "
                "en comptent : l'alternance doit rester permanente sur le mois.",
                "Prévoyez au moins une séance ce mois-là, ou justifiez cette interruption "
                "(congés, période de production).",
            )
