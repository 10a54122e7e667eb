"""DEC: the OPCO's decision on a submitted dossier (C. trav. D6325-2)."""

import datetime as dt

from parcours.domain import text
from parcours.domain.dossier import Status
from parcours.domain.rules.base import Severity, Stage, rule


def decision_deadline(submitted_on: dt.date, days: int) -> dt.date:
    """The last day the OPCO may decide; the next day the acceptance is tacit."""
    return submitted_on + dt.timedelta(days=days)


@rule(
    "DEC-01",
    Severity.ALERTE,
    Stage.SUBMISSION,
    "C. trav. D6325-2",
    "L'OPCO se prononce dans les 20 jours, sinon la prise en charge est acquise",
)
def dec_01(ctx):
    """A submission stage rule, not a running one: it must speak while the dossier waits,
    before the daily job records the tacit acceptance."""
    d, p = ctx.dossier, ctx.params
    if d.status != Status.SUBMITTED or d.submission is None:
        return
    deadline = decision_deadline(d.submission.submitted_on, p.opco_decision_days)
    if ctx.as_of > deadline:
        yield ctx.finding(
            "submission",
            f"Le dossier a été transmis le {text.date(d.submission.submitted_on)} et l'OPCO "
            f"ne s'est pas prononcé dans les {p.opco_decision_days} jours (au plus tard le "
            f"{text.date(deadline)}) : la prise en charge est réputée acceptée.",
            "L'acceptation tacite est enregistrée automatiquement par la tâche quotidienne ; "
            "l'OPCO communique ensuite le numéro d'accord.",
        )
