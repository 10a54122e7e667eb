"""Who sees and moves the money of a dossier (convention art. 7 and 9).

The company side (company admin, facilitator) and the OPCO see it; the tutor, trainers and
learner never do (their pages hide it, its URLs answer 403). The company admin makes the
company's payment claims, a facilitator its own invoices; the OPCO alone marks a claim paid
or rejected; a facilitator alone logs its hours.
"""

from __future__ import annotations

from parcours.accounts.enums import Role
from parcours.dossiers import perms
from parcours.dossiers.models import Dossier
from parcours.funding.models import FundingClaim, Kind, State

MONEY_ROLES = perms.FUNDING_ROLES
PAYMENT_KINDS = frozenset({Kind.FIRST_PAYMENT, Kind.FINAL_PAYMENT})
INVOICE_KINDS = frozenset({Kind.FACILITATOR_INVOICE_1, Kind.FACILITATOR_INVOICE_2})
CLAIMING_ROLES = {Role.COMPANY_ADMIN: PAYMENT_KINDS, Role.FACILITATOR: INVOICE_KINDS}
# The history's money events (`DossierEvent.section`), hidden like the money itself.
SECTION = "claims"
LOG_SECTION = "facilitator_log"
COSTS_SECTION = "real_costs"
MONEY_SECTIONS = perms.MONEY_EVENT_SECTIONS
# Claims exist once the OPCO has accepted; hours may be logged from the first draft (the
# facilitator helps write the référentiel and the parcours), never on a refused dossier.
CLAIM_STATES = frozenset({"accepted", "running", "completed", "terminated"})
LOG_STATES = frozenset(
    {"draft", "changes_requested", "submitted", "accepted", "running", "completed", "terminated"}
)


def _role(user) -> str | None:
    return user.role if user.is_authenticated and user.is_active else None


def can_see_money(user, dossier: Dossier) -> bool:
    return _role(user) in MONEY_ROLES and perms.can_view(user, dossier)


def claimable_kinds(user) -> frozenset[str]:
    """The kinds of claim the user's role makes (nothing for the others)."""
    return CLAIMING_ROLES.get(_role(user), frozenset())


def can_make_claim(user, dossier: Dossier, claim: FundingClaim) -> bool:
    """Make a due claim: the company admin its payments, a facilitator its invoices."""
    return (
        claim.state == State.DUE
        and claim.kind in claimable_kinds(user)
        and dossier.status in CLAIM_STATES
        and perms.can_view(user, dossier)
    )


def can_decide(user, dossier: Dossier, claim: FundingClaim | None = None) -> bool:
    """Mark a claimed claim paid or rejected: the OPCO only."""
    return (
        _role(user) == Role.OPCO_STAFF
        and (claim is None or claim.state == State.CLAIMED)
        and perms.can_view(user, dossier)
    )


def can_log_hours(user, dossier: Dossier) -> bool:
    """Log an intervention: a facilitator helping the dossier's company."""
    return (
        _role(user) == Role.FACILITATOR
        and dossier.status in LOG_STATES
        and perms.can_view(user, dossier)
    )


COST_ROLES = frozenset({Role.COMPANY_ADMIN, Role.FACILITATOR})
# Not while the OPCO instructs the dossier (what it reads must not change under it).
COST_STATES = LOG_STATES - {"submitted"}


def can_set_costs(user, dossier: Dossier) -> bool:
    """Record the modules' real costs: the company side, at any time but on a refused
    dossier (what a module costs is known as its invoices come)."""
    return (
        _role(user) in COST_ROLES and dossier.status in LOG_STATES and perms.can_view(user, dossier)
    )


def is_opco(user) -> bool:
    return _role(user) == Role.OPCO_STAFF
