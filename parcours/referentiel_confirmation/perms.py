"""Who records that the work team confirmed the référentiel: the company side (company
admin, facilitator), while the référentiel can still change — from the draft to the running
contract (an amendment may change the competences, which then need a new confirmation); not
while the OPCO instructs, nor once the dossier is closed. Every party reads it."""

from __future__ import annotations

from parcours.dossiers import lifecycle, perms
from parcours.dossiers.models import Dossier

SECTION = "referentiel_confirmation"


def can_confirm(user, dossier: Dossier) -> bool:
    return perms.may_keep_records(user, dossier, lifecycle.COMPANY_SIDE)
