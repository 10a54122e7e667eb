"""Every paper of a dossier, as PDF (Typst) and DOCX (python-docx), from one source.

render_document(dossier, "convention", "pdf") -> bytes
available_documents(dossier) -> [(name, title, formats, ready, reason)]
instances(dossier, "emargement") -> [(index, key, label, ready, reason)]  (one per module)
parts(dossier, "emargement") -> ["M1-2027-01", …]  (one month alone, also accepted as index)
livret_default_sections(dossier) -> {title: text}  (what `livret_sections=` overrides)
"""

from parcours.domain.documents.livret import livret_default_sections
from parcours.domain.documents.registry import (
    REGISTRY,
    Available,
    DocumentNotReady,
    Instance,
    UnknownDocument,
    available_documents,
    build_paper,
    file_stem,
    instances,
    parts,
    render_document,
)

__all__ = [
    "REGISTRY",
    "Available",
    "DocumentNotReady",
    "Instance",
    "UnknownDocument",
    "available_documents",
    "build_paper",
    "file_stem",
    "instances",
    "livret_default_sections",
    "parts",
    "render_document",
]
