"""Attendance (émargement): sign one's own line of a session, declare an absence, create a
one-time signing link, deposit an external provider's signed sheet, read the records and
verify their chain. Someone else's line: 403; a dossier the caller cannot see: 404; a state,
date or duplicate that does not allow it: 422. Messages in French."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.urls import NoReverseMatch, reverse
from ninja import File, Form, Path, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from parcours.api.schemas import MAX_INT, ErrorOut, Text
from parcours.attendance import actions as attendance
from parcours.attendance import perms as attendance_perms
from parcours.attendance.models import Signature
from parcours.attendance.records import record_from_values
from parcours.attendance.verify import verify_dossier
from parcours.dossiers import convert
from parcours.dossiers import perms as dossier_perms

router = Router(tags=["émargement"])
Id = Annotated[int, Path(ge=1, le=MAX_INT)]
SessionId = Annotated[str, Path(min_length=1, max_length=40)]
SignerName = Literal["learner", "trainer"]
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class SignIn(Schema):
    signer: SignerName = Field(description="la ligne signée : learner (salarié) ou trainer")
    presence: Literal["present", "absent"] = "present"
    absence_reason: Annotated[Text, Field(max_length=500)] = ""


class AbsenceIn(Schema):
    signer: SignerName
    reason: Annotated[Text, Field(max_length=500)] = Field(description="le motif de l'absence")


class LinkIn(Schema):
    signer: SignerName


class LinkOut(Schema):
    url: str = Field(description="le lien à usage unique (à ouvrir ou à montrer en QR code)")
    expires_at: dt.datetime
    session: str
    signer: str


class RecordOut(Schema):
    """One record in the format (docs/format.md), with the database row's id."""

    id: int
    seq: int
    session: str
    signer: str
    signer_name: str
    trainer: str | None = None
    presence: str = "present"
    absence_reason: str | None = None
    hours: float | None = None
    method: str
    signed_at: dt.datetime
    recorded_by: str | None = None
    evidence_sha256: str | None = None
    previous_hash: str
    hash: str


class LineOut(Schema):
    session: str
    date: dt.date
    signer: str
    own: bool = Field(description="la ligne de l'appelant")
    signed: bool
    absent: bool
    can_sign: bool
    can_record_absence: bool
    can_create_link: bool


class AttendanceOut(Schema):
    count: int
    head: str
    records: list[RecordOut]
    lines: list[LineOut] = Field(description="les lignes que l'appelant signe ou peut traiter")


class BreakOut(Schema):
    seq: int | None
    message: str


class VerifyOut(Schema):
    whole: bool = Field(description="la chaîne est intacte")
    count: int
    head: str
    breaks: list[BreakOut]


def _out(signature: Signature) -> dict:
    from parcours.attendance.records import RECORD_COLUMNS

    values = {f: getattr(signature, f) for f in RECORD_COLUMNS}
    return {"id": signature.pk, **record_from_values(values)}


def _signing_url(request, raw: str) -> str:
    try:
        path = reverse("web:sign_link", args=[raw])
    except NoReverseMatch:  # the signing page is not routed (yet)
        path = f"/signer/{raw}/"
    return request.build_absolute_uri(path)


@router.post("/{id}/sessions/{session_id}/signatures", response={201: RecordOut, **ERRORS})
def sign(request, id: Id, session_id: SessionId, payload: SignIn):
    """Sign one's own line of the session, from one's account (server time; present, or
    absent with a reason). Someone else's line: 403, nothing stored."""
    row = dossier_perms.get_dossier_for(request.auth, id)
    signature = attendance.sign_session(
        row,
        request.auth,
        session_id,
        signer=payload.signer,
        presence=payload.presence,
        absence_reason=payload.absence_reason,
    )
    return Status(201, _out(signature))


@router.post("/{id}/sessions/{session_id}/absences", response={201: RecordOut, **ERRORS})
def absence(request, id: Id, session_id: SessionId, payload: AbsenceIn):
    """Declare an absence with its reason: the signer themself, or for the learner the
    company side or the session's trainer."""
    row = dossier_perms.get_dossier_for(request.auth, id)
    signature = attendance.record_absence(
        row, request.auth, session_id, signer=payload.signer, reason=payload.reason
    )
    return Status(201, _out(signature))


@router.post("/{id}/sessions/{session_id}/links", response={201: LinkOut, **ERRORS})
def link(request, id: Id, session_id: SessionId, payload: LinkIn):
    """A one-time signing link for one line of the session (company side or the
    session's trainer), valid a limited time (SIGNING_LINK_MINUTES). The URL is shown once."""
    row = dossier_perms.get_dossier_for(request.auth, id)
    created, raw = attendance.create_signing_link(
        row, request.auth, session_id, signer=payload.signer
    )
    return Status(
        201,
        {
            "url": _signing_url(request, raw),
            "expires_at": created.expires_at,
            "session": created.session_id,
            "signer": created.signer,
        },
    )


@router.post("/{id}/provider-sheets", response={201: list[RecordOut], **ERRORS})
def provider_sheet(
    request,
    id: Id,
    session_ids: Form[list[Annotated[str, Field(min_length=1, max_length=40)]]],
    file: File[UploadedFile],
):
    """Deposit an external provider's signed sheet (multipart/form-data: `session_ids`
    repeated per session, `file`: PDF, JPEG or PNG) as the proof of the learner's presence
    at sessions of externe / distance modules. Company side."""
    row = dossier_perms.get_dossier_for(request.auth, id)
    signatures = attendance.upload_provider_sheet(row, request.auth, session_ids, file)
    return Status(201, [_out(s) for s in signatures])


@router.get("/{id}/attendance", response={200: AttendanceOut, 404: ErrorOut})
def records(request, id: Id):
    """The attendance records (chain order) and the lines the caller signs or may act on."""
    row = dossier_perms.get_dossier_for(request.auth, id)
    ids = dict(row.signatures.values_list("seq", "pk"))
    lines = attendance_perms.lines_for(request.auth, row)
    return {
        "count": row.attendance_count,
        "head": row.attendance_head,
        "records": [{"id": ids.get(r["seq"]), **r} for r in convert.attendance_records(row)],
        "lines": [
            {
                "session": line.session_id,
                "date": line.date,
                "signer": line.signer.value,
                "own": line.own,
                "signed": line.signed,
                "absent": line.absent,
                "can_sign": line.can_sign,
                "can_record_absence": line.can_record_absence,
                "can_create_link": line.can_create_link,
            }
            for line in lines
        ],
    }


@router.get("/{id}/attendance/verify", response={200: VerifyOut, 404: ErrorOut})
def verify(request, id: Id):
    """Is the chain whole? Each break names the record (rank, session, signer)."""
    row = dossier_perms.get_dossier_for(request.auth, id)
    breaks = verify_dossier(row)
    return {
        "whole": not breaks,
        "count": row.attendance_count,
        "head": row.attendance_head,
        "breaks": [{"seq": b.seq, "message": str(b)} for b in breaks],
    }
