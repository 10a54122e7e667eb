"""Attendance as a chain of signed records (format extension, docs/format.md).

Each record's `hash` is the SHA-256 of its canonical form (every other field, the
`previous_hash` included), so that changing a record breaks its own hash, and removing or
moving one breaks the link of the record after it. The canonical form is written here by
hand, field by field, so that the database and an exported file hash the same bytes
whatever serialiser produced them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parcours.domain.dossier import AttendanceRecord, Presence, Session, Signer

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq",
    "session",
    "signer",
    "signer_name",
    "trainer",
    "presence",
    "absence_reason",
    "hours",
    "method",
    "signed_at",
    "recorded_by",
    "evidence_sha256",
    "previous_hash",
)


# Fields with a default in the format: absent and default must hash alike.
DEFAULTS = {"presence": Presence.PRESENT.value}


def _utc(value: dt.datetime | str) -> str:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError("signed_at doit porter un fuseau horaire")
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _plain(value: Any) -> Any:
    """Enum members as their value, hours as a number with no trailing `.0` surprise."""
    value = getattr(value, "value", value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def canonical(fields: Mapping[str, Any]) -> bytes:
    """The bytes a record's hash is taken over: the hashed fields that have a value, as
    compact JSON with sorted keys; `signed_at` in UTC to the second."""
    data = {}
    for name in HASHED_FIELDS:
        value = fields.get(name, DEFAULTS.get(name))
        if value is None or value == "":
            continue
        data[name] = _utc(value) if name == "signed_at" else _plain(value)
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def record_hash(record: AttendanceRecord | Mapping[str, Any]) -> str:
    fields = record if isinstance(record, Mapping) else dict(record)
    return hashlib.sha256(canonical(fields)).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """Where the chain breaks: the record's position in the list (0-based), its `seq`,
    and why, in French."""

    index: int
    seq: int | None
    reason: str

    def __str__(self) -> str:
        return f"enregistrement n° {self.seq if self.seq is not None else '?'} : {self.reason}"


def chain_breaks(
    records: Sequence[AttendanceRecord | Mapping[str, Any]],
    expected_head: str | None = None,
    expected_count: int | None = None,
) -> list[ChainBreak]:
    """Every break in the chain, in order; empty when it is whole. `expected_head` and
    `expected_count` (kept beside the chain, e.g. on the dossier row) also catch the
    removal of the last records, which the chain alone cannot see."""
    breaks: list[ChainBreak] = []
    previous = GENESIS
    for index, record in enumerate(records):
        fields = record if isinstance(record, Mapping) else dict(record)
        seq = fields.get("seq")
        if seq != index + 1:
            breaks.append(
                ChainBreak(index, seq, f"numéro d'ordre {seq} à la place {index + 1} "
                           "(enregistrement supprimé, inséré ou déplacé)")
            )  # fmt: skip
        if fields.get("previous_hash") != previous:
            breaks.append(
                ChainBreak(index, seq, "ne suit pas l'enregistrement précédent de la chaîne "
                           "(un enregistrement a été supprimé, inséré ou déplacé avant lui)")
            )  # fmt: skip
        if record_hash(fields) != fields.get("hash"):
            breaks.append(
                ChainBreak(index, seq, "son contenu ne correspond plus à son empreinte "
                           "(il a été modifié après la signature)")
            )  # fmt: skip
        previous = fields.get("hash") or ""
    if expected_count is not None and expected_count != len(records):
        breaks.append(
            ChainBreak(len(records), None, f"{expected_count} enregistrement(s) attendu(s), "
                       f"{len(records)} trouvé(s) (les derniers ont été supprimés ?)")
        )  # fmt: skip
    elif expected_head is not None and records and previous != expected_head:
        breaks.append(
            ChainBreak(len(records) - 1, None, "le dernier enregistrement n'est pas celui "
                       "qui a été signé en dernier")
        )  # fmt: skip
    return breaks


def next_record_fields(previous: AttendanceRecord | Mapping | None, **fields) -> dict:
    """The fields of the record that follows `previous`, with `seq`, `previous_hash` and
    `hash` filled in (signed_at must be given, timezone-aware)."""
    prev = (
        dict(previous) if previous is not None and not isinstance(previous, Mapping) else previous
    )
    data = {
        **fields,
        "seq": (prev["seq"] + 1) if prev else 1,
        "previous_hash": prev["hash"] if prev else GENESIS,
    }
    data["hash"] = record_hash(data)
    return data


def _first(records: Iterable[AttendanceRecord], session: str, signer: Signer):
    return next((r for r in records if r.session == session and r.signer == signer), None)


def record_of(
    records: Iterable[AttendanceRecord], session_id: str, signer: Signer
) -> AttendanceRecord | None:
    """The signer's record for the session (present or absent), if any."""
    return _first(records, session_id, signer)


def is_absent(records: Iterable[AttendanceRecord], session_id: str, signer: Signer) -> bool:
    record = _first(records, session_id, signer)
    return record is not None and record.presence == Presence.ABSENT


def derive_sessions(
    sessions: Sequence[Session], records: Sequence[AttendanceRecord]
) -> list[Session]:
    """The sessions with `learner_signed`, `trainer_signed` and `attended_hours` taken
    from the records only: signed = a present record of that signer; attended hours = the
    learner's record's hours (the session's when not given), 0 when absent."""
    by_key = {}
    for r in records:
        by_key.setdefault((r.session, r.signer), r)
    derived = []
    for s in sessions:
        learner = by_key.get((s.id, Signer.LEARNER))
        trainer = by_key.get((s.id, Signer.TRAINER))
        if learner is None:
            attended = None
        elif learner.presence == Presence.ABSENT:
            attended = 0.0
        else:
            attended = learner.hours if learner.hours is not None else s.hours
        derived.append(
            s.model_copy(
                update={
                    "learner_signed": learner is not None and learner.presence == Presence.PRESENT,
                    "trainer_signed": trainer is not None and trainer.presence == Presence.PRESENT,
                    "attended_hours": attended,
                }
            )
        )
    return derived
