"""Who may do what with the versions of a parcours (pages, API and actions ask here).

Every party of the dossier reads its versions. While the contract is live (accepted or
running): the OPCO proposes adaptations (art. 6) and decides on avenants; the company side
(company admin, facilitator) answers adaptations and drafts avenants (art. 10). An avenant's
signature date is recorded by the company side for any party, by the OPCO and the learner
for themselves."""

from __future__ import annotations

from parcours.accounts.enums import Role
from parcours.amendments.models import Party
from parcours.dossiers import perms as dossier_perms
from parcours.dossiers.lifecycle import COMPANY_SIDE
from parcours.dossiers.models import Dossier

LIVE_STATES = dossier_perms.LIVE_STATES
OWN_PARTY = {Role.OPCO_STAFF: Party.OPCO, Role.LEARNER: Party.LEARNER}


def _role(user) -> str | None:
    return user.role if user.is_authenticated and user.is_active else None


def can_view(user, row: Dossier) -> bool:
    return dossier_perms.can_view(user, row)


def _live(user, row: Dossier, roles) -> bool:
    return _role(user) in roles and row.status in LIVE_STATES and can_view(user, row)


def can_propose_adaptation(user, row: Dossier) -> bool:
    return _live(user, row, {Role.OPCO_STAFF})


def can_answer_adaptation(user, row: Dossier) -> bool:
    return _live(user, row, COMPANY_SIDE)


def can_draft_avenant(user, row: Dossier) -> bool:
    return _live(user, row, COMPANY_SIDE)


def can_decide_avenant(user, row: Dossier) -> bool:
    return _live(user, row, {Role.OPCO_STAFF})


def can_edit_draft(user, row: Dossier, kind: str) -> bool:
    """The side that writes this kind of version edits its draft."""
    if kind == "adaptation":
        return can_propose_adaptation(user, row)
    if kind == "avenant":
        return can_draft_avenant(user, row)
    return False


def signable_parties(user, row: Dossier) -> frozenset[str]:
    """The parties whose avenant signature date this user may record."""
    if not _live(user, row, {*COMPANY_SIDE, *OWN_PARTY}):
        return frozenset()
    if _role(user) in COMPANY_SIDE:
        return frozenset(Party.values)
    return frozenset({OWN_PARTY[_role(user)].value})


def can_record_signature(user, row: Dossier, party: str) -> bool:
    return party in signable_parties(user, row)


def sees_money(user, row: Dossier) -> bool:
    """The modules' real costs are for the company side and the OPCO (`strip_money`)."""
    return _role(user) in dossier_perms.FUNDING_ROLES
