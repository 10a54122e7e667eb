"""ELIG: who may be hired on an experimental contract."""

import datetime as dt

from parcours.domain.rules.base import Severity, Stage, rule


def age_at(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _age(ctx) -> int | None:
    learner = ctx.dossier.learner
    return None if learner is None else age_at(learner.birth_date, ctx.dossier.contract.start_date)


@rule(
    "ELIG-01",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "guide §1 « Pour qui ? » ; C. trav. L6325-1",
    "La personne recrutée appartient à un public éligible",
)
def elig_01(ctx):
    learner, p, age = ctx.dossier.learner, ctx.params, _age(ctx)
    if learner is None:  # not recruited yet: ELIG-02 says so
        return
    if p.min_age <= age <= p.max_young_age:
        return
    if learner.job_seeker and age >= p.job_seeker_min_age:
        return
    if learner.benefits:
        return
    yield ctx.finding(
        "learner",
        f"{learner.first_name} {learner.last_name} aura {age} ans au début du contrat, "
        "sans être demandeur d'emploi de 26 ans ou plus, ni bénéficiaire du RSA, de l'ASS "
        "ou de l'AAH, ni sortant d'un CUI : cette personne n'entre dans aucun public "
        "du contrat de professionnalisation expérimental.",
        "Vérifiez la date de naissance et la situation de la personne (inscription à "
        "France Travail, minima sociaux, sortie de CUI) et complétez-la ; sinon, ce contrat "
        "n'est pas possible.",
    )


@rule(
    "ELIG-02",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "C. trav. L6325-1",
    "La personne recrutée a au moins 16 ans au début du contrat",
)
def elig_02(ctx):
    age = _age(ctx)
    if age is None:
        yield ctx.finding(
            "learner",
            "La personne recrutée n'est pas encore indiquée : son âge et son éligibilité ne "
            "peuvent pas être vérifiés.",
            "Une fois la personne recrutée, indiquez son prénom, son nom et sa date de "
            "naissance à l'étape « Salarié apprenant ».",
        )
        return
    if age < ctx.params.min_age:
        yield ctx.finding(
            "learner.birth_date",
            f"La personne recrutée n'aura que {age} ans au début du contrat ; "
            f"il faut avoir au moins {ctx.params.min_age} ans.",
            "Vérifiez la date de naissance ou reportez le début du contrat.",
        )
