"""Attendance records as the format writes them, from a `Signature` row's columns.
Pure Python (no Django): `parcours verify-attendance FILE` uses it without a database."""

from __future__ import annotations

import datetime as dt

from parcours.domain.dossier import Presence, Signer, SigningMethod


def choices(enum, labels: dict) -> list[tuple[str, str]]:
    return [(member.value, labels[member]) for member in enum]


SIGNER_LABELS = {Signer.LEARNER: "salarié apprenant", Signer.TRAINER: "formateur"}
PRESENCE_LABELS = {Presence.PRESENT: "présent", Presence.ABSENT: "absent"}
METHOD_LABELS = {
    SigningMethod.ACCOUNT: "depuis son compte",
    SigningMethod.TABLET: "sur la tablette partagée",
    SigningMethod.LINK: "par lien ou QR code",
    SigningMethod.PROVIDER_SHEET: "feuille signée du prestataire",
    SigningMethod.DECLARED: "absence déclarée",
}


# The columns `record_from_values` reads (also used with `.values()`: one query, no model).
RECORD_COLUMNS = (
    "seq",
    "session_id",
    "signer",
    "signer_name",
    "trainer_ref",
    "presence",
    "absence_reason",
    "hours",
    "method",
    "signed_at",
    "recorded_by_name",
    "evidence_sha256",
    "previous_hash",
    "hash",
)


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def record_from_values(v: dict) -> dict:
    """A row's columns (RECORD_COLUMNS) as a format record; empty optional fields left out."""
    record = {
        "seq": v["seq"],
        "session": v["session_id"],
        "signer": v["signer"],
        "signer_name": v["signer_name"],
        "trainer": v["trainer_ref"] or None,
        "presence": v["presence"],
        "absence_reason": v["absence_reason"] or None,
        "hours": v["hours"],
        "method": v["method"],
        "signed_at": _iso(v["signed_at"]),
        "recorded_by": v["recorded_by_name"] or None,
        "evidence_sha256": v["evidence_sha256"] or None,
        "previous_hash": v["previous_hash"],
        "hash": v["hash"],
    }
    return {k: value for k, value in record.items() if value is not None}
