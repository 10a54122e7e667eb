"""Who gives lessons learned and who records the final debrief.

Once the parcours has ended (completed or terminated): the company admin answers for the
company, the tutor, the learner and the facilitator each for themself — one person, their
own answer only (the quality follows from the account's role, never from the form). The
company side (company admin, facilitator) records the debrief. Every party of the dossier
reads the page: the answers feed the debrief they all may attend. The OPCO reads; it is
invited to the debrief, it does not answer."""

from __future__ import annotations

from parcours.accounts.enums import Role
from parcours.domain.dossier import Quality
from parcours.dossiers import lifecycle, perms
from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier

SECTION = "lessons"
ENDED_STATES = (Status.COMPLETED, Status.TERMINATED)
QUALITY_BY_ROLE = {
    Role.COMPANY_ADMIN: Quality.COMPANY,
    Role.TUTOR: Quality.TUTOR,
    Role.LEARNER: Quality.LEARNER,
    Role.FACILITATOR: Quality.FACILITATOR,
}


def _role(user):
    return user.role if user.is_authenticated and user.is_active else None


def quality_of(user) -> Quality | None:
    return QUALITY_BY_ROLE.get(_role(user))


def can_answer(user, dossier: Dossier) -> bool:
    return (
        quality_of(user) is not None
        and dossier.status in ENDED_STATES
        and perms.can_view(user, dossier)
    )


def can_debrief(user, dossier: Dossier) -> bool:
    return (
        _role(user) in lifecycle.COMPANY_SIDE
        and dossier.status in ENDED_STATES
        and perms.can_view(user, dossier)
    )
