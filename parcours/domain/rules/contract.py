"""CTR and DUR: the contract's type, dates and duration."""

from parcours.domain import text
from parcours.domain.dossier import Benefit, ContractType, QualificationLevel
from parcours.domain.rules.base import Severity, Stage, rule
from parcours.domain.rules.eligibility import age_at


@rule(
    "CTR-01",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "guide §1 « Quelle durée ? » ; convention art. 1",
    "Le contrat est un CDD couvrant l'action, ou un CDI",
)
def ctr_01(ctx):
    c = ctx.dossier.contract
    if c.type == ContractType.CDD:
        if c.end_date is None:
            yield ctx.finding(
                "contract.end_date",
                "Le contrat est un CDD mais sa date de fin n'est pas renseignée.",
                "Indiquez la date de fin du CDD.",
            )
        elif c.end_date < c.action_end:
            yield ctx.finding(
                "contract.end_date",
                f"Le CDD se termine le {text.date(c.end_date)}, avant la fin de l'action "
                f"de professionnalisation ({text.date(c.action_end)}).",
                "Prolongez le CDD au moins jusqu'à la fin de l'action, ou avancez la fin "
                "de l'action.",
            )
    elif c.action_start < c.start_date:
        yield ctx.finding(
            "contract.action_start",
            f"L'action de professionnalisation commence le {text.date(c.action_start)}, "
            f"avant la signature du CDI ({text.date(c.start_date)}).",
            "Faites commencer l'action le jour de la signature du CDI ou après.",
        )


def _outside(ctx, path, what, day):
    c = ctx.dossier.contract
    return ctx.finding(
        path,
        f"{what} ({text.date(day)}) tombe hors de la période de l'action "
        f"({text.period(c.action_start, c.action_end)}).",
        "Corrigez la date pour qu'elle soit comprise dans la période de l'action.",
    )


@rule(
    "CTR-02",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "convention art. 1",
    "Les dates de l'action, des modules et des séances sont cohérentes",
)
def ctr_02(ctx):
    c = ctx.dossier.contract
    if c.action_start > c.action_end:
        yield ctx.finding(
            "contract.action_end",
            f"L'action se termine ({text.date(c.action_end)}) avant d'avoir commencé "
            f"({text.date(c.action_start)}).",
            "Corrigez la date de début ou de fin de l'action.",
        )
        return
    inside = lambda day: c.action_start <= day <= c.action_end  # noqa: E731
    for i, m in enumerate(ctx.dossier.modules):
        for field, label in (("start", "Le début"), ("end", "La fin")):
            day = getattr(m, field)
            if day is not None and not inside(day):
                yield _outside(ctx, f"modules[{i}].{field}", f"{label} du module {m.id}", day)
        if m.start and m.end and m.start > m.end:
            yield ctx.finding(
                f"modules[{i}].end",
                f"Le module {m.id} se termine ({text.date(m.end)}) avant d'avoir commencé "
                f"({text.date(m.start)}).",
                "Corrigez les dates du module.",
            )
    for i, s in enumerate(ctx.dossier.sessions):
        if not inside(s.date):
            yield _outside(ctx, f"sessions[{i}].date", f"La séance {s.id}", s.date)


def _period_is_coherent(ctx) -> bool:
    return ctx.dossier.contract.action_start <= ctx.dossier.contract.action_end


@rule(
    "DUR-01",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "C. trav. L6325-11 ; guide « LE CHIFFRE 6 »",
    "L'action dure au moins 6 mois",
)
def dur_01(ctx):
    months, minimum = ctx.figures.duration_months, ctx.params.min_duration_months
    if _period_is_coherent(ctx) and months < minimum:
        yield ctx.finding(
            "contract.action_end",
            f"L'action dure {text.number(months)} mois ; la durée minimale est de "
            f"{text.number(minimum)} mois.",
            f"Reportez la fin de l'action pour atteindre au moins {text.number(minimum)} mois.",
        )


