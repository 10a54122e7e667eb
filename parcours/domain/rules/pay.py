"""PAY: the learner's minimum pay (C. trav. D6325-15 to D6325-18)."""

from parcours.domain import text
from parcours.domain.dossier import QualificationLevel
from parcours.domain.rules.base import Severity, Stage, rule
from parcours.domain.rules.eligibility import age_at

# D6325-16: the raise applies from a bac professionnel, or a vocational title of that level.
QUALIFIED = frozenset({QualificationLevel.BAC_PRO, QualificationLevel.HIGHER})


def minimum_pay(ctx) -> tuple[float, str] | None:
    """The monthly gross minimum for this contract and why, or None when it cannot be said
    (no pay, no learner, no SMIC known at the start)."""
    d, p = ctx.dossier, ctx.params
    c, learner = d.contract, d.learner
    smic = p.smic_at(c.start_date)
    if c.gross_monthly_pay is None or learner is None or smic is None:
        return None
    age = age_at(learner.birth_date, c.start_date)
    qualified = learner.qualification_level in QUALIFIED
    # Part time: the minimum follows the hours worked; hours above 35 are overtime, paid
    # on top under their own rules (outside this rule).
    time_share = min(c.weekly_hours, p.legal_weekly_hours) / p.legal_weekly_hours
    smic_pay = smic.monthly * time_share
    basis = f"SMIC en vigueur le {text.date(smic.since)} : {text.euros(smic.monthly)} par mois"
    if time_share < 1:
        basis += f", ramené à {text.number(c.weekly_hours)} h par semaine"
    if age >= 26:
        minimum = smic_pay * p.pay_share_from_26
        why = f"au moins le SMIC à {age} ans ({basis})"
        if c.branch_minimum_pay is not None:
            branch = c.branch_minimum_pay * p.pay_branch_share_from_26
            if branch > minimum:
                minimum = branch
                why = (
                    f"au moins {text.percent(p.pay_branch_share_from_26)} du minimum de la "
                    f"branche ({text.euros(c.branch_minimum_pay)}) à {age} ans"
                )
        return minimum, why
    if age < 21:
        share = p.pay_share_under_21_qualified if qualified else p.pay_share_under_21
    else:
        share = p.pay_share_21_to_25_qualified if qualified else p.pay_share_21_to_25
    diploma = (
        "titulaire d'un bac professionnel ou d'un titre de même niveau"
        if qualified
        else "sans bac professionnel ni titre de même niveau"
    )
    return smic_pay * share, f"{text.percent(share)} du SMIC à {age} ans, {diploma} ({basis})"


@rule(
    "PAY-01",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "C. trav. D6325-15 à D6325-18",
    "Le salaire atteint le minimum légal selon l'âge et le diplôme",
)
def pay_01(ctx):
    found = minimum_pay(ctx)
    if found is None:
        return
    minimum, why = found
    pay = ctx.dossier.contract.gross_monthly_pay
    # Cents: the minimum is rounded to the cent the way a payslip is.
    if round(pay, 2) < round(minimum, 2):
        yield ctx.finding(
            "contract.gross_monthly_pay",
            f"Le salaire brut mensuel prévu ({text.euros(pay)}) est inférieur au minimum "
            f"légal de {text.euros(round(minimum, 2))} : {why}.",
            f"Portez le salaire brut mensuel à {text.euros(round(minimum, 2))} au moins.",
        )
