"""The one permission layer, shared by pages and API. Small functions of (user, dossier).

Visibility (SPEC.md): a company admin sees its company's dossiers, a facilitator those of
the companies assigned to it, a tutor / trainer / learner the contracts naming them, the
OPCO all. A dossier one cannot see does not exist for them: `get_dossier_for` 404s.
"""

from __future__ import annotations

import dataclasses
import re

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from parcours.accounts.enums import Role
from parcours.domain.rules.engine import Report
from parcours.dossiers import convert, lifecycle
from parcours.dossiers.enums import SignedKind, Status
from parcours.dossiers.models import Dossier, DossierEvent
from parcours.organisations.models import Kind, Organisation

# The sessions are written by `parcours.planning.actions` only (plan, move, add, delete),
# never replaced as a whole section: their signatures must not be lost.
PLANNED_SECTIONS = frozenset({"sessions"})
# The rupture and the attestation are written by `parcours.closing.actions` only: dates
# checked, the attestation prepared from the reviews, the OPCO's acknowledgment kept
# (`can_edit_rupture`, `can_acknowledge_rupture`, `can_prepare_attestation`).
CLOSING_SECTIONS = frozenset({"rupture", "attestation"})
ALL_SECTIONS = frozenset(convert.SECTIONS) - PLANNED_SECTIONS - CLOSING_SECTIONS
# Once the OPCO has accepted, the design (positioning included) is frozen: an amendment
# goes through `changes`; what happens during the contract is still written down.
EXECUTION_SECTIONS = frozenset({"reviews", "documents", "changes"})
DESIGN_STATES = (Status.DRAFT, Status.CHANGES_REQUESTED)
LIVE_STATES = (Status.ACCEPTED, Status.RUNNING)


def _by_state(design: set[str], live: set[str]) -> dict[Status, frozenset[str]]:
    return {s: frozenset(design) for s in DESIGN_STATES} | {s: frozenset(live) for s in LIVE_STATES}


# role → state → sections the role may edit. Submitted, refused, completed and terminated
# dossiers are read-only for everyone; the OPCO acts through transitions, never edits.
EDITABLE_SECTIONS: dict[str, dict[Status, frozenset[str]]] = {
    Role.COMPANY_ADMIN: _by_state(ALL_SECTIONS, EXECUTION_SECTIONS),
    Role.FACILITATOR: _by_state(ALL_SECTIONS, EXECUTION_SECTIONS),
    Role.TUTOR: _by_state({"positioning"}, {"reviews"}),
    Role.TRAINER: _by_state({"sequences"}, {"reviews"}),
    Role.LEARNER: _by_state({"positioning"}, set()),
}
BENEFITS_ROLES = frozenset({Role.COMPANY_ADMIN, Role.OPCO_STAFF})
# ELIG-01 turns on the benefits when age and job-seeker status do not make the learner
# eligible: whether it fires would tell those who may not see the benefits that the learner
# receives one. Its findings go to the benefits roles only.
BENEFITS_RULES = frozenset({"ELIG-01"})
# The CERFA carries the learner's social status, so it follows the benefits rule; the
# convention is between company, facilitator and OPCO.
SIGNED_DOCUMENT_ROLES = {
    SignedKind.CERFA_12434: BENEFITS_ROLES,
    SignedKind.CONVENTION: frozenset({Role.COMPANY_ADMIN, Role.FACILITATOR, Role.OPCO_STAFF}),
}
UPLOAD_ROLES = frozenset({Role.COMPANY_ADMIN, Role.FACILITATOR})
# The papers the documents package produces: the funding claims and the financing table are
# between the company, its facilitator and the OPCO; any other paper is for every party.
FUNDING_DOCUMENTS = frozenset({"demande-paiement", "financement"})
# The convention's ending (art. 10) is between its signatories, the same three roles.
FUNDING_DOCUMENTS |= {"mise-en-demeure", "fin-convention"}
FUNDING_ROLES = frozenset({Role.COMPANY_ADMIN, Role.FACILITATOR, Role.OPCO_STAFF})
# The CERFA 12434 data sheet shows the learner's social status: like the signed CERFA, for
# those who may see the benefits only.
BENEFITS_DOCUMENTS = frozenset({"cerfa-12434"})
# The money's history (`parcours.funding`): hidden from the others like the money itself.
MONEY_EVENT_SECTIONS = frozenset(
    {"claims", "facilitator_log", "real_costs", "funding", "convention_ending"}
)
REAL_COST_PATH = re.compile(r"^modules\[\d+\]\.real_cost$")
# The sessions' calendar is planned and changed by the company side (`can_plan`).
PLANNING_ROLES = frozenset({Role.COMPANY_ADMIN, Role.FACILITATOR})
# The company writes its livret d'accueil from the draft until the contract is running.
LIVRET_ROLES = frozenset({Role.COMPANY_ADMIN, Role.FACILITATOR})
LIVRET_STATES = (*DESIGN_STATES, Status.SUBMITTED, *LIVE_STATES)


