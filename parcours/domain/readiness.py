"""« Êtes-vous prêt ? » (guide, chapitre 6): the conditions the guide spreads over its
chapters 1 to 3 and its actions, asked as questions a company answers yes / no / « je ne
sais pas », and the verdict with what to prepare for each condition not yet met.

Pure: no Django. The page (parcours.web.views.readiness) asks the questions in this order,
by section; `verdict(answers)` decides; `kept(answers)` says what may be kept, with the
visitor's consent, to prefill a new dossier. The candidate's answers (age, job seeker,
social benefits) are never kept: they are sensitive and only serve the verdict."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Answer(StrEnum):
    YES = "oui"
    NO = "non"
    UNKNOWN = "ne-sait-pas"


ANSWER_LABELS = {Answer.YES: "Oui", Answer.NO: "Non", Answer.UNKNOWN: "Je ne sais pas"}


class Verdict(StrEnum):
    READY = "pret"
    ALMOST = "presque-pret"
    NOT_YET = "pas-encore"


VERDICT_LABELS = {
    Verdict.READY: "Prêt",
    Verdict.ALMOST: "Presque prêt",
    Verdict.NOT_YET: "Pas encore",
}


@dataclass(frozen=True)
class Section:
    id: str
    title: str


@dataclass(frozen=True)
class Question:
    """One yes / no / « je ne sais pas » question. `condition` groups the questions that
    together make one condition of the guide (the candidate's eligibility is met by any one
    of three public groups); `essential` conditions answered « non » mean « pas encore »:
    nothing can start without them, whereas the others are prepared in a few weeks, alone
    or with a tiers facilitateur."""

    id: str
    section: str
    text: str
    help: str = ""
    condition: str = ""
    essential: bool = True
    required: bool = True  # False: a « plus » (AFEST), never lowers the verdict
    kept: bool = True  # False: never kept, even with consent (the candidate's situation)

    @property
    def condition_id(self) -> str:
        return self.condition or self.id


@dataclass(frozen=True)
class Condition:
    id: str
    title: str
    todo: str  # what to prepare, in plain French
    source: str  # the guide's action (or the law) to read


SECTIONS = (
    Section("entreprise", "Votre entreprise et le métier"),
    Section("tuteur", "Le tuteur"),
    Section("formation", "La formation"),
    Section("candidat", "La personne à recruter"),
)

QUESTIONS = (
    Question(
        "opco_member", "entreprise",
        "Votre entreprise adhère-t-elle à l'OPCO Atlas (elle lui verse sa contribution à "
        "la formation professionnelle) ?",
        "C'est l'OPCO de votre branche qui examine le dossier et finance le parcours.",
    ),
    Question(
        "job_identified", "entreprise",
        "Le métier proposé et ses compétences sont-ils identifiés (fiche de poste, offre "
        "d'emploi, description de l'activité) ?",
        essential=False,
    ),
    Question(
        "tutor_volunteer", "tuteur",
        "Une personne de l'entreprise est-elle volontaire pour être le tuteur du salarié ?",
        "La désignation d'un tuteur est obligatoire.",
    ),
    Question(
        "tutor_experience", "tuteur",
        "Cette personne a-t-elle au moins 2 ans d'expérience sur l'activité visée ?",
    ),
    Question(
        "tutor_load", "tuteur",
        "Suivra-t-elle au plus 3 salariés apprenants en comptant celui-ci ?",
        essential=False,
    ),
    Question(
        "tutor_time", "tuteur",
        "Pouvez-vous aménager son temps de travail pour qu'elle ait le temps d'accompagner "
        "le salarié ?",
        essential=False,
    ),
    Question(
        "training_possible", "formation",
        "La formation peut-elle se faire dans l'entreprise (un formateur interne volontaire, "
        "avec 2 ans d'expérience) ou auprès d'un organisme de formation ?",
    ),
    Question(
        "afest_possible", "formation",
        "Une formation en situation de travail (AFEST) est-elle possible : une situation de "
        "travail que l'on peut aménager pour laisser le droit à l'erreur, un formateur "
        "volontaire, des temps de recul prévus ?",
        "L'AFEST n'est pas obligatoire : c'est un atout, pas une condition.",
        required=False,
        essential=False,
    ),
    Question(
        "hours_150", "formation",
        "Pouvez-vous libérer au moins 150 heures de formation pendant le contrat (hors "
        "AFEST), payées comme du temps de travail ?",
    ),
    Question(
        "time_share", "formation",
        "Ces heures de formation représentent-elles entre 15 % et 25 % du temps de travail "
        "prévu au contrat ?",
        "Par exemple, pour un contrat d'un an à 35 heures par semaine (environ 1 600 heures "
        "de travail) : de 240 à 400 heures de formation. Au-delà de 25 %, un accord de "
        "branche est nécessaire.",
        essential=False,
    ),
    Question(
        "candidate_young", "candidat",
        "La personne a-t-elle entre 16 et 25 ans révolus ?",
        condition="candidate", kept=False,
    ),
    Question(
        "candidate_job_seeker", "candidat",
        "A-t-elle 26 ans ou plus et est-elle demandeuse d'emploi ?",
        condition="candidate", kept=False,
    ),
    Question(
        "candidate_benefits", "candidat",
        "Bénéficie-t-elle d'un minimum social (RSA, ASS ou AAH), ou sort-elle d'un contrat "
        "unique d'insertion (CUI) ?",
        condition="candidate", kept=False,
    ),
)  # fmt: skip

CONDITIONS = {
    c.id: c
    for c in (
        Condition(
            "opco_member",
            "Adhérer à l'OPCO",
            "Vérifiez auprès de votre conseiller Atlas que votre entreprise relève bien de "
            "l'OPCO (selon sa branche) : il examine le projet et vous oriente, pour vos premiers "
            "contrats, vers un tiers facilitateur.",
            "guide, chapitre 3 « Atlas & vous »",
        ),
        Condition(
            "job_identified",
            "Décrire le métier et ses compétences",
            "Rassemblez ce qui décrit le poste (fiche de poste, offre d'emploi, analyse de "
            "l'activité), rédigez les compétences sous la forme « Être capable de… » (12 au "
            "plus) et faites-les confirmer par l'équipe qui fait ce travail.",
            "guide, action 1 « Formaliser son besoin en compétences », ① à ③",
        ),
        Condition(
            "tutor_volunteer",
            "Trouver un tuteur volontaire",
            "Désignez avant le contrat un tuteur qui accepte cette mission : il suit le "
            "parcours et la montée en compétences du salarié.",
            "guide, action 5 « Accompagner formateurs et tuteurs », ① et ②",
        ),
        Condition(
            "tutor_experience",
            "Un tuteur expérimenté",
            "Choisissez un tuteur qui a au moins 2 ans d'expérience sur l'activité visée.",
            "guide, action 5 ②",
        ),
        Condition(
            "tutor_load",
            "Un tuteur disponible pour 3 salariés au plus",
            "Un tuteur suit au plus 3 salariés apprenants : répartissez le tutorat ou "
            "désignez un autre tuteur.",
            "guide, action 5 ②",
        ),
        Condition(
            "tutor_time",
            "Du temps pour le tuteur",
            "Prévoyez dans son emploi du temps les heures du tutorat (accueil, suivi, "
            "bilans) et, s'il débute, une formation : les fondamentaux du tutorat (7 h) ou "
            "accompagner la montée en compétences (14 h).",
            "guide, action 5 ③ et ④",
        ),
        Condition(
            "training_possible",
            "Qui assure la formation",
            "Identifiez qui formera : un salarié volontaire avec 2 ans d'expérience (la "
            "formation de formateur occasionnel, 21 h, l'y prépare) ou un organisme de "
            "formation ; un parcours peut mêler les deux.",
            "guide, action 2 ③ et action 5 ②",
        ),
        Condition(
            "afest_possible",
            "L'AFEST (facultatif)",
            "Si vous voulez former au poste de travail, lisez le manuel de l'AFEST d'Atlas et "
            "vérifiez ses conditions : situation de travail aménagée, formateur sensibilisé et "
            "volontaire, temps de recul planifiés (formation référent AFEST, 35 h).",
            "guide, action 4 « Mobiliser l'AFEST », ① et ②",
        ),
        Condition(
            "hours_150",
            "Au moins 150 heures de formation",
            "Prévoyez au moins 150 heures d'enseignements (AFEST non comptée), réparties tout "
            "au long du contrat, sans plusieurs mois de suite sans formation.",
            "convention de formation, article 2 ; guide, chapitre 1 « Comment ? »",
        ),
        Condition(
            "time_share",
            "15 % à 25 % du temps en formation",
            "Ajustez la durée du contrat ou le volume de formation pour que la formation "
            "occupe entre 15 % et 25 % du temps de travail (au-delà, seulement avec un accord "
            "de branche).",
            "Code du travail, articles L6325-13 et L6325-14 ; convention, article 2",
        ),
        Condition(
            "candidate",
            "Une personne qui peut signer ce contrat",
            "Le contrat s'adresse aux jeunes de 16 à 25 ans révolus, aux demandeurs d'emploi "
            "de 26 ans et plus, aux bénéficiaires du RSA, de l'ASS ou de l'AAH, et aux "
            "personnes sortant d'un CUI : vérifiez la situation de la personne avec elle "
            "(ou avec France Travail) avant de l'embaucher.",
            "guide, chapitre 1 « Pour qui ? »",
        ),
    )
}

# The tutor criteria the company confirmed, as the creation page recalls them (guide,
# action 5 ② and ③): the tutor step asks them again for the person named.
TUTOR_CONFIRMED = {
    "tutor_volunteer": "il est volontaire",
    "tutor_experience": "il a au moins 2 ans d'expérience sur l'activité",
    "tutor_load": "il suivra au plus 3 salariés apprenants",
    "tutor_time": "son temps de travail sera aménagé",
}
QUESTION_IDS = tuple(q.id for q in QUESTIONS)
BY_ID = {q.id: q for q in QUESTIONS}
MAX_JOB_TITLE = 200  # the creation form's « Emploi occupé » field
# More conditions to prepare than this, even without an essential « non »: « pas encore ».
MAX_TO_PREPARE_ALMOST = 2


@dataclass(frozen=True)
class Advice:
    condition: Condition
    answer: Answer  # NO: to prepare; UNKNOWN: to check
    essential: bool
    required: bool

    @property
    def to_check(self) -> bool:
        return self.answer == Answer.UNKNOWN


@dataclass(frozen=True)
class Result:
    verdict: Verdict
    advice: tuple[Advice, ...]  # the required conditions not met, in the questions' order
    extras: tuple[Advice, ...]  # the optional ones (AFEST) not met: said, never counted

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]

    @property
    def summary(self) -> str:
        if self.verdict == Verdict.READY:
            return (
                "Toutes les conditions du guide sont réunies : vous pouvez commencer le "
                "dossier (référentiel métier, parcours de formation, convention)."
            )
        count = len(self.advice)
        things = "une condition" if count == 1 else f"{count} conditions"
        if self.verdict == Verdict.ALMOST:
            return f"Encore {things} à préparer ou à vérifier avant de vous lancer."
        if count == 1:
            return (
                "Une condition indispensable manque encore : préparez-la avant de commencer "
                "un dossier."
            )
        return f"{count} conditions manquent encore : préparez-les avant de commencer un dossier."


def condition_answer(answers: dict[str, Answer], condition: str) -> Answer:
    """A condition's answer from its questions: the candidate is eligible when any one of
    the public groups applies (« oui »), not when all are « non »; unknown otherwise. A
    single-question condition is its question's answer (unanswered counts as unknown)."""
    values = [answers.get(q.id, Answer.UNKNOWN) for q in QUESTIONS if q.condition_id == condition]
    if any(v == Answer.YES for v in values):
        return Answer.YES
    if values and all(v == Answer.NO for v in values):
        return Answer.NO
    return Answer.UNKNOWN


