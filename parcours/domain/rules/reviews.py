"""BIL: follow-up reviews at month 2 and month 6, and the final review."""

from parcours.domain import text
from parcours.domain.calendar import last_month, month_index, nth_month
from parcours.domain.dossier import ReviewKind, Status
from parcours.domain.rules.base import Severity, Stage, rule


def _planned_in(reviews, window, kinds=tuple(ReviewKind)):
    start, end = window
    return any(
        r.kind in kinds and r.planned_date and start <= r.planned_date <= end for r in reviews
    )


def required_reviews(dossier, params):
    """(window, accepted kinds, label) of each review the guide asks for."""
    c = dossier.contract
    second = nth_month(c.action_start, params.first_review_month)
    sixth = nth_month(c.action_start, params.second_review_month)
    last = last_month(c.action_end)
    n2, n6 = params.first_review_month, params.second_review_month
    required = [(second, (ReviewKind.SUIVI,), f"un bilan de suivi pendant le {n2}e mois")]
    if sixth[1] >= c.action_end:
        required.append((sixth, (ReviewKind.FINAL,), f"le bilan final pendant le {n6}e mois"))
    else:
        required.append((sixth, tuple(ReviewKind), f"un bilan pendant le {n6}e mois"))
        required.append((last, (ReviewKind.FINAL,), "le bilan final pendant le dernier mois"))
    return required


@rule(
    "BIL-01",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "guide action 8 ② ③ ④",
    "Les bilans du 2e mois, du 6e mois et final sont planifiés",
)
def bil_01(ctx):
    c = ctx.dossier.contract
    if c.action_start > c.action_end:
        return
    for window, kinds, label in required_reviews(ctx.dossier, ctx.params):
        if not _planned_in(ctx.dossier.reviews, window, kinds):
            yield ctx.finding(
                "reviews",
                f"Il manque {label} ({text.period(*window)}).",
                f"Planifiez {label}, entre le {text.date(window[0])} et le {text.date(window[1])}.",
            )


def review_window_end(dossier, review):
    c = dossier.contract
    if review.kind == ReviewKind.FINAL or review.planned_date > c.action_end:
        return max(review.planned_date, last_month(c.action_end)[1])
    return nth_month(c.action_start, month_index(c.action_start, review.planned_date))[1]


@rule(
    "BIL-02",
    Severity.ALERTE,
    Stage.RUNNING,
    "guide action 8",
    "Un bilan planifié n'a pas été tenu dans son mois",
)
def bil_02(ctx):
    for i, r in enumerate(ctx.dossier.reviews):
        if r.planned_date is None or r.held_date is not None:
            continue
        if r.planned_date < ctx.dossier.contract.action_start:
            continue
        end = review_window_end(ctx.dossier, r)
        if ctx.as_of > end:
            yield ctx.finding(
                f"reviews[{i}].held_date",
                f"Le bilan {r.id} était prévu le {text.date(r.planned_date)} ; son mois s'est "
                f"achevé le {text.date(end)} sans qu'il soit tenu.",
                "Tenez le bilan au plus vite et enregistrez sa date et ses évaluations.",
            )


@rule(
    "BIL-03",
    Severity.BLOQUANT,
    Stage.CLOSING,
    "guide action 8 ; convention art. 3",
    "Le bilan final est tenu et évalue chaque compétence",
)
def bil_03(ctx):
    if ctx.dossier.status == Status.TERMINATED:
        return  # a contract broken off early needs no final review
    held = [
        (i, r)
        for i, r in enumerate(ctx.dossier.reviews)
        if r.kind == ReviewKind.FINAL and r.held_date is not None
    ]
    if not held:
        yield ctx.finding(
            "reviews",
            "Le bilan final n'a pas été tenu.",
            "Tenez le bilan final avec le tuteur et le salarié, et enregistrez-le.",
        )
        return
    i, final = max(held, key=lambda ir: ir[1].held_date)
    scored = {s.competence for s in final.scores}
    missing = [c.id for c in ctx.dossier.competences if c.id not in scored]
    if missing:
        yield ctx.finding(
            f"reviews[{i}].scores",
            f"Le bilan final n'évalue pas les compétences {', '.join(missing)}.",
            "Complétez le bilan final avec un niveau atteint pour chaque compétence.",
        )
