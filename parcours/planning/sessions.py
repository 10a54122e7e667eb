"""The sessions of a dossier as people read them: module, trainer, and the state of their
signatures (derived from the attendance records; older files without records keep the
flags they give)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from parcours.domain import text
from parcours.domain.dossier import Modality

INTERNAL = frozenset({Modality.INTERNE.value, Modality.AFEST.value})
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def records_of(document: dict) -> list[dict]:
    """The attendance records of the document (none before the attendance app fills them)."""
    return list(document.get("attendance") or [])


def signed_ids(document: dict) -> set[str]:
    """The ids of the sessions that hold any attendance record (a signature or a declared
    absence): those are never moved nor deleted."""
    ids = {r.get("session") for r in records_of(document)}
    flagged = {
        s["id"]
        for s in document.get("sessions") or []
        if not records_of(document) and (s.get("learner_signed") or s.get("trainer_signed"))
    }
    return ids | flagged


def _parse_time(value) -> dt.time | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))


def hhmm(value) -> str:
    """09:00 (the way the pages and messages write a time)."""
    t = _parse_time(value)
    return t.strftime("%H:%M") if t else ""


def long_date(day: dt.date) -> str:
    """« lundi 12 mars 2027 »."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {text.MONTHS[day.month - 1]} {day.year}"


def _signer_state(records: list[dict], session_id: str, signer: str, flag: bool) -> str:
    """« signé », « absent » or « » (nothing yet)."""
    record = next(
        (r for r in records if r["session"] == session_id and r["signer"] == signer), None
    )
    if record is None:
        return "signé" if flag and not records else ""
    return "absent" if record.get("presence") == "absent" else "signé"


def _state_label(learner: str, trainer: str | None, day: dt.date, today: dt.date) -> str:
    parts = []
    if learner:
        parts.append(f"salarié : {learner}")
    if trainer:
        parts.append(f"formateur : {trainer}")
    if parts:
        waiting = not learner or trainer == ""
        return ("Émargée en partie — " if waiting else "Émargée — ") + ", ".join(parts)
    return "À venir" if day > today else "À émarger"


def rows(document: dict, today: dt.date | None = None) -> list[dict[str, Any]]:
    """One dict per session, in date and time order, with what the pages and the API show."""
    today = today or dt.date.today()
    modules = {m["id"]: m for m in document.get("modules") or []}
    trainers = {t["id"]: t for t in document.get("trainers") or []}
    records = records_of(document)
    out = []
    for index, s in enumerate(document.get("sessions") or []):
        day = dt.date.fromisoformat(str(s["date"]))
        module = modules.get(s["module"], {})
        internal = module.get("modality") in INTERNAL
        learner = _signer_state(records, s["id"], "learner", s.get("learner_signed", False))
        trainer = (
            _signer_state(records, s["id"], "trainer", s.get("trainer_signed", False))
            if internal
            else None
        )
        signed = any(r["session"] == s["id"] for r in records) or (
            not records and (s.get("learner_signed") or s.get("trainer_signed"))
        )
        trainer_id = s.get("trainer")
        out.append(
            {
                "index": index,
                "id": s["id"],
                "module": s["module"],
                "module_title": module.get("title", ""),
                "modality": module.get("modality"),
                "date": day,
                "start_time": _parse_time(s.get("start_time")),
                "end_time": _parse_time(s.get("end_time")),
                "hours": s["hours"],
                "trainer": trainer_id,
                "trainer_name": (trainers.get(trainer_id) or {}).get("name", trainer_id or ""),
                "learner_signed": learner == "signé",
                "trainer_signed": trainer == "signé",
                "needs_trainer_signature": internal,
                "signed": bool(signed),
                "state": _state_label(learner, trainer, day, today),
            }
        )
    return sorted(out, key=lambda r: (r["date"], r["start_time"] or dt.time.min, r["id"]))


def by_month(items: list[dict]) -> list[tuple[str, list[dict]]]:
    """[(« mars 2027 », [rows…]), …] in date order."""
    months: dict[tuple[int, int], list[dict]] = {}
    for item in items:
        months.setdefault((item["date"].year, item["date"].month), []).append(item)
    return [(text.month(*ym), group) for ym, group in months.items()]
