"""The contract's end, as on the « Rupture du contrat » and « Clôture du contrat » pages:
the company side declares a rupture (a live contract ends) and corrects it until the OPCO
acknowledges its written notice; the OPCO acknowledges; the company side prepares the
attestation de fin de contrat. Each with the `version` read; every date is checked (not in
the future, not before the event it follows). `POST /terminate` still ends a contract
with a free-text reason."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Path, Router, Schema

from parcours.api.dossiers import _detail
from parcours.api.schemas import MAX_INT, DossierOut, ErrorOut, Text, Version
from parcours.closing import actions as closing
from parcours.domain.closing import DETAILS_MAX
from parcours.domain.dossier import RuptureReason
from parcours.dossiers import perms

router = Router(tags=["fin du contrat"])
Id = Annotated[int, Path(ge=1, le=MAX_INT)]
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class RuptureIn(Schema):
    version: Version
    date: dt.date = Field(description="le dernier jour du contrat")
    reason_code: RuptureReason = Field(description="le motif (autre : `details` obligatoire)")
    details: Annotated[Text, Field(max_length=DETAILS_MAX)] = Field(
        "", description="précision du motif"
    )
    opco_informed_on: dt.date | None = Field(
        None, description="date d'envoi de la notification écrite à l'OPCO"
    )


class DatedIn(Schema):
    version: Version
    date: dt.date


@router.post("/{id}/rupture", response={200: DossierOut, **ERRORS})
def rupture(request, id: Id, payload: RuptureIn):
    """Company side: declare the rupture of an accepted or running contract (it becomes
    terminated), or correct a terminated one's until the OPCO has acknowledged it (403
    after)."""
    row = perms.get_dossier_for(request.auth, id)
    closing.declare_rupture(
        row,
        request.auth,
        payload.version,
        date=payload.date,
        reason_code=payload.reason_code,
        details=payload.details,
        opco_informed_on=payload.opco_informed_on,
    )
    return _detail(request.auth, row)


@router.post("/{id}/rupture/acknowledge", response={200: DossierOut, **ERRORS})
def acknowledge(request, id: Id, payload: DatedIn):
    """OPCO: acknowledge the written notice of the rupture on `date`; read-only after."""
    row = perms.get_dossier_for(request.auth, id)
    closing.acknowledge_rupture(row, request.auth, payload.version, payload.date)
    return _detail(request.auth, row)


@router.post("/{id}/attestation/prepare", response={200: DossierOut, **ERRORS})
def prepare_attestation(request, id: Id, payload: DatedIn):
    """Company side: write the attestation from the final review (after a rupture: the
    last held review, or the positioning), dated `date`."""
    row = perms.get_dossier_for(request.auth, id)
    closing.prepare_attestation(row, request.auth, payload.date, payload.version)
    return _detail(request.auth, row)


@router.post("/{id}/certificate/record", response={200: DossierOut, **ERRORS})
def record_certificate(request, id: Id, payload: DatedIn):
    """Company side: join the certificat de réalisation (produced from the émargement) to
    the dossier's documents, dated `date` (not in the future, not before the first signed
    session)."""
    row = perms.get_dossier_for(request.auth, id)
    closing.record_certificate(row, request.auth, payload.date, payload.version)
    return _detail(request.auth, row)
