"""Signed documents: checked by their content (not their name), stored under
`PRIVATE_MEDIA_ROOT` with a random name, read back only through the permission layer."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.http import FileResponse, Http404
from django.utils import timezone

from parcours.dossiers import convert, filecheck, perms
from parcours.dossiers.enums import EventKind, SignedKind
from parcours.dossiers.errors import FieldError, InvalidDossier
from parcours.dossiers.models import Dossier, DossierEvent, SignedDocument

# The first bytes of each accepted type, and the extension stored files get.
MAGIC = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)
SIGNATORIES = ("company", "facilitator", "opco", "learner")


def sniff(content: bytes) -> tuple[str, str]:
    """(content type, extension) from the magic bytes, once the whole content opens as that
    format (filecheck: a PDF's pages, an image decoded, no HTML inside); InvalidDossier
    when not a PDF, JPEG or PNG."""
    for magic, content_type, extension in MAGIC:
        if content.startswith(magic):
            try:
                filecheck.check(content, content_type)
            except filecheck.NotThatFormat as exc:
                raise InvalidDossier([FieldError("file", str(exc))]) from None
            return content_type, extension
    raise InvalidDossier(
        [
            FieldError(
                "file",
                "le fichier doit être un PDF, un JPEG ou un PNG (son contenu ne "
                "correspond à aucun de ces formats, quel que soit son nom)",
            )
        ]
    )


def _read(file) -> bytes:
    limit = settings.SIGNED_DOCUMENT_MAX_BYTES
    content = file.read(limit + 1)
    if len(content) > limit:
        mb = limit / 1024 / 1024
        raise InvalidDossier(
            [FieldError("file", f"le fichier dépasse la taille maximale de {mb:g} Mo")]
        )
    if not content:
        raise InvalidDossier([FieldError("file", "le fichier est vide")])
    return content


def _validate(kind: str, signed_on, signed_by) -> None:
    errors = []
    if kind not in SignedKind.values:
        errors.append(FieldError("kind", "type de document inconnu (cerfa_12434 ou convention)"))
    if not isinstance(signed_on, dt.date):
        errors.append(FieldError("signed_on", "la date de signature est obligatoire"))
    elif signed_on > timezone.localdate():
        errors.append(
            FieldError("signed_on", "la date de signature ne peut pas être dans le futur")
        )
    if not set(signed_by or []) <= set(SIGNATORIES):
        errors.append(FieldError("signed_by", "signataires possibles : " + ", ".join(SIGNATORIES)))
    if errors:
        raise InvalidDossier(errors)


def _store(content: bytes, extension: str) -> str:
    relative = Path("signed") / f"{secrets.token_hex(16)}{extension}"
    target = settings.PRIVATE_MEDIA_ROOT / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return str(relative)


@transaction.atomic
def upload_signed_document(
    dossier: Dossier,
    user,
    kind: str,
    file,
    signed_on: dt.date,
    signed_by: list[str],
    expected_version: int | None = None,
) -> SignedDocument:
    """Keep a new version of a signed paper; the newest one fills `documents` (DOC-01).
    `file` is any object with `.read()` and, optionally, `.name`."""
    _validate(kind, signed_on, signed_by)
    if not perms.can_upload_signed_document(user, dossier, kind):
        raise PermissionDenied("Vous ne pouvez pas déposer ce document pour ce dossier.")
    content = _read(file)
    content_type, extension = sniff(content)
    entry = {"kind": kind, "date": signed_on, "signed_by": list(dict.fromkeys(signed_by))}
    documents = [d for d in dossier.content.get("documents", []) if d.get("kind") != kind]
    # The entry the deposit replaces, for the history (and the OPCO's « what changed »).
    replaced = next(
        (d for d in dossier.content.get("documents", []) if d.get("kind") == kind), None
    )
    data = convert.with_section(dossier, "documents", [*documents, entry])
    from parcours.dossiers.actions import _row_fields, _write  # one write path for versions

    fields = _row_fields(data, dossier.status)
    path = _store(content, extension)
    try:
        _write(dossier, dossier.version if expected_version is None else expected_version, **fields)
        last = dossier.signed_documents.filter(kind=kind).aggregate(n=Max("version"))["n"] or 0
        document = SignedDocument.objects.create(
            dossier=dossier,
            kind=kind,
            version=last + 1,
            file_path=path,
            original_name=Path(getattr(file, "name", "") or "document").name[:255],
            content_type=content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            signed_on=signed_on,
            signed_by=entry["signed_by"],
            uploaded_by=user,
        )
        DossierEvent.objects.create(
            dossier=dossier,
            actor=user,
            kind=EventKind.UPLOAD,
            version=dossier.version,
            section="documents",
            comment=f"{document} ({document.original_name})",
            changes=[
                {
                    "path": "documents",
                    "before": replaced,
                    "after": entry | {"date": signed_on.isoformat()},
                }
            ],
        )
    except BaseException:
        (settings.PRIVATE_MEDIA_ROOT / path).unlink(missing_ok=True)
        raise
    return document


def open_signed_document(user, dossier: Dossier, doc_id) -> tuple[SignedDocument, object]:
    """The document row and its open binary file, for a view to stream; 404 when the user
    may not see the dossier or the document does not exist, 403 when their role may not
    read this kind of document."""
    if not perms.can_view(user, dossier):
        raise Http404
    document = dossier.signed_documents.filter(pk=doc_id).first()
    if document is None:
        raise Http404
    if not perms.can_download_signed_document(user, dossier, document.kind):
        raise PermissionDenied("Votre rôle ne permet pas d'ouvrir ce document.")
    path = settings.PRIVATE_MEDIA_ROOT / document.file_path
    if not path.is_file():
        raise Http404
    return document, path.open("rb")


def signed_document_response(user, dossier: Dossier, doc_id) -> FileResponse:
    """The deposited file as a download, for the documents page and the API alike."""
    document, handle = open_signed_document(user, dossier, doc_id)
    return attachment(handle, served_name(dossier, document), document.content_type)


EXTENSIONS = {content_type: extension for _, content_type, extension in MAGIC}


def served_name(dossier: Dossier, document: SignedDocument) -> str:
    """The name a download gets, built by the server (never the uploader's): the kind, the
    dossier, the version and the extension of the type read from the content."""
    extension = EXTENSIONS.get(document.content_type, ".bin")
    return f"{document.kind}-dossier-{dossier.pk}-v{document.version}{extension}"


def attachment(handle, filename: str, content_type: str) -> FileResponse:
    """A download, never displayed in place, its type never guessed by the browser."""
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
