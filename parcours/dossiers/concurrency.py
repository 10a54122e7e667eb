"""Saves that conflict only over the same part of the dossier.

The dossier's `version` counts every write. A save names the version its author read; when
others wrote since, the history (`DossierEvent`, one per write, numbered by the version it
reached) says what they touched: an edit touches its section and the top-level keys of its
changes; a change of state, or a write the history does not hold, touches everything. When
none of that is a section this save writes, the save is merged onto the current dossier
(its sections replace theirs, the rest stays as the others left it) and the dossier is
re-validated whole; otherwise `StaleDossier` lists, in words, what the others changed, and
nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from django.utils import formats, timezone

from parcours.domain import wording
from parcours.dossiers.enums import EventKind
from parcours.dossiers.errors import StaleDossier
from parcours.dossiers.models import Dossier, DossierEvent, section_label

EVERYTHING = "*"
SHOWN_CHANGES = 12


def _head(path: str) -> str:
    return re.split(r"[.\[]", path or "", maxsplit=1)[0]


def touched(event: DossierEvent) -> set[str]:
    """The top-level keys of the document an event may have changed."""
    if event.kind == EventKind.TRANSITION:
        return {EVERYTHING}
    keys = {_head(c.get("path", "")) for c in event.changes or [] if isinstance(c, dict)}
    return ({event.section} if event.section else set()) | keys


def _when(event: DossierEvent) -> str:
    return formats.date_format(timezone.localtime(event.at), "j F Y à H:i")


def what_changed(events: Iterable[DossierEvent], sections: set[str], document: dict) -> list[str]:
    """The others' changes to `sections`, one French line each (who, when, what, before →
    after); a change of state says so."""
    lines = []
    for event in events:
        who = str(event.actor) if event.actor else "quelqu'un"
        if event.kind == EventKind.TRANSITION:
            state = f" : {event.get_to_status_display()}" if event.to_status else ""
            lines.append(f"{who}, le {_when(event)} : {event.get_kind_display().lower()}{state}")
            continue
        for change in event.changes or []:
            if not isinstance(change, dict) or _head(change.get("path", "")) not in sections:
                continue
            about = wording.where(change.get("path"), document)
            lines.append(
                f"{who}, le {_when(event)} : {about} — "
                f"{wording.value(change.get('before'))} → {wording.value(change.get('after'))}"
            )
        if not event.changes and event.section in sections:
            lines.append(f"{who}, le {_when(event)} : « {section_label(event.section)} » modifié")
    if len(lines) > SHOWN_CHANGES:
        lines = [*lines[:SHOWN_CHANGES], f"… et {len(lines) - SHOWN_CHANGES} autres changements"]
    return lines


def merge(
    dossier: Dossier,
    expected_version: int,
    sections: Iterable[str],
    fields: dict[str, Any],
    revalidate: Callable[[Dossier], dict[str, Any]],
) -> tuple[int, dict[str, Any]]:
    """(the version to write over, the fields to write) when the writes since
    `expected_version` touched none of `sections`; `StaleDossier` otherwise. `fields`
    holds the new `content`; `revalidate(row)` returns the row fields of the current row
    with the merged content (the domain's validation, `InvalidDossier` when the merge is
    not a valid dossier)."""
    sections = set(sections)
    row = Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
    if row is None:
        raise StaleDossier(None)
    events = list(
        DossierEvent.objects.filter(
            dossier_id=dossier.pk, version__gt=expected_version, version__lte=row.version
        )
        .select_related("actor")
        .order_by("version", "pk")
    )
    known = {e.version for e in events}
    unknown_writes = len(known) < row.version - expected_version
    hit = set().union(*(touched(e) for e in events)) if events else set()
    if unknown_writes or EVERYTHING in hit or hit & sections or expected_version > row.version:
        from parcours.dossiers import convert

        document = convert.document(row)
        lines = what_changed(events, sections, document)
        last = events[-1] if events else None
        who = str(last.actor) if last and last.actor else ""
        raise StaleDossier(row.version, who, _when(last) if who else "", lines)
    content = dict(row.content)
    mine = fields["content"]
    for section in sections:
        if section in mine:
            content[section] = mine[section]
        else:
            content.pop(section, None)
    row.content = content
    return row.version, {**fields, **revalidate(row)}