def _role(user) -> str | None:
    return user.role if user.is_authenticated and user.is_active else None


def visible_dossiers(user) -> QuerySet[Dossier]:
    """Every dossier the user may see (and nothing else)."""
    role, qs = _role(user), Dossier.objects.all()
    if role == Role.OPCO_STAFF:
        # The OPCO sees a dossier from its first submission: never a draft (no transition
        # leads back to the draft; a dossier sent back for changes stays visible).
        return qs.exclude(status=Status.DRAFT)
    if role == Role.COMPANY_ADMIN and user.organisation_id:
        return qs.filter(company_id=user.organisation_id)
    if role == Role.FACILITATOR and user.organisation_id:
        return qs.filter(company__facilitators=user.organisation_id)
    if role == Role.TUTOR:
        return qs.filter(tutor=user)
    if role == Role.TRAINER:
        return qs.filter(trainers=user).distinct()
    if role == Role.LEARNER:
        return qs.filter(learner=user)
    return qs.none()


def may_keep_records(user, dossier: Dossier, roles) -> bool:
    """The records kept beside the document's sections (onboarding, tutors' trainings, the
    référentiel's confirmation): written by `roles` from the draft while the contract runs,
    never during the OPCO's instruction nor once the dossier is closed."""
    return (
        _role(user) in roles
        and dossier.status in (*DESIGN_STATES, *LIVE_STATES)
        and can_view(user, dossier)
    )


def get_dossier_for(user, pk) -> Dossier:
    """The dossier if the user may see it; 404 otherwise (its existence is not revealed)."""
    return get_object_or_404(visible_dossiers(user), pk=pk)


def can_view(user, dossier: Dossier) -> bool:
    return visible_dossiers(user).filter(pk=dossier.pk).exists()


def creatable_companies(user) -> QuerySet[Organisation]:
    """The companies the user may open a dossier for."""
    role, qs = _role(user), Organisation.objects.filter(kind=Kind.COMPANY)
    if role == Role.COMPANY_ADMIN and user.organisation_id:
        return qs.filter(pk=user.organisation_id)
    if role == Role.FACILITATOR and user.organisation_id:
        return qs.filter(facilitators=user.organisation_id)
    return qs.none()


def team_of(user) -> Organisation | None:
    """The company whose accounts the user manages (a company admin, their own company)."""
    if _role(user) == Role.COMPANY_ADMIN and user.organisation_id:
        return user.organisation
    return None


def can_create_dossier(user, company: Organisation) -> bool:
    return creatable_companies(user).filter(pk=company.pk).exists()


def editable_sections(user, dossier: Dossier) -> frozenset[str]:
    """The sections the user may edit in the dossier's current state."""
    by_state = EDITABLE_SECTIONS.get(_role(user), {})
    sections = by_state.get(Status(dossier.status), frozenset())
    return sections if sections and can_view(user, dossier) else frozenset()


