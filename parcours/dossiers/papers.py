"""The dossier's papers (convention, émargement, livret…) as one user may get them, for the
pages and the API alike. Only the documents package's public API is used, and instances
are read from it at each call (how a document splits into files is the package's business).

The renderer is always given `perms.document_for(user, row)`: who may not see the
learner's benefits gets papers produced from a dossier that does not hold them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from parcours.domain.documents import (
    DocumentNotReady,
    UnknownDocument,
    available_documents,
    file_stem,
    instances,
    livret_default_sections,
    render_document,
)
from parcours.domain.dossier import Dossier as DomainDossier
from parcours.domain.loading import parse_dossier
from parcours.dossiers import convert, perms
from parcours.dossiers.models import Dossier

__all__ = ["DocumentNotReady", "UnknownDocument", "listing", "livret_defaults", "produce"]

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
FORMAT_LABELS = {"pdf": "PDF", "docx": "Word (DOCX)"}
LIVRET = "livret"
# A review is judged against the parcours in force on the day it was held: an avenant that
# came into force later does not rewrite what the review compared with.
REVIEW_PAPERS = frozenset({"bilan", "bilan-final"})


@dataclass(frozen=True)
class PaperFile:
    content: bytes
    filename: str
    content_type: str


def domain_for(user, row: Dossier) -> DomainDossier:
    """The domain dossier as this user may read it (benefits stripped if needed)."""
    return parse_dossier(perms.document_for(user, row))


def listing(user, row: Dossier, dossier: DomainDossier | None = None) -> list[dict]:
    """Every paper the user may download, its formats, whether it is ready (or why not) and
    its files (one per séquence, module, bilan… as the package splits it)."""
    dossier = dossier or domain_for(user, row)
    out = []
    for doc in available_documents(dossier):
        if not perms.can_download_document(user, row, doc.name):
            continue
        files = [
            {
                "index": i.index,
                "key": i.key,
                "label": i.label,
                "ready": i.ready,
                "reason": i.reason,
            }
            for i in instances(dossier, doc.name)
        ]
        out.append(
            {
                "name": doc.name,
                "title": doc.title,
                "formats": list(doc.formats),
                "ready": doc.ready,
                "reason": doc.reason,
                "instances": files,
            }
        )
    return out


def _formats(dossier: DomainDossier, name: str) -> tuple[str, ...]:
    for doc in available_documents(dossier):
        if doc.name == name:
            return doc.formats
    raise UnknownDocument(f"document inconnu « {name} »")


def _key(dossier: DomainDossier, name: str, index: str | None) -> str | None:
    """The instance key the file is named after (`index` is a position or a key)."""
    found = instances(dossier, name)
    if index is None or index == "":
        return found[0].key if found else None
    if index.isdigit():
        position = int(index)
        if not 0 <= position < len(found):
            raise UnknownDocument(f"{name} : fichier n° {position} inexistant")
        return found[position].key
    return index


def _safe(part: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", part).strip("-.") or "dossier"


def file_name(row: Dossier, name: str, key: str | None, fmt: str) -> str:
    """`convention-<reference or id>.pdf`, `emargement-M1-<reference or id>.pdf`…"""
    return f"{_safe(file_stem(name, key))}-{_safe(row.reference or str(row.pk))}.{fmt}"


def produce(user, row: Dossier, name: str, fmt: str, index: str | None = None) -> PaperFile:
    """The file, or: `UnknownDocument` (no such paper, format or file), `PermissionDenied`,
    `DocumentNotReady` (its French `reason`). `row` must come from `get_dossier_for`."""
    dossier = domain_for(user, row)
    formats = _formats(dossier, name)
    if not perms.can_download_document(user, row, name):
        raise PermissionDenied(
            "Ce document est réservé à l'entreprise, au tiers facilitateur et à l'OPCO."
        )
    if fmt not in formats:
        raise UnknownDocument(f"{name} : format « {fmt} » indisponible ({', '.join(formats)})")
    key = _key(dossier, name, index)
    if name in REVIEW_PAPERS:
        dossier = _as_on_review_day(user, row, dossier, key)
    content = render_document(
        dossier,
        name,
        fmt,
        index=index or None,
        livret_sections=(row.livret_sections or None) if name == LIVRET else None,
    )
    return PaperFile(content, file_name(row, name, key, fmt), CONTENT_TYPES[fmt])


def _as_on_review_day(user, row: Dossier, dossier: DomainDossier, key: str | None):
    """The dossier with the design of the version in force when the review was held."""
    review = next((r for r in dossier.reviews if (r.id == key if key else r.kind == "final")), None)
    if review is None or review.held_date is None:
        return dossier
    from parcours.amendments.versions import document_at  # amendments builds on dossiers

    data = document_at(row, review.held_date)
    if not perms.can_see_benefits(user, row):
        data = convert.strip_benefits(data)
    return parse_dossier(data)


def livret_defaults(dossier: DomainDossier) -> dict[str, str]:
    """The livret's default sections (title -> text), before the company's edits."""
    return livret_default_sections(dossier)


def livret_titles(defaults: dict[str, str], stored: dict[str, str]) -> list[str]:
    """The livret's sections in print order: the default ones, then the company's own."""
    return list(defaults) + [t for t in stored if t not in defaults]
