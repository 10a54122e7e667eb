"""Who acts on the convention's ending (art. 10): each signatory sends a formal notice in its
own name (the company admin for the company, a facilitator for its firm, the OPCO); the
party that sent it, or the OPCO, ends the convention once the delay has passed. The tutor,
trainers and learner only read it (they are not signatories)."""

from __future__ import annotations

from parcours.accounts.enums import Role
from parcours.domain.dossier import ConventionParty
from parcours.dossiers import perms
from parcours.dossiers.models import Dossier

PARTY_OF_ROLE = {
    Role.COMPANY_ADMIN: ConventionParty.COMPANY,
    Role.FACILITATOR: ConventionParty.FACILITATOR,
    Role.OPCO_STAFF: ConventionParty.OPCO,
}
LIVE = frozenset(str(s) for s in perms.LIVE_STATES)


def _role(user):
    return user.role if user.is_authenticated and user.is_active else None


def party_of(user) -> ConventionParty | None:
    """The signatory the user speaks for (None: not a signatory)."""
    return PARTY_OF_ROLE.get(_role(user))


def can_send_notice(user, dossier: Dossier) -> bool:
    return (
        party_of(user) is not None
        and dossier.status in LIVE
        and not (dossier.content.get("convention_ending"))
        and perms.can_view(user, dossier)
    )


def can_end(user, dossier: Dossier) -> bool:
    """The party that sent the notice, or the OPCO, while the convention runs."""
    ending = dossier.content.get("convention_ending") or {}
    party = party_of(user)
    return (
        bool(ending)
        and not ending.get("ended_on")
        and dossier.status in LIVE
        and party is not None
        and (party == ending.get("notice_by") or party == ConventionParty.OPCO)
        and perms.can_view(user, dossier)
    )
