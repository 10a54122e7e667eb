"""The `parcours-dossier/1` interchange format (shared/FORMAT.md) as pydantic models.

The JSON Schema published by `parcours schema` is generated from these classes.
Fields that a rule checks (a competence's level, a module's dates…) are optional
here so that an incomplete draft is still a dossier: the rule reports what is
missing, with its path, instead of the parser refusing the whole file.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

FORMAT_ID = "parcours-dossier/1"

# Bounds on every input (docs/format.md, « Limites ») : a dossier is at most a few hundred
# kilobytes; nothing a real contract needs comes near them, and every rule stays linear.
TEXT_MAX = 10_000  # characters in any text
HOURS_MAX = 5_000  # hours of one module or activity (a whole contract is ~1,600 h a year)
MONEY_MAX = 10_000_000  # euros
YEARS_MAX = 80
MAX_TRAINERS = 100
MAX_COMPETENCES = 200
MAX_MODULES = 200
MAX_SESSIONS = 2_000
MAX_ATTENDANCE = 10_000
MAX_ITEMS = 500  # any other list (reviews, evaluations, documents, changes, dates, scores…)
MAX_WORDS = 100  # a list of short texts (knowledge, objectives, resources…)


def Many(item, limit: int = MAX_ITEMS):  # noqa: N802 (a type alias, not a function)
    return Annotated[list[item], Field(max_length=limit)]


Hours = Annotated[float, Field(ge=0, le=HOURS_MAX)]
# Texts printed on every paper (names, titles, addresses) are short: a paper's cost grows
# with its text, and no real name or title comes near these.
Name = Annotated[str, Field(max_length=200)]
Title = Annotated[str, Field(max_length=300)]
Address = Annotated[str, Field(max_length=500)]
Siret = Annotated[str, Field(max_length=20)]
Statement = Annotated[str, Field(max_length=1_000)]
Money = Annotated[float, Field(ge=0, le=MONEY_MAX)]
Years = Annotated[float, Field(ge=0, le=YEARS_MAX)]
Level = Annotated[int, Field(ge=0, le=4)]
ExpectedLevel = Annotated[int, Field(ge=1, le=4)]
Id = Annotated[str, Field(min_length=1, max_length=40)]


class Strict(BaseModel):
    """Unknown fields are an error: a typo must not pass silently."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_enum_values=False,
        str_max_length=TEXT_MAX,
        allow_inf_nan=False,
    )


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    RUNNING = "running"
    COMPLETED = "completed"
    TERMINATED = "terminated"


class Benefit(StrEnum):
    RSA = "rsa"
    ASS = "ass"
    AAH = "aah"
    CUI_EXIT = "cui_exit"


class QualificationLevel(StrEnum):
    """The learner's highest qualification, as the minimum pay (C. trav. D6325-16) and the
    publics of L6325-1-1 read it (extension: `learner.qualification_level`)."""

    NONE = "sans"  # no diploma of the second cycle, no vocational diploma
    CAP_BEP = "cap_bep"  # level 3 vocational diploma
    BAC_GENERAL = "bac_general"  # level 4, general or technological
    BAC_PRO = "bac_pro"  # level 4 vocational: bac pro or a title of the same level
    HIGHER = "superieur"  # level 5 and above


class ContractType(StrEnum):
    CDD = "CDD"
    CDI = "CDI"


class Importance(StrEnum):
    INDISPENSABLE = "indispensable"
    NECESSAIRE = "necessaire"
    ACCESSOIRE = "accessoire"


class Modality(StrEnum):
    EXTERNE = "externe"
    INTERNE = "interne"
    DISTANCE = "distance"
    AFEST = "afest"
    EVALUATION = "evaluation"


class Adaptation(StrEnum):
    STANDARD = "standard"
    RENFORCEMENT = "renforcement"
    DISPENSE = "dispense"


