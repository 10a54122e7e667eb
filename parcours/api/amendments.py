"""The versions of a parcours, as on the « Versions du parcours » page: every party lists
them; the OPCO proposes adaptations (until the first review) and decides on avenants; the
company side answers adaptations, drafts and submits avenants; the parties' signature dates
of an accepted avenant are recorded. Every write takes the dossier `version` read; every
date (`on`) defaults to today and is never in the future nor before the event it follows."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import Http404, HttpResponse
from ninja import Field, Path, Router, Schema, Status

from parcours.amendments import actions, perms
from parcours.amendments import versions as v
from parcours.amendments.models import Kind, ParcoursVersion, State
from parcours.api.schemas import MAX_INT, ErrorOut, Text, Version
from parcours.dossiers import convert
from parcours.dossiers import perms as dossier_perms

router = Router(tags=["versions du parcours"])
Id = Annotated[int, Path(ge=1, le=MAX_INT)]
Number = Annotated[int, Path(ge=1, le=MAX_INT)]
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
ON = Field(None, description="la date (AAAA-MM-JJ) ; défaut : aujourd'hui")


class VersionOut(Schema):
    number: int
    kind: str = Field(description="initial | adaptation | avenant")
    kind_label: str
    state: str = Field(description="draft | proposed | accepted | declined | refused")
    state_label: str
    in_force: bool = Field(
        description="acceptée (et, pour un avenant, signée par toutes les parties)"
    )
    in_force_from: dt.date | None
    base: int | None = Field(description="la version que celle-ci modifie")
    explanation: str
    author: str
    proposed_at: dt.date | None
    decided_at: dt.date | None
    decided_by: str
    decision_reason: str
    signatures: dict[str, dt.date | None] = Field(
        description="avenant accepté : partie (company, facilitator, opco, learner) → date"
    )
    changes: list[str] = Field(description="ce qui change par rapport à `base`, en français")
    sections: dict[str, Any] = Field(
        description="competences, modules, sequences, contract (action_start, action_end, "
        "weekly_hours) de cette version"
    )


class VersionsOut(Schema):
    version: int = Field(description="la version du dossier (verrou optimiste)")
    in_force: int | None = Field(description="le numéro de la version en vigueur aujourd'hui")
    pending: int | None = Field(description="la version en cours (brouillon, proposée, à signer)")
    can_propose_adaptation: bool
    can_draft_avenant: bool
    versions: list[VersionOut]


class VersionWritten(VersionOut):
    dossier_version: int = Field(description="la nouvelle version du dossier")


class DraftIn(Schema):
    version: Version
    sections: dict[str, Any] = Field(
        description="competences, modules (listes du format) et contract (action_start, "
        "action_end, weekly_hours) ; ce qui n'est pas donné reste comme en vigueur"
    )
    explanation: Text = ""


class ProposeIn(DraftIn):
    on: dt.date | None = ON


class DatedIn(Schema):
    version: Version
    on: dt.date | None = ON


class ReasonIn(DatedIn):
    reason: Text


class SignatureIn(DatedIn):
    party: str = Field(description="company | facilitator | opco | learner")


class VersionBody(Schema):
    version: Version


def _out(user, row, items: list[ParcoursVersion], x: ParcoursVersion, document: dict) -> dict:
    base = v.previous(items, x)
    mine = v.version_document(row, x, document)
    if not perms.sees_money(user, row):
        mine = convert.strip_money(mine)
    changes = v.comparison(document, base, x).sentences if base else ()
    return {
        "number": x.number,
        "kind": x.kind,
        "kind_label": x.get_kind_display(),
        "state": x.state,
        "state_label": x.get_state_display(),
        "in_force": x.in_force,
        "in_force_from": x.in_force_from,
        "base": base.number if base else None,
        "explanation": x.explanation,
        "author": str(x.author or ""),
        "proposed_at": x.proposed_at,
        "decided_at": x.decided_at,
        "decided_by": str(x.decided_by or ""),
        "decision_reason": x.decision_reason,
        "signatures": {p.value: x.signature(p) for p in v.parties(document)}
        if x.kind == Kind.AVENANT and x.state == State.ACCEPTED
        else {},
        "changes": list(changes),
        "sections": {k: mine.get(k) for k in ("competences", "modules", "sequences")}
        | {"contract": x.sections.get("contract", {})},
    }


def _written(user, row, x: ParcoursVersion) -> dict:
    items = v.versions(row)
    x = next(i for i in items if i.pk == x.pk)
    return _out(user, row, items, x, convert.document(row)) | {"dossier_version": row.version}


def _row(request, id: int):
    return dossier_perms.get_dossier_for(request.auth, id)


@router.get("/{id}/versions", response={200: VersionsOut, 404: ErrorOut})
def list_versions(request, id: Id):
    """Every version of the parcours (oldest first), with what each changes."""
    row = _row(request, id)
    v.ensure_initial(row)
    items = v.versions(row)
    document = convert.document(row)
    current = v.in_force_at(items, v.today())
    busy = v.pending(items)
    first = v.first_held_review(document)
    user = request.auth
    return {
        "version": row.version,
        "in_force": current.number if current else None,
        "pending": busy.number if busy else None,
        "can_propose_adaptation": busy is None
        and v.review_before(document, v.today()) is None
        and perms.can_propose_adaptation(user, row),
        "can_draft_avenant": busy is None
        and first is not None
        and perms.can_draft_avenant(user, row),
        "versions": [_out(user, row, items, x, document) for x in items],
    }


@router.post("/{id}/adaptations", response={201: VersionWritten, **ERRORS})
def propose_adaptation(request, id: Id, payload: ProposeIn):
    """The OPCO proposes an adaptation of the parcours (until the first review), with its
    explanation: drafted and proposed to the company at once."""
    row = _row(request, id)
    done = actions.propose_adaptation(
        row, request.auth, payload.sections, payload.explanation, payload.version, payload.on
    )
    return Status(201, _written(request.auth, row, done))


@router.post("/{id}/avenants", response={201: VersionWritten, **ERRORS})
def draft_avenant(request, id: Id, payload: DraftIn):
    """The company side drafts an avenant (after the first review); submit it next."""
    row = _row(request, id)
    done = actions.save_draft(
        row, request.auth, Kind.AVENANT, payload.sections, payload.explanation, payload.version
    )
    return Status(201, _written(request.auth, row, done))


def _kind_of(row, number: int) -> str:
    found = row.parcours_versions.filter(number=number).values_list("kind", flat=True).first()
    if found is None:
        raise Http404
    return found


@router.put("/{id}/versions/{number}", response={200: VersionWritten, **ERRORS})
def update_draft(request, id: Id, number: Number, payload: DraftIn):
    """Change a draft (its author's side)."""
    row = _row(request, id)
    done = actions.save_draft(
        row, request.auth, _kind_of(row, number), payload.sections, payload.explanation,
        payload.version, number,
    )  # fmt: skip
    return _written(request.auth, row, done)


@router.delete("/{id}/versions/{number}", response={200: VersionsOut, **ERRORS})
def discard_draft(request, id: Id, number: Number, payload: VersionBody):
    """Drop a draft never sent."""
    row = _row(request, id)
    _kind_of(row, number)
    actions.discard_draft(row, request.auth, number, payload.version)
    return list_versions(request, id)


@router.post("/{id}/versions/{number}/submit", response={200: VersionWritten, **ERRORS})
def submit(request, id: Id, number: Number, payload: DatedIn):
    """Send a draft: the OPCO's adaptation to the company, the company's avenant to the OPCO."""
    row = _row(request, id)
    _kind_of(row, number)
    done = actions.submit(row, request.auth, number, payload.version, payload.on)
    return _written(request.auth, row, done)


@router.post("/{id}/versions/{number}/accept", response={200: VersionWritten, **ERRORS})
def accept(request, id: Id, number: Number, payload: DatedIn):
    """An adaptation: the company side accepts it (in force from `on`). An avenant: the
    OPCO accepts it (in force once every party has signed)."""
    row = _row(request, id)
    if _kind_of(row, number) == Kind.AVENANT:
        done = actions.accept_avenant(row, request.auth, number, payload.version, payload.on)
    else:
        done = actions.accept_adaptation(row, request.auth, number, payload.version, payload.on)
    return _written(request.auth, row, done)


@router.post("/{id}/versions/{number}/decline", response={200: VersionWritten, **ERRORS})
def decline(request, id: Id, number: Number, payload: ReasonIn):
    """The company side declines the OPCO's adaptation (`reason`)."""
    row = _row(request, id)
    _kind_of(row, number)
    done = actions.decline_adaptation(
        row, request.auth, number, payload.reason, payload.version, payload.on
    )
    return _written(request.auth, row, done)


@router.post("/{id}/versions/{number}/refuse", response={200: VersionWritten, **ERRORS})
def refuse(request, id: Id, number: Number, payload: ReasonIn):
    """The OPCO refuses the avenant (`reason`)."""
    row = _row(request, id)
    _kind_of(row, number)
    done = actions.refuse_avenant(
        row, request.auth, number, payload.reason, payload.version, payload.on
    )
    return _written(request.auth, row, done)


@router.post("/{id}/versions/{number}/signatures", response={200: VersionWritten, **ERRORS})
def sign(request, id: Id, number: Number, payload: SignatureIn):
    """The day one party signed the accepted avenant; the last one puts it in force."""
    row = _row(request, id)
    _kind_of(row, number)
    done = actions.record_signature(
        row, request.auth, number, payload.party, payload.version, payload.on
    )
    return _written(request.auth, row, done)


@router.get("/{id}/versions/{number}/avenant", response={200: None, 404: ErrorOut})
def avenant_pdf(request, id: Id, number: Number):
    """The « Avenant à la convention » (PDF) of an avenant the OPCO accepted."""
    row = _row(request, id)
    version = row.parcours_versions.filter(number=number, kind=Kind.AVENANT).first()
    if version is None or version.state != State.ACCEPTED:
        raise Http404
    response = HttpResponse(v.avenant_pdf(row, version), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="avenant-version-{number}.pdf"'
    return response
