"""Is a dossier's attendance chain whole? Each break names the record: its rank, session
and signer (and, in the database, its row), in French.

The rows are read in the order they were written (primary key), not by their `seq`, so that
a `seq` changed by hand shows as a record out of place; the chain's head and length kept on
the dossier row catch the removal of the last records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from parcours.attendance.records import RECORD_COLUMNS, SIGNER_LABELS, record_from_values
from parcours.domain.attendance import ChainBreak, chain_breaks
from parcours.domain.dossier import Signer


def _who(record: Mapping[str, Any]) -> str:
    try:
        signer = SIGNER_LABELS[Signer(record.get("signer"))]
    except ValueError:
        signer = f"signataire « {record.get('signer')} »"
    return f"séance {record.get('session', '?')}, ligne du {signer}"


def named_breaks(
    records: Sequence[Mapping[str, Any]],
    expected_head: str | None = None,
    expected_count: int | None = None,
    row_ids: Sequence[int] | None = None,
) -> list[ChainBreak]:
    """`chain_breaks`, each reason naming the record's session and signer (and its row in
    the database when `row_ids` are given); missing last records are named by rank."""
    found_breaks = chain_breaks(records, expected_head, expected_count)
    # After a record is removed or inserted, every later record's rank is off by one though
    # each is intact and linked to the one before it: only the records that are themselves
    # broken (content or link) are named, and the missing ranks are listed.
    broken = {b.index for b in found_breaks if not b.reason.startswith("numéro d'ordre")}
    named = []
    for found in found_breaks:
        if found.reason.startswith("numéro d'ordre") and found.index not in broken:
            continue
        if found.index >= len(records):  # fewer records than the dossier says
            present = {r.get("seq") for r in records}
            missing = [n for n in range(1, (expected_count or 0) + 1) if n not in present]
            lost = ", ".join(map(str, missing))
            detail = f"enregistrement(s) n° {lost} introuvable(s) : " if missing else ""
            named.append(ChainBreak(found.index, None, detail + found.reason))
            continue
        record = records[found.index]
        row = f" (ligne {row_ids[found.index]} de la base)" if row_ids else ""
        seq = found.seq if found.seq is not None else record.get("seq")
        named.append(ChainBreak(found.index, seq, f"{_who(record)}{row} : {found.reason}"))
    return named


def verify_dossier(row) -> list[ChainBreak]:
    """The breaks of a dossier's chain in the database (empty: whole). Reads the
    `Signature` rows in the order they were written, and the head and length kept on the
    dossier row."""
    from parcours.dossiers.models import Dossier

    fresh = (
        Dossier.objects.filter(pk=row.pk).values("attendance_head", "attendance_count").first()
        or {}
    )
    values = list(row.signatures.order_by("pk").values("pk", *RECORD_COLUMNS))
    records = [record_from_values(v) for v in values]
    return named_breaks(
        records,
        expected_head=fresh.get("attendance_head") or None,
        expected_count=fresh.get("attendance_count", 0),
        row_ids=[v["pk"] for v in values],
    )