def can_edit_section(user, dossier: Dossier, section: str) -> bool:
    return section in editable_sections(user, dossier)


def can_transition(user, dossier: Dossier, name: str) -> bool:
    """The user's role may make this transition and the dossier's state allows it now
    (the guard, which runs the rules, is checked by the action)."""
    transition = lifecycle.TRANSITIONS.get(name)
    return bool(
        transition
        and _role(user) in transition.roles
        and dossier.status in transition.sources
        and can_view(user, dossier)
    )


def allowed_transitions(user, dossier: Dossier) -> list[lifecycle.Transition]:
    """The buttons to show."""
    return [t for t in lifecycle.TRANSITIONS.values() if can_transition(user, dossier, t.name)]


def can_justify(user, dossier: Dossier) -> bool:
    """The company side justifies alerts while the dossier is written or lived (never once
    submitted, refused or ended: read-only)."""
    return (
        _role(user) in lifecycle.COMPANY_SIDE
        and dossier.status in (*DESIGN_STATES, *LIVE_STATES)
        and can_view(user, dossier)
    )


def can_see_benefits(user, dossier: Dossier) -> bool:
    """The learner's social benefits (RSA, ASS, AAH…) are for the company admin and the OPCO."""
    return _role(user) in BENEFITS_ROLES and can_view(user, dossier)


def document_for(user, dossier: Dossier) -> dict:
    """The dossier's document as this user may read it (benefits stripped if needed; the
    money, claims, facilitator's hours and real costs, only for the company side and the
    OPCO)."""
    data = convert.document(dossier)
    if _role(user) not in FUNDING_ROLES:
        data = convert.strip_money(data)
    return data if can_see_benefits(user, dossier) else convert.strip_benefits(data)


def hidden_rules(user, dossier: Dossier) -> frozenset[str]:
    """The rules whose findings this user may not see, nor be stopped by: a refusal, a
    count or a status they see never depends on the learner's benefits."""
    return frozenset() if can_see_benefits(user, dossier) else BENEFITS_RULES


def report_for(user, dossier: Dossier, report: Report) -> Report:
    """The rules engine's report as this user may read it (no finding that hints at the
    learner's benefits unless they may see them)."""
    hidden = hidden_rules(user, dossier)
    if not hidden:
        return report
    kept = tuple(f for f in report.findings if f.rule not in hidden)
    return dataclasses.replace(report, findings=kept)


def event_changes_for(user, dossier: Dossier, event: DossierEvent) -> list[dict]:
    """An event's diff without the benefits lines for those who may not see them, nor the
    modules' real costs for those who do not see the money."""
    changes = event.changes
    if _role(user) not in FUNDING_ROLES:
        changes = [c for c in changes if not REAL_COST_PATH.match(c["path"])]
    if can_see_benefits(user, dossier):
        return changes
    return [c for c in changes if not c["path"].startswith("learner.benefits")]


def events_for(user, dossier: Dossier) -> QuerySet[DossierEvent]:
    """The dossier's history as this user may read it: the money's events (claims, the
    facilitator's hours, real costs) only for the company side and the OPCO."""
    events = dossier.events.select_related("actor")
    if _role(user) not in FUNDING_ROLES:
        events = events.exclude(section__in=MONEY_EVENT_SECTIONS)
    if not can_see_benefits(user, dossier):
        # An event that changed only the benefits would tell that they changed.
        only_benefits = [
            pk
            for pk, changes in dossier.events.filter(section="learner").values_list("pk", "changes")
            if changes and all(c["path"].startswith("learner.benefits") for c in changes)
        ]
        events = events.exclude(pk__in=only_benefits)
    return events


