"""Signed papers (CERFA 12434, convention): list, upload (multipart), download. The same
checks as the documents page: type read from the content, size limit, private storage,
the permission layer for every file."""

import datetime as dt
from typing import Annotated, Literal

from ninja import File, Form, Path, Router, Status
from ninja.files import UploadedFile

from parcours.api.schemas import MAX_INT, ErrorOut, SignedDocumentOut, Version
from parcours.dossiers import perms
from parcours.dossiers.models import SignedDocument
from parcours.dossiers.uploads import (
    SIGNATORIES,
    signed_document_response,
    upload_signed_document,
)

router = Router(tags=["documents signés"])
Id = Annotated[int, Path(ge=1, le=MAX_INT)]
Signatory = Literal[SIGNATORIES]
SIGNED_FILE = {
    "description": "le fichier déposé",
    "content": {t: {"schema": {"type": "string", "format": "binary"}}
                for t in ("application/pdf", "image/jpeg", "image/png")},
}  # fmt: skip


def _out(document: SignedDocument, newest: dict[str, int]) -> dict:
    return {
        "id": document.pk,
        "kind": document.kind,
        "version": document.version,
        "current": newest.get(document.kind) == document.version,
        "original_name": document.original_name,
        "content_type": document.content_type,
        "size": document.size,
        "sha256": document.sha256,
        "signed_on": document.signed_on,
        "signed_by": document.signed_by,
        "uploaded_by": document.uploaded_by.get_full_name() or document.uploaded_by.username,
        "uploaded_at": document.at,
    }


@router.get("/{id}/signed-documents", response={200: list[SignedDocumentOut], 404: ErrorOut})
def signed_documents(request, id: Id):
    """Every version of the signed papers the caller's role may read (the CERFA, which
    carries the learner's social status, only for the company admin and the OPCO)."""
    row = perms.get_dossier_for(request.auth, id)
    readable = perms.readable_signed_documents(request.auth, row)
    newest: dict[str, int] = {}
    for d in readable:
        newest[d.kind] = max(newest.get(d.kind, 0), d.version)
    return [_out(d, newest) for d in readable]


@router.post(
    "/{id}/signed-documents",
    response={201: SignedDocumentOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
def upload(
    request,
    id: Id,
    kind: Form[Literal["cerfa_12434", "convention"]],
    signed_on: Form[dt.date],
    signed_by: Form[list[Signatory]],
    file: File[UploadedFile],
    version: Form[Version | None] = None,
):
    """Deposit a new version of a signed paper (multipart/form-data: `kind`, `signed_on`,
    `signed_by` repeated per signatory, `file`, optionally `version`, the dossier version
    read). PDF, JPEG or PNG, recognised by content; size limit; older versions are kept.
    The newest version fills the dossier's `documents` (DOC-01)."""
    row = perms.get_dossier_for(request.auth, id)
    document = upload_signed_document(
        row, request.auth, kind, file, signed_on, signed_by, expected_version=version
    )
    return Status(201, _out(document, {document.kind: document.version}))


@router.get(
    "/{id}/signed-documents/{doc_id}",
    response={403: ErrorOut, 404: ErrorOut},
    openapi_extra={"responses": {200: SIGNED_FILE}},
)
def signed_document_file(request, id: Id, doc_id: Id):
    """One deposited file, as it was uploaded."""
    row = perms.get_dossier_for(request.auth, id)
    return signed_document_response(request.auth, row, doc_id)