def verdict(answers: dict[str, Answer | str]) -> Result:
    """Prêt: every required condition « oui ». Pas encore: an essential condition « non »
    (no OPCO, no volunteer or experienced tutor, nobody to train, not 150 h, no eligible
    candidate), or more than MAX_TO_PREPARE_ALMOST conditions to prepare or check.
    Presque prêt: the rest (one or two things to prepare or to check)."""
    answers = {k: Answer(v) for k, v in answers.items() if k in BY_ID}
    advice, extras, seen = [], [], set()
    for question in QUESTIONS:
        cid = question.condition_id
        if cid in seen:
            continue
        seen.add(cid)
        answer = condition_answer(answers, cid)
        if answer == Answer.YES:
            continue
        item = Advice(CONDITIONS[cid], answer, question.essential, question.required)
        (advice if question.required else extras).append(item)
    if not advice:
        result = Verdict.READY
    elif len(advice) > MAX_TO_PREPARE_ALMOST or any(
        a.essential and a.answer == Answer.NO for a in advice
    ):
        result = Verdict.NOT_YET
    else:
        result = Verdict.ALMOST
    return Result(result, tuple(advice), tuple(extras))


def kept(answers: dict[str, Answer | str], job_title: str = "") -> dict:
    """What may be kept with the visitor's consent to prefill a new dossier: the company's
    answers and the job title, never the candidate's situation."""
    out = {
        "answers": {k: str(Answer(v)) for k, v in answers.items() if k in BY_ID and BY_ID[k].kept}
    }
    title = (job_title or "").strip()[:MAX_JOB_TITLE]
    if title:
        out["job_title"] = title
    return out


def prefill(saved: dict | None) -> dict:
    """From `kept(...)` (as found in a session: it may be stale or tampered with) to what a
    new dossier's creation starts from: the contract's job title, and the tutor criteria
    the company confirmed (to remind them on the creation page). Unknown keys are ignored."""
    if not isinstance(saved, dict):
        return {}
    raw = saved.get("answers") if isinstance(saved.get("answers"), dict) else {}
    answers = {}
    for key, value in raw.items():
        if key in BY_ID and BY_ID[key].kept and value in {a.value for a in Answer}:
            answers[key] = Answer(value)
    out: dict = {}
    title = saved.get("job_title")
    if isinstance(title, str) and title.strip():
        out["contract"] = {"job_title": title.strip()[:MAX_JOB_TITLE]}
    confirmed = [text for k, text in TUTOR_CONFIRMED.items() if answers.get(k) == Answer.YES]
    if confirmed:
        out["tutor_criteria"] = confirmed
    open_ = [
        CONDITIONS[q.id]
        for q in QUESTIONS
        if q.kept and q.required and q.id in answers and answers[q.id] != Answer.YES
    ]
    if open_:
        out["to_prepare"] = open_
    return out
