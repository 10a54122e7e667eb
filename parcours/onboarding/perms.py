"""Who ticks the welcome checklist (guide action 6).

The tutor, the company admin and the facilitator, from the draft (the papers are gathered
before the start, sometimes before the OPCO's decision) while the contract runs, except
during the OPCO's instruction (the document is then frozen, like its other sections). Every
party of the dossier reads the checklist: the learner sees what is planned for their
arrival; the trainer and the OPCO read it too."""

from __future__ import annotations

from parcours.accounts.enums import Role
from parcours.dossiers import perms
from parcours.dossiers.models import Dossier

SECTION = "onboarding"
WRITERS = frozenset({Role.TUTOR, Role.COMPANY_ADMIN, Role.FACILITATOR})


def can_tick(user, dossier: Dossier) -> bool:
    return perms.may_keep_records(user, dossier, WRITERS)