class ActivityKind(StrEnum):
    EXPOSE = "expose"
    ETUDE_DE_CAS = "etude_de_cas"
    TRAVAIL_DE_GROUPE = "travail_de_groupe"
    MISE_EN_SITUATION = "mise_en_situation"
    SEQUENCE_REFLEXIVE = "sequence_reflexive"
    EVALUATION = "evaluation"


class ReviewKind(StrEnum):
    SUIVI = "suivi"
    FINAL = "final"


class Quality(StrEnum):
    """In which capacity a person takes part in a review or evaluates a module."""

    TUTOR = "tuteur"
    TRAINER = "formateur"
    FACILITATOR = "tiers_facilitateur"
    LEARNER = "salarie"
    COMPANY = "entreprise"


class ReviewDecision(StrEnum):
    """What a held review decides: go on as planned, or adapt the parcours."""

    CONTINUE = "continue"
    ADAPT = "adapt"


class DocumentKind(StrEnum):
    CERFA_12434 = "cerfa_12434"
    CONVENTION = "convention"
    CERTIFICAT_REALISATION = "certificat_realisation"
    ATTESTATION_FIN_CONTRAT = "attestation_fin_contrat"
    FACTURE = "facture"


class Signer(StrEnum):
    """Who signs a line of the feuille d'émargement."""

    LEARNER = "learner"
    TRAINER = "trainer"


class SigningMethod(StrEnum):
    ACCOUNT = "account"  # from the signer's own account (a phone is enough)
    TABLET = "tablet"  # on a shared device, the signer's password and a drawn signature
    LINK = "link"  # a one-time link or QR code for that session and that signer
    PROVIDER_SHEET = "provider_sheet"  # an external provider's signed sheet, uploaded
    DECLARED = "declared"  # an absence recorded by the company or the session's trainer


