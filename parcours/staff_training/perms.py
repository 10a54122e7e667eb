"""Who plans the tutor's and trainers' trainings and sets aside their working time.

The company side (company admin, facilitator), from the draft while the contract runs: a
training is prepared before the contract (guide step 4) and may be followed during it.
Every party of the dossier reads the page; a submitted, refused, completed or terminated
dossier is read-only, like its other sections."""

from __future__ import annotations

from parcours.dossiers import lifecycle, perms
from parcours.dossiers.models import Dossier

SECTION = "staff_training"


def can_edit(user, dossier: Dossier) -> bool:
    return perms.may_keep_records(user, dossier, lifecycle.COMPANY_SIDE)