@rule(
    "DUR-02",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "C. trav. L6325-11, L6325-12",
    "Une action de plus de 12 mois est justifiée, et ne dépasse pas 24 mois",
)
def dur_02(ctx):
    months, p = ctx.figures.duration_months, ctx.params
    if months > p.max_extended_duration_months and priority_public(ctx):
        return  # DUR-03: up to 36 months for the publics of L6325-1-1
    if months > p.max_extended_duration_months:
        yield ctx.finding(
            "contract.action_end",
            f"L'action dure {text.number(months)} mois ; elle ne peut pas dépasser "
            f"{text.number(p.max_extended_duration_months)} mois.",
            f"Ramenez l'action à {text.number(p.max_extended_duration_months)} mois au plus.",
        )
    elif months > p.max_duration_months:
        reason = ctx.dossier.contract.extension_reason
        yield ctx.finding(
            "contract.extension_reason",
            f"L'action dure {text.number(months)} mois, au-delà de "
            f"{text.number(p.max_duration_months)} mois"
            + (f" ; motif indiqué : « {reason} »." if reason else ", sans motif indiqué."),
            "Vérifiez que le motif relève des cas prévus par le Code du travail "
            "(publics prioritaires, accord de branche)."
            if reason
            else "Indiquez le motif de l'allongement, ou ramenez l'action à "
            f"{text.number(p.max_duration_months)} mois.",
            severity=Severity.ALERTE if reason else Severity.BLOQUANT,
        )


PRIORITY_BENEFITS = frozenset(Benefit)  # RSA, ASS, AAH, leaving a CUI


def priority_public(ctx) -> str | None:
    """Why the learner is of the publics of L6325-1-1, in words, or None."""
    learner, c = ctx.dossier.learner, ctx.dossier.contract
    if learner is None:
        return None
    if set(learner.benefits) & PRIORITY_BENEFITS:
        return "bénéficiaire d'un minimum social ou sortant d'un contrat unique d'insertion"
    age = age_at(learner.birth_date, c.start_date)
    if age <= ctx.params.max_young_age and learner.qualification_level == QualificationLevel.NONE:
        return f"{age} ans, sans qualification"
    return None


@rule(
    "DUR-03",
    Severity.ALERTE,
    Stage.DESIGN,
    "C. trav. L6325-1-1, L6325-12",
    "Au-delà de 24 mois, l'action ne dépasse pas 36 mois et vise les publics prioritaires",
)
def dur_03(ctx):
    months, p = ctx.figures.duration_months, ctx.params
    public = priority_public(ctx)
    if public is None or months <= p.max_extended_duration_months:
        return  # beyond 24 months for anyone else: DUR-02
    reason = ctx.dossier.contract.extension_reason
    if months > p.max_priority_duration_months:
        yield ctx.finding(
            "contract.action_end",
            f"L'action dure {text.number(months)} mois ; même pour un public prioritaire "
            f"({public}), elle ne peut pas dépasser "
            f"{text.number(p.max_priority_duration_months)} mois.",
            f"Ramenez l'action à {text.number(p.max_priority_duration_months)} mois au plus.",
            severity=Severity.BLOQUANT,
        )
    elif not reason:
        yield ctx.finding(
            "contract.extension_reason",
            f"L'action dure {text.number(months)} mois, au-delà de "
            f"{text.number(p.max_extended_duration_months)} mois, sans motif indiqué.",
            "Indiquez le motif de l'allongement (public prioritaire : "
            f"{public}), ou ramenez l'action à "
            f"{text.number(p.max_extended_duration_months)} mois.",
            severity=Severity.BLOQUANT,
        )
    else:
        yield ctx.finding(
            "contract.extension_reason",
            f"L'action dure {text.number(months)} mois, possible jusqu'à "
            f"{text.number(p.max_priority_duration_months)} mois pour ce public prioritaire "
            f"({public}) ; motif indiqué : « {reason} ».",
            "Vérifiez que le salarié relève bien des publics de l'article L6325-1-1 et "
            "joignez le justificatif (attestation de minimum social, absence de diplôme).",
        )


@rule(
    "CTR-03",
    Severity.ALERTE,
    Stage.RUNNING,
    "C. trav. D6325-1",
    "Le contrat est transmis à l'OPCO dans les 5 jours qui suivent son début",
)
def ctr_03(ctx):
    submission, c, p = ctx.dossier.submission, ctx.dossier.contract, ctx.params
    if submission is None:
        return
    sent = submission.first_submitted_on or submission.submitted_on
    late = (sent - c.start_date).days - p.contract_submission_days
    if late > 0:
        yield ctx.finding(
            "contract.start_date",
            f"Le contrat a commencé le {text.date(c.start_date)} et n'a été transmis à "
            f"l'OPCO que le {text.date(sent)}, "
            f"{late} jour{'s' if late > 1 else ''} après le délai de "
            f"{p.contract_submission_days} jours.",
            "Transmettez désormais le dossier à l'OPCO au plus tard 5 jours après le début "
            "du contrat ; conservez la preuve de la date d'envoi.",
        )
