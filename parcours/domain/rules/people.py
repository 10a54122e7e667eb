"""TUT and TRN: the tutor and the internal trainers meet the convention's criteria."""

from parcours.domain import text
from parcours.domain.dossier import Modality
from parcours.domain.figures import INTERNAL
from parcours.domain.rules.base import Severity, Stage, rule


def _tutor(ctx):
    tutor = ctx.dossier.tutor
    return tutor if tutor is not None and tutor.name.strip() else None


@rule(
    "TUT-01",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "convention art. 4 ; guide action 5",
    "Un tuteur est désigné",
)
def tut_01(ctx):
    if _tutor(ctx) is None:
        yield ctx.finding(
            "tutor",
            "Aucun tuteur n'est désigné.",
            "Désignez un tuteur volontaire, avec au moins 2 ans d'expérience dans le métier.",
        )


@rule("TUT-02", Severity.BLOQUANT, Stage.DESIGN, "convention art. 4", "Le tuteur est volontaire")
def tut_02(ctx):
    tutor = _tutor(ctx)
    if tutor and not tutor.volunteer:
        yield ctx.finding(
            "tutor.volunteer",
            f"{tutor.name} n'est pas indiqué(e) comme volontaire pour être tuteur.",
            "Recueillez l'accord du tuteur, ou désignez une personne volontaire.",
        )


@rule(
    "TUT-03",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "convention art. 4",
    "Le tuteur a au moins 2 ans d'expérience dans une qualification en rapport",
)
def tut_03(ctx):
    tutor, minimum = _tutor(ctx), ctx.params.min_experience_years
    if tutor and tutor.experience_years < minimum:
        yield ctx.finding(
            "tutor.experience_years",
            f"{tutor.name} a {text.number(tutor.experience_years)} an(s) d'expérience ; "
            f"un tuteur doit en avoir au moins {text.number(minimum)} dans une qualification "
            "en rapport avec l'objectif.",
            "Désignez un tuteur plus expérimenté dans le métier visé.",
        )


@rule(
    "TUT-04",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "convention art. 4 ; C. trav. D6325-6",
    "Le tuteur suit 3 alternants au plus (2 s'il est l'employeur)",
)
def tut_04(ctx):
    tutor, p = _tutor(ctx), ctx.params
    if not tutor:
        return
    limit = p.employer_tutor_max_learners if tutor.is_employer else p.tutor_max_learners
    if tutor.learners_followed > limit:
        who = "l'employeur, tuteur," if tutor.is_employer else "un tuteur"
        yield ctx.finding(
            "tutor.learners_followed",
            f"{tutor.name} suivrait {tutor.learners_followed} alternants, celui-ci compris ; "
            f"{who} ne peut en suivre que {limit} au plus (apprentissage et "
            "professionnalisation confondus).",
            "Désignez un autre tuteur, ou répartissez les alternants entre plusieurs tuteurs.",
        )


@rule(
    "TUT-05",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "C. trav. D6325-6 ; convention art. 4",
    "Le tuteur n'est pas désigné sur plus de contrats de l'entreprise que la limite",
)
def tut_05(ctx):
    """TUT-04 trusts the declared count; this one counts the company's other contracts in
    progress that name the same tutor (`tutor_load`, derived from the database)."""
    tutor, load, p = _tutor(ctx), ctx.dossier.tutor_load, ctx.params
    if not tutor or load is None:
        return
    limit = p.employer_tutor_max_learners if tutor.is_employer else p.tutor_max_learners
    count = len(load.others) + 1
    if count > limit:
        yield ctx.finding(
            "tutor.name",
            f"{tutor.name} est déjà tuteur de {len(load.others)} autre"
            f"{'s' if len(load.others) > 1 else ''} contrat{'s' if len(load.others) > 1 else ''}"
            f" en cours dans l'entreprise ({' ; '.join(load.others)}) : avec celui-ci, "
            f"{count} alternants pour une limite de {limit}.",
            "Désignez un autre tuteur pour ce contrat, ou attendez la fin d'un des contrats "
            "qu'il suit.",
        )


def internal_trainers(dossier):
    """(index, trainer, teaches AFEST) for each trainer of an internal or AFEST module."""
    modules = [m for m in dossier.modules if m.modality in INTERNAL and not m.dispensed]
    result = []
    for i, t in enumerate(dossier.trainers):
        own = [m for m in modules if m.trainer == t.id]
        if own:
            result.append((i, t, any(m.modality == Modality.AFEST for m in own)))
    return result


@rule(
    "TRN-01",
    Severity.BLOQUANT,
    Stage.DESIGN,
    "convention art. 4",
    "Chaque formateur interne est volontaire, avec 2 ans d'expérience sur les sujets",
)
def trn_01(ctx):
    minimum = ctx.params.min_experience_years
    for i, t, _ in internal_trainers(ctx.dossier):
        if not t.volunteer:
            yield ctx.finding(
                f"trainers[{i}].volunteer",
                f"Le formateur interne {t.name} n'est pas indiqué comme volontaire.",
                "Recueillez son accord, ou confiez ses modules à un formateur volontaire.",
            )
        if t.experience_years < minimum:
            yield ctx.finding(
                f"trainers[{i}].experience_years",
                f"Le formateur interne {t.name} a {text.number(t.experience_years)} an(s) "
                f"d'expérience sur les sujets traités ; il en faut au moins "
                f"{text.number(minimum)}.",
                "Confiez ces modules à un formateur plus expérimenté.",
            )


@rule(
    "TRN-02",
    Severity.ALERTE,
    Stage.DESIGN,
    "convention art. 4 ; guide action 5 ②",
    "Le formateur interne est formé à la formation (et sensibilisé à l'AFEST)",
)
def trn_02(ctx):
    for i, t, teaches_afest in internal_trainers(ctx.dossier):
        if not t.trainer_training:
            yield ctx.finding(
                f"trainers[{i}].trainer_training",
                f"Le formateur interne {t.name} n'a ni suivi de formation de formateur, ni "
                "d'expérience de formateur occasionnel.",
                "Prévoyez pour lui une formation, par exemple « formateur occasionnel » "
                "(21 h), ou justifiez son expérience.",
            )
        if teaches_afest and not t.afest_aware:
            yield ctx.finding(
                f"trainers[{i}].afest_aware",
                f"Le formateur {t.name} anime de l'AFEST sans avoir été sensibilisé à ses "
                "principes.",
                "Prévoyez une sensibilisation à l'AFEST, par exemple « référent AFEST » (35 h).",
            )
