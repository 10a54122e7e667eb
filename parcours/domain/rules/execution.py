"""ATT and ADJ: signed attendance, and changes after the first review."""

from parcours.domain import text
from parcours.domain.attendance import is_absent
from parcours.domain.dossier import Signer
from parcours.domain.figures import INTERNAL
from parcours.domain.rules.base import Severity, Stage, rule


@rule(
    "ATT-01",
    Severity.ALERTE,
    Stage.RUNNING,
    "convention art. 4, art. 9",
    "Les séances passées sont émargées",
)
def att_01(ctx):
    records = ctx.dossier.attendance
    for i, s in enumerate(ctx.dossier.sessions):
        if s.date >= ctx.as_of:
            continue
        module = ctx.dossier.module(s.module)
        # A recorded absence (with its reason) is an answer, not a missing signature.
        if not s.learner_signed and not is_absent(records, s.id, Signer.LEARNER):
            yield ctx.finding(
                f"sessions[{i}].learner_signed",
                f"La séance {s.id} du {text.date(s.date)} n'a pas été émargée par le salarié.",
                "Faites signer la feuille d'émargement par le salarié.",
            )
        if (
            module is not None
            and module.modality in INTERNAL
            and not s.trainer_signed
            and not is_absent(records, s.id, Signer.TRAINER)
        ):
            yield ctx.finding(
                f"sessions[{i}].trainer_signed",
                f"La séance {s.id} du {text.date(s.date)} (formation interne ou AFEST) n'a "
                "pas été émargée par le formateur.",
                "Faites signer la feuille d'émargement par le formateur.",
            )


@rule(
    "ADJ-01",
    Severity.ALERTE,
    Stage.RUNNING,
    "convention art. 6, art. 10",
    "Un changement du parcours après le premier bilan demande un avenant",
)
def adj_01(ctx):
    held = [r.held_date for r in ctx.dossier.reviews if r.held_date is not None]
    if not held:
        return
    first_review = min(held)
    for i, change in enumerate(ctx.dossier.changes):
        if change.date > first_review and not change.amendment:
            yield ctx.finding(
                f"changes[{i}].amendment",
                f"Le parcours a été modifié le {text.date(change.date)} (« {change.summary} »), "
                f"après le premier bilan du {text.date(first_review)}, sans avenant.",
                "Établissez un avenant à la convention, signé par les parties.",
            )