def can_upload_signed_document(user, dossier: Dossier, kind: str) -> bool:
    """A deposit rewrites the `documents` section: only when the user may edit it in the
    dossier's state (never on a submitted, refused or ended dossier)."""
    return (
        _role(user) in UPLOAD_ROLES
        and _role(user) in SIGNED_DOCUMENT_ROLES.get(kind, ())
        and can_edit_section(user, dossier, "documents")
    )


def can_download_signed_document(user, dossier: Dossier, kind: str) -> bool:
    return _role(user) in SIGNED_DOCUMENT_ROLES.get(kind, ()) and can_view(user, dossier)


def readable_signed_documents(user, dossier: Dossier) -> list:
    """Every deposited version of the signed papers this user's role may read."""
    return [
        d
        for d in dossier.signed_documents.select_related("uploaded_by")
        if can_download_signed_document(user, dossier, d.kind)
    ]


def can_download_document(user, dossier: Dossier, name: str) -> bool:
    """A paper of the documents package (convention, émargement…); the renderer must be
    given `document_for(user, dossier)`, so that the benefits stay hidden."""
    if name in FUNDING_DOCUMENTS and _role(user) not in FUNDING_ROLES:
        return False
    if name in BENEFITS_DOCUMENTS and _role(user) not in BENEFITS_ROLES:
        return False
    return can_view(user, dossier)


def can_plan(user, dossier: Dossier) -> bool:
    """Generate the plan of sessions, move, add or delete a session (`parcours.planning`):
    the company side, once the OPCO has accepted and while the contract runs."""
    return (
        _role(user) in PLANNING_ROLES and dossier.status in LIVE_STATES and can_view(user, dossier)
    )


def can_assign_people(user, dossier: Dossier) -> bool:
    """Name the accounts of the contract and say which account is which trainer of the
    document (`actions.assign_people`): the company side, from the draft while the contract
    runs (a new trainer may arrive; signatures need the mapping)."""
    return (
        _role(user) in lifecycle.COMPANY_SIDE
        and dossier.status in (*DESIGN_STATES, *LIVE_STATES)
        and can_view(user, dossier)
    )


def can_edit_livret(user, dossier: Dossier) -> bool:
    return (
        _role(user) in LIVRET_ROLES and dossier.status in LIVRET_STATES and can_view(user, dossier)
    )


# The end of the contract (`parcours.closing`): the company side declares a rupture of a
# live contract and corrects it until the OPCO has acknowledged the written notice; the OPCO
# acknowledges; the company side prepares the attestation of a running or broken-off one.
CLOSING_ROLES = frozenset({Role.COMPANY_ADMIN, Role.FACILITATOR})
ATTESTATION_STATES = (Status.RUNNING, Status.TERMINATED)


def rupture_acknowledged(dossier: Dossier) -> bool:
    return bool((dossier.content.get("rupture") or {}).get("acknowledged_on"))


def can_edit_rupture(user, dossier: Dossier) -> bool:
    """Declare a rupture (accepted or running contract), or correct it (terminated, until the
    OPCO has acknowledged it)."""
    open_ = dossier.status in LIVE_STATES or (
        dossier.status == Status.TERMINATED and not rupture_acknowledged(dossier)
    )
    return _role(user) in CLOSING_ROLES and open_ and can_view(user, dossier)


def can_acknowledge_rupture(user, dossier: Dossier) -> bool:
    """The OPCO acknowledges the written notice of a rupture (once)."""
    return (
        _role(user) == Role.OPCO_STAFF
        and dossier.status == Status.TERMINATED
        and bool(dossier.content.get("rupture"))
        and not rupture_acknowledged(dossier)
        and can_view(user, dossier)
    )


def can_prepare_attestation(user, dossier: Dossier) -> bool:
    """Prepare the attestation, join the certificat de réalisation (the closing papers)."""
    return (
        _role(user) in CLOSING_ROLES
        and dossier.status in ATTESTATION_STATES
        and can_view(user, dossier)
    )