class Presence(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"


class Signatory(StrEnum):
    COMPANY = "company"
    FACILITATOR = "facilitator"
    OPCO = "opco"
    LEARNER = "learner"


class Representative(Strict):
    name: Name
    role: Title


class Opco(Strict):
    name: Name
    siret: Siret


class Company(Strict):
    name: Name
    siret: Siret
    address: Address
    representative: Representative
    internal_training_service: bool = False
    first_contract: bool = True


class Facilitator(Strict):
    name: Name
    siret: Siret
    address: Address
    representative: Representative


class Learner(Strict):
    first_name: Name
    last_name: Name
    birth_date: dt.date
    job_seeker: bool = False
    benefits: Many(Benefit, len(Benefit)) = []
    highest_qualification: str | None = None
    qualification_level: QualificationLevel | None = None


class Contract(Strict):
    type: ContractType
    job_title: Title
    start_date: dt.date
    end_date: dt.date | None = None
    action_start: dt.date
    action_end: dt.date
    weekly_hours: Annotated[float, Field(gt=0, le=48)] = 35
    extension_reason: str | None = None
    branch_agreement: str | None = None
    # Extension (docs/format.md): the pay the minimum of D6325-15 to D6325-18 is checked on.
    gross_monthly_pay: Money | None = None
    branch_minimum_pay: Money | None = None


class Tutor(Strict):
    name: Name
    job_title: Title
    volunteer: bool
    experience_years: Years
    learners_followed: Annotated[int, Field(ge=1, le=1_000)]
    is_employer: bool = False


class Trainer(Strict):
    id: Id
    name: Name
    job_title: Title
    volunteer: bool
    experience_years: Years
    trainer_training: bool = False
    afest_aware: bool = False


class Competence(Strict):
    id: Id
    statement: Statement
    importance: Importance | None = None
    level: ExpectedLevel | None = None
    knowledge: Many(Statement, MAX_WORDS) = []
    skills: Many(Statement, MAX_WORDS) = []
    attitudes: Many(Statement, MAX_WORDS) = []


class PositioningEntry(Strict):
    competence: Id
    self_level: Level | None = None
    assessed_level: Level | None = None
    comment: str | None = None


class Positioning(Strict):
    date: dt.date
    entries: Many(PositioningEntry, MAX_COMPETENCES) = []


class Module(Strict):
    id: Id
    title: Title = ""
    objective: str = ""
    competences: Many(Id, MAX_COMPETENCES) = []
    modality: Modality | None = None
    hours: Hours = 0
    provider: str | None = None
    trainer: Id | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    recognition: str | None = None
    adaptation: Adaptation = Adaptation.STANDARD
    evaluation_methods: Many(str, MAX_WORDS) = []
    # Extension (docs/format.md): what the module really costs (euros HT), for the
    # « coût réel » column of the convention's article 9 and the company's remaining cost.
    real_cost: Money | None = None

    @property
    def dispensed(self) -> bool:
        return self.adaptation == Adaptation.DISPENSE


class Activity(Strict):
    kind: ActivityKind
    title: Title
    hours: Hours


class Sequence(Strict):
    module: Id
    general_objective: str = ""
    operational_objectives: Many(str, MAX_WORDS) = []
    stakes: str = ""
    activities: Many(Activity, MAX_WORDS) = []
    resources: Many(str, MAX_WORDS) = []
    trainers: Many(Id, MAX_TRAINERS) = []
    evaluation_methods: Many(str, MAX_WORDS) = []
    calendar: Many(dt.date) = []


class Session(Strict):
    """A training session. `learner_signed`, `trainer_signed` and `attended_hours` are
    derived from `Dossier.attendance` whenever the dossier has attendance records (see
    `parcours.domain.attendance`); files without records keep the values they give."""

    id: Id
    module: Id
    date: dt.date
    hours: Annotated[float, Field(gt=0, le=24)]
    attended_hours: Annotated[float, Field(ge=0, le=24)] | None = None
    learner_signed: bool = False
    trainer_signed: bool = False
    # Extension (docs/format.md): the half-day's times and who runs an internal session.
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    trainer: Id | None = None


HASH_PATTERN = r"^[0-9a-f]{64}$"
Sha256 = Annotated[str, Field(pattern=HASH_PATTERN)]


class AttendanceRecord(Strict):
    """One line of a feuille d'émargement, signed (or an absence declared) by one signer
    for one session. Records form a chain: `hash` is the SHA-256 of the record's other
    fields (`parcours.domain.attendance.record_hash`), `previous_hash` the hash of the
    record before it, so that a record changed, removed or moved is detected."""

    seq: Annotated[int, Field(ge=1, le=10 * MAX_ATTENDANCE)]
    session: Id
    signer: Signer
    signer_name: Annotated[str, Field(min_length=1, max_length=200)]
    trainer: Id | None = None
    presence: Presence = Presence.PRESENT
    absence_reason: Annotated[str, Field(max_length=500)] | None = None
    hours: Annotated[float, Field(ge=0, le=24)] | None = None
    method: SigningMethod
    signed_at: dt.datetime
    recorded_by: Annotated[str, Field(max_length=200)] | None = None
    evidence_sha256: Sha256 | None = None
    previous_hash: Sha256
    hash: Sha256


class Submission(Strict):
    """When the dossier reached the OPCO and when it decided (extension, docs/format.md):
    derived from the history, never typed in."""

    submitted_on: dt.date  # the latest (complete) submission: D6325-2's 20 days run from it
    first_submitted_on: dt.date | None = None  # the first: D6325-1's 5 days
    decided_on: dt.date | None = None


class TutorLoad(Strict):
    """The other contracts the same tutor follows in the company (extension, derived from
    the database: TUT-05)."""

    others: Many(Annotated[str, Field(max_length=300)], 1_000) = []


class Agreement(Strict):
    """The OPCO's accord de prise en charge (extension, docs/format.md)."""

    number: Annotated[str, Field(min_length=1, max_length=60)]
    date: dt.date


Comment = Annotated[str, Field(max_length=2000)]
PersonName = Annotated[str, Field(min_length=1, max_length=200)]


class Score(Strict):
    competence: Id
    level: Level
    # Extension (docs/format.md): what the level rests on, in a few words.
    comment: Comment | None = None


class Participant(Strict):
    """Someone taking part in a review, or evaluating a module (extension)."""

    name: PersonName
    quality: Quality


class Review(Strict):
    id: Id
    kind: ReviewKind
    planned_date: dt.date | None = None
    held_date: dt.date | None = None
    scores: Many(Score, MAX_COMPETENCES) = []
    comment: str | None = None
    # Extension (docs/format.md): who took part, what was decided, who held it.
    participants: Many(Participant, MAX_WORDS) = []
    decision: ReviewDecision | None = None
    held_by: PersonName | None = None


class Evaluation(Strict):
    """An end-of-module evaluation (convention art. 3): a level per competence the module
    covers, by whom, when (extension, docs/format.md)."""

    module: Id
    date: dt.date
    evaluator: Participant
    results: Many(Score, MAX_COMPETENCES) = []


class Document(Strict):
    kind: DocumentKind
    date: dt.date
    signed_by: Many(Signatory, len(Signatory)) = []


class Change(Strict):
    date: dt.date
    summary: str
    amendment: bool = False


class RuptureReason(StrEnum):
    """Why the contract ended early (extension: `rupture.reason_code`)."""

    DEMISSION = "demission"
    LICENCIEMENT = "licenciement"
    PERIODE_ESSAI = "periode_essai"
    COMMUN_ACCORD = "commun_accord"
    FORCE_MAJEURE = "force_majeure"
    AUTRE = "autre"


class Rupture(Strict):
    date: dt.date
    reason: str
    opco_informed_on: dt.date | None = None
    # Extension (docs/format.md): the reason as a code (`reason` keeps its French label),
    # and the day the OPCO acknowledged the written notice (the rupture is then final).
    reason_code: RuptureReason | None = None
    acknowledged_on: dt.date | None = None


class Attestation(Strict):
    date: dt.date
    competences: Many(Score, MAX_COMPETENCES) = []


class Funding(Strict):
    hourly_rate: Annotated[float, Field(ge=0, le=10_000)] | None = None


class ClaimKind(StrEnum):
    FIRST_PAYMENT = "first_payment"
    FINAL_PAYMENT = "final_payment"
    FACILITATOR_INVOICE_1 = "facilitator_invoice_1"
    FACILITATOR_INVOICE_2 = "facilitator_invoice_2"


class ClaimState(StrEnum):
    DUE = "due"
    CLAIMED = "claimed"
    PAID = "paid"
    REJECTED = "rejected"


class Claim(Strict):
    """A funding claim with its state (extension, docs/format.md): the company's two
    payments, the facilitator's two invoices (convention art. 7 and 9)."""

    kind: ClaimKind
    amount: Money
    state: ClaimState
    due_on: dt.date
    claimed_on: dt.date | None = None
    invoice_number: Annotated[str, Field(min_length=1, max_length=40)] | None = None
    paid_on: dt.date | None = None
    rejected_on: dt.date | None = None
    rejection_reason: Comment | None = None


class FacilitatorHours(Strict):
    """One entry of the facilitator's log of its 14 hours (convention art. 7, extension)."""

    date: dt.date
    hours: Annotated[float, Field(gt=0, le=14)]
    activity: Annotated[str, Field(min_length=1, max_length=500)]
    author: PersonName | None = None


class StaffCourse(StrEnum):
    """The trainings the guide proposes to new tutors and trainers (action 5 ④)."""

    TUTORING_BASICS = "fondamentaux-tutorat"
    SKILLS_GROWTH = "montee-en-competences"
    OCCASIONAL_TRAINER = "formateur-occasionnel"
    AFEST_REFERENT = "referent-afest"


class StaffTrainingEntry(Strict):
    """One training planned for the tutor (`person` « tuteur ») or a trainer (its id)."""

    person: Id
    course: StaffCourse
    planned_on: dt.date | None = None
    provider: Name | None = None
    done_on: dt.date | None = None


class TimeSetAside(Strict):
    """The working time set aside each month for the tutor or a trainer (guide action 5 ③)."""

    person: Id
    hours_per_month: Annotated[float, Field(ge=0, le=200)]


class StaffTraining(Strict):
    """Guide step 4: the tutor's and trainers' trainings and their working time set aside."""

    trainings: Many(StaffTrainingEntry, 4 * (MAX_TRAINERS + 1)) = []
    time_set_aside: Many(TimeSetAside, MAX_TRAINERS + 1) = []


class OnboardingStep(StrEnum):
    """The welcome checklist's items (guide action 6; `parcours.domain.onboarding`)."""

    PAPERS = "pieces-rassemblees"
    WORKSTATION = "poste-pret"
    WELCOME = "accueil"
    TUTOR_MET = "rencontre-tuteur"
    TEAM_MET = "rencontre-equipe"
    BOOKLET = "livret-remis"
    WALKTHROUGH = "referentiel-parcouru"
    CHECK_IN = "echange-un-mois"


class OnboardingTick(Strict):
    """One item of the welcome checklist done: when, by whom, optionally a comment."""

    item: OnboardingStep
    done_on: dt.date
    by: PersonName
    comment: Annotated[str, Field(max_length=500)] | None = None


class Onboarding(Strict):
    """Guide action 6: the items of the welcome checklist done (one tick per item)."""

    ticks: Many(OnboardingTick, len(OnboardingStep)) = []

    @model_validator(mode="after")
    def _one_tick_per_item(self) -> Onboarding:
        seen = [t.item for t in self.ticks]
        if len(seen) != len(set(seen)):
            raise ValueError("un élément de la liste d'accueil est coché deux fois")
        return self


class Confirmer(Strict):
    """A member of the work team who confirmed the référentiel: name and function."""

    name: PersonName
    function: Title


class ReferentielConfirmation(Strict):
    """Guide action 1 ③: the référentiel's competences confirmed by the work team, when, by
    whom; `competences_hash` fingerprints the competences confirmed
    (`parcours.domain.referentiel_confirmation`): any change after it asks to reconfirm."""

    confirmed_on: dt.date
    by: Annotated[list[Confirmer], Field(min_length=1, max_length=20)]
    comment: Statement | None = None
    competences_hash: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class AgainAnswer(StrEnum):
    """« Le referiez-vous ? » (guide action 5 ⑤)."""

    YES = "oui"
    NO = "non"
    MAYBE = "peut_etre"


LESSON_QUALITIES = (Quality.COMPANY, Quality.TUTOR, Quality.LEARNER, Quality.FACILITATOR)


class LessonAnswer(Strict):
    """One party's lessons learned at the end of the parcours (one answer per quality)."""

    quality: Quality
    by: PersonName
    answered_on: dt.date
    worked: Statement | None = None
    to_change: Statement | None = None
    again: AgainAnswer

    @model_validator(mode="after")
    def _a_lesson_quality(self) -> LessonAnswer:
        if self.quality not in LESSON_QUALITIES:
            raise ValueError("le retour d'expérience est donné par l'entreprise, le tuteur, "
                             "le salarié ou le tiers facilitateur")  # fmt: skip
        return self


class Debrief(Strict):
    """The final debrief of the parcours (guide step 6), the OPCO invited or not."""

    held_on: dt.date
    participants: Annotated[list[PersonName], Field(min_length=1, max_length=30)]
    opco_invited: bool = False
    conclusions: Annotated[str, Field(max_length=3_000)] | None = None


class Lessons(Strict):
    """Guide action 5 ⑤ and step 6: each party's lessons learned and the final debrief."""

    answers: Many(LessonAnswer, len(LESSON_QUALITIES)) = []
    debrief: Debrief | None = None

    @model_validator(mode="after")
    def _one_answer_per_quality(self) -> Lessons:
        seen = [a.quality for a in self.answers]
        if len(seen) != len(set(seen)):
            raise ValueError("une partie a donné deux retours d'expérience")
        return self


class ConventionParty(StrEnum):
    """The convention's three signatories (art. 10: any of them may end it)."""

    COMPANY = "company"
    OPCO = "opco"
    FACILITATOR = "facilitator"


class ConventionEnding(Strict):
    """Convention art. 10: ending the convention for a party's breach, after a formal notice
    (mise en demeure, registered letter) left without effect for `delay_days`
    (`parcours.domain.convention_ending`)."""

    notice_sent_on: dt.date
    notice_by: ConventionParty
    notice_to: ConventionParty
    breach: Annotated[str, Field(min_length=1, max_length=2_000)]
    delay_days: Annotated[int, Field(ge=1, le=365)]
    ended_on: dt.date | None = None

    @model_validator(mode="after")
    def _two_parties(self) -> ConventionEnding:
        if self.notice_by == self.notice_to:
            raise ValueError("la mise en demeure est adressée à une autre partie")
        if self.ended_on is not None and self.ended_on < self.notice_sent_on + dt.timedelta(
            days=self.delay_days
        ):
            raise ValueError("la convention ne prend fin qu'après le délai de la mise en demeure")
        return self


class Dossier(Strict):
    """One dossier of a contrat de professionnalisation expérimental."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_max_length=TEXT_MAX,
        allow_inf_nan=False,
        json_schema_extra={"$id": "https://parcours.example/schema/parcours-dossier-1.json"},
        title="parcours-dossier/1",
    )

    format: Literal["parcours-dossier/1"]
    reference: str | None = None
    status: Status
    as_of: dt.date | None = None
    opco: Opco
    company: Company
    facilitator: Facilitator | None = None
    # Absent while the company formalises its need before recruiting (guide step 1):
    # ELIG-02 then blocks the submission until the learner is named (docs/format.md).
    learner: Learner | None = None
    contract: Contract
    tutor: Tutor | None = None
    trainers: Many(Trainer, MAX_TRAINERS) = []
    competences: Many(Competence, MAX_COMPETENCES) = []
    positioning: Positioning | None = None
    modules: Many(Module, MAX_MODULES) = []
    sequences: Many(Sequence, MAX_MODULES) = []
    sessions: Many(Session, MAX_SESSIONS) = []
    attendance: Many(AttendanceRecord, MAX_ATTENDANCE) = []
    agreement: Agreement | None = None
    submission: Submission | None = None
    tutor_load: TutorLoad | None = None
    reviews: Many(Review) = []
    evaluations: Many(Evaluation) = []
    documents: Many(Document) = []
    changes: Many(Change, 2_000) = []
    rupture: Rupture | None = None
    attestation: Attestation | None = None
    funding: Funding | None = None
    claims: Many(Claim, 20) = []
    facilitator_log: Many(FacilitatorHours) = []
    staff_training: StaffTraining | None = None
    onboarding: Onboarding | None = None
    referentiel_confirmation: ReferentielConfirmation | None = None
    lessons: Lessons | None = None
    convention_ending: ConventionEnding | None = None

    @model_validator(mode="after")
    def _signatures_from_attendance(self) -> Dossier:
        # Signatures are records, never flags anyone sets: with records, the flags follow.
        if self.attendance:
            from parcours.domain.attendance import derive_sessions

            object.__setattr__(self, "sessions", derive_sessions(self.sessions, self.attendance))
        return self

    def trainer(self, trainer_id: str | None) -> Trainer | None:
        return next((t for t in self.trainers if t.id == trainer_id), None)

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def sequences_of(self, module_id: str) -> list[Sequence]:
        return [s for s in self.sequences if s.module == module_id]


def json_schema() -> dict:
    return Dossier.model_json_schema()
