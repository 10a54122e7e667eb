"""The only writers of a dossier's sessions: generate a plan (the domain's planner), move,
add or delete one session.

Like `parcours.dossiers.actions`: atomic, the permission checked inside (`perms.can_plan`:
the company side, dossier accepted or running), validated through the domain (bad input:
`InvalidDossier` naming the session and the field in French, nothing written), the version
lock (`StaleDossier`), one `DossierEvent` (section « sessions ») with a French comment.
A session holding any attendance record (a signature, a declared absence) is never moved
nor deleted: the signature attests that date, those times, those hours.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from parcours.domain import text
from parcours.domain.planning import Infeasible, PlanOptions, apply_plan, plan
from parcours.dossiers import actions, convert, perms
from parcours.dossiers.errors import FieldError, InvalidDossier
from parcours.dossiers.models import Dossier
from parcours.planning.sessions import INTERNAL, hhmm, signed_ids

__all__ = [
    "Infeasible",
    "add_session",
    "delete_session",
    "generate_plan",
    "preview",
    "update_session",
]

# What a page or the API may change on one session (its module is chosen when it is added).
MOVABLE = ("date", "start_time", "end_time", "hours", "trainer")
ADDABLE = ("module", *MOVABLE)
MAX_DAILY_HOURS = 7.0


NOT_ALLOWED = (
    "Seuls l'entreprise et le tiers facilitateur planifient les séances, une fois la prise "
    "en charge accordée et tant que le contrat court."
)


def _require(user, dossier: Dossier) -> None:
    if not perms.can_plan(user, dossier):
        raise PermissionDenied(NOT_ALLOWED)


def _with(options: PlanOptions, **changes) -> PlanOptions:
    if dataclasses.is_dataclass(options):
        return dataclasses.replace(options, **changes)
    return options.model_copy(update=changes)


def _today() -> dt.date:
    return timezone.localdate()


# --- generating ----------------------------------------------------------------------


@transaction.atomic
def generate_plan(dossier: Dossier, user, options: PlanOptions, expected_version: int) -> Dossier:
    """Replace the sessions by the planner's (and the interne/AFEST séquences' calendars by
    their sessions' dates). Sessions already signed are kept as they are and the rest is
    planned from today. Impossible: `Infeasible` with the planner's French reasons."""
    _require(user, dossier)
    document = convert.document(dossier)
    current = convert.to_domain(dossier)
    signed = signed_ids(document)
    if signed:
        kept = {s.id: s for s in options.keep}
        kept |= {s.id: s for s in current.sessions if s.id in signed}
        start = max(options.start_from or _today(), _today())
        options = _with(options, keep=tuple(kept.values()), start_from=start)
    result = plan(current, options)
    planned = apply_plan(current, result).model_dump(mode="json")
    count = len(planned["sessions"])
    comment = f"Calendrier des séances généré : {count} séance{'s' * (count > 1)}"
    if signed:
        comment += f", dont {len(signed)} déjà émargée{'s' * (len(signed) > 1)} conservée" + (
            "s" * (len(signed) > 1)
        )
    return actions.save_sections(
        dossier,
        user,
        {"sessions": planned["sessions"], "sequences": planned["sequences"]},
        expected_version,
        event_section="sessions",
        comment=comment + ".",
    )


# --- one session ---------------------------------------------------------------------


def _label(session: dict) -> str:
    try:
        return f"séance du {text.date(_as_date(session.get('date')))}"
    except (TypeError, ValueError):
        return "nouvelle séance"


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _as_time(value) -> dt.time | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))


def _duration(start: dt.time, end: dt.time) -> float:
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return round(minutes / 60, 2)


def _clean(document: dict, raw: dict, index: int, session_id: str | None) -> dict:
    """The session's JSON value from what was typed, or `InvalidDossier` whose messages
    name the session (« séance du 12/03/2027 : … ») and whose paths name the field."""
    path = f"sessions[{index}]"
    errors: list[FieldError] = []
    value: dict[str, Any] = {}

    def error(field: str, message: str) -> None:
        errors.append(FieldError(f"{path}.{field}", message))

    try:
        value["date"] = _as_date(raw.get("date"))
    except (TypeError, ValueError):
        value["date"] = None
        error("date", f"{_label(raw)} : la date est obligatoire (jj/mm/aaaa)")
    who = _label({"date": value["date"]}) if value["date"] else _label(raw)
    times = {}
    for field, what in (("start_time", "l'heure de début"), ("end_time", "l'heure de fin")):
        try:
            times[field] = _as_time(raw.get(field))
        except (TypeError, ValueError):
            times[field] = None
            error(field, f"{who} : {what} est illisible (attendu HH:MM)")
    start, end = times["start_time"], times["end_time"]
    if (start is None) != (end is None) and len(errors) == 0:
        missing = "end_time" if end is None else "start_time"
        error(missing, f"{who} : indiquez l'heure de début et l'heure de fin, ou aucune des deux")
    if start and end and end <= start:
        error("end_time", f"{who} : l'heure de fin doit suivre l'heure de début")
    hours = raw.get("hours")
    if hours in (None, ""):
        if start and end and end > start:
            hours = _duration(start, end)
        elif not errors:
            error(
                "hours",
                f"{who} : indiquez les heures de la séance, ou ses heures de début et de fin",
            )
    else:
        try:
            hours = float(hours)
        except (TypeError, ValueError):
            hours = None
            error("hours", f"{who} : les heures doivent être un nombre")
        if hours is not None and not 0 < hours <= 24:
            error("hours", f"{who} : les heures doivent être comprises entre 0 et 24")
        elif hours is not None and start and end and end > start and hours > _duration(start, end):
            error(
                "hours",
                f"{who} : {text.hours(hours)} de formation ne tiennent pas entre {hhmm(start)} "
                f"et {hhmm(end)}",
            )
    modules = {m["id"]: m for m in document.get("modules") or []}
    module = modules.get(raw.get("module"))
    if module is None:
        error("module", f"{who} : choisissez un module du parcours")
    trainer = (raw.get("trainer") or "").strip() or None
    known = {t["id"] for t in document.get("trainers") or []}
    if trainer and trainer not in known:
        error("trainer", f"{who} : formateur « {trainer} » inconnu dans ce dossier")
    if trainer is None and module is not None and module.get("modality") in INTERNAL:
        trainer = module.get("trainer")
    if errors:
        raise InvalidDossier(errors)
    value.update(
        id=session_id,
        module=module["id"],
        date=value["date"].isoformat(),
        hours=hours,
        start_time=start.isoformat(timespec="minutes") if start else None,
        end_time=end.isoformat(timespec="minutes") if end else None,
        trainer=trainer,
    )
    _check_day(document, value, index, who)
    return value


def _check_day(document: dict, value: dict, index: int, who: str) -> None:
    """On the session's day: no two sessions overlap, 7 training hours at most."""
    others = [
        s
        for s in document.get("sessions") or []
        if s["id"] != value["id"] and str(s["date"]) == value["date"]
    ]
    errors = []
    start, end = _as_time(value["start_time"]), _as_time(value["end_time"])
    for other in others:
        o_start, o_end = _as_time(other.get("start_time")), _as_time(other.get("end_time"))
        if start and end and o_start and o_end and start < o_end and o_start < end:
            errors.append(
                FieldError(
                    f"sessions[{index}].start_time",
                    f"{who} : elle chevauche la séance {other['id']} ({other['module']}, "
                    f"de {hhmm(o_start)} à {hhmm(o_end)})",
                )
            )
    total = value["hours"] + sum(float(s["hours"]) for s in others)
    if total > MAX_DAILY_HOURS + 1e-9:
        errors.append(
            FieldError(
                f"sessions[{index}].hours",
                f"{who} : ce jour-là compterait {text.hours(total)} de formation ; "
                f"{text.hours(MAX_DAILY_HOURS)} au plus par jour",
            )
        )
    if errors:
        raise InvalidDossier(errors)


def _unknown_fields(data: dict, allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise InvalidDossier(
            [FieldError(name, "champ inconnu : une séance se décrit par " + ", ".join(allowed))
             for name in unknown]
        )  # fmt: skip


def _find(document: dict, session_id: str) -> tuple[int, dict]:
    for index, session in enumerate(document.get("sessions") or []):
        if session["id"] == session_id:
            return index, session
    raise InvalidDossier(
        [FieldError("session", f"séance « {session_id} » inconnue dans ce dossier")]
    )


def _refuse_if_signed(document: dict, index: int, session: dict, what: str) -> None:
    if session["id"] in signed_ids(document):
        raise InvalidDossier(
            [
                FieldError(
                    f"sessions[{index}]",
                    f"{_label(session)} : elle a déjà été émargée (signature ou absence "
                    f"enregistrée) ; on ne peut plus la {what}.",
                )
            ]
        )


def _synced_calendars(document: dict, sessions: list[dict]) -> list[dict]:
    """The séquences whose calendar followed their module's sessions keep following them."""

    def dates(items, module):
        return sorted({str(s["date"]) for s in items if s["module"] == module})

    before = document.get("sessions") or []
    out = []
    for sequence in document.get("sequences") or []:
        module = sequence["module"]
        calendar = sorted(str(d) for d in sequence.get("calendar") or [])
        if before and calendar == dates(before, module):
            sequence = {**sequence, "calendar": dates(sessions, module)}
        out.append(sequence)
    return out


def _sections(document: dict, sessions: list[dict]) -> dict[str, list]:
    sections = {"sessions": sessions}
    sequences = _synced_calendars(document, sessions)
    if sequences != (document.get("sequences") or []):
        sections["sequences"] = sequences
    return sections


def _describe(session: dict) -> str:
    times = (
        f" de {hhmm(session['start_time'])} à {hhmm(session['end_time'])}"
        if session.get("start_time")
        else ""
    )
    return f"le {text.date(_as_date(session['date']))}{times} ({text.hours(session['hours'])})"


def _next_id(document: dict) -> str:
    used = {s["id"] for s in document.get("sessions") or []}
    used |= {r.get("session") for r in document.get("attendance") or []}
    numbers = [int(i[1:]) for i in used if i and i[0] == "S" and i[1:].isdigit()]
    return f"S{max(numbers, default=0) + 1}"


def _added(document: dict, data: dict) -> tuple[list[dict], str]:
    _unknown_fields(data, ADDABLE)
    sessions = list(document.get("sessions") or [])
    value = _clean(document, data, len(sessions), _next_id(document))
    sessions.append(value)
    return sessions, f"Séance {value['id']} ajoutée ({value['module']}) {_describe(value)}."


def _updated(document: dict, session_id: str, data: dict) -> tuple[list[dict], str]:
    _unknown_fields(data, MOVABLE)
    index, session = _find(document, session_id)
    _refuse_if_signed(document, index, session, "déplacer ni la modifier")
    raw = {**session, **data}
    if ("start_time" in data or "end_time" in data) and "hours" not in data:
        raw["hours"] = None
    value = {**session, **_clean(document, raw, index, session_id)}
    sessions = list(document.get("sessions") or [])
    sessions[index] = value
    before, after = _describe(session), _describe(value)
    return sessions, f"Séance {session_id} ({session['module']}) : {before} → {after}."


def _deleted(document: dict, session_id: str) -> tuple[list[dict], str]:
    index, session = _find(document, session_id)
    _refuse_if_signed(document, index, session, "supprimer")
    sessions = [s for s in document.get("sessions") or [] if s["id"] != session_id]
    when = _describe(session).removeprefix("le ")
    return sessions, f"Séance {session_id} ({session['module']}) du {when} supprimée."


def _change(document: dict, change: str, session_id: str | None, data: dict | None):
    if change == "add":
        return _added(document, data or {})
    if change == "update":
        return _updated(document, session_id, data or {})
    if change == "delete":
        return _deleted(document, session_id)
    raise ValueError(change)


def preview(
    dossier: Dossier, user, change: str, session_id: str | None = None, data: dict | None = None
) -> dict[str, list]:
    """The sections (`sessions`, and `sequences` when their calendars follow) the change
    would write — « add », « update » or « delete » — for a live check; nothing is
    written. Same permission and errors as the action."""  # fmt: skip
    _require(user, dossier)
    document = convert.document(dossier)
    sessions, _ = _change(document, change, session_id, data)
    return _sections(document, sessions)


def _apply(dossier, user, change, session_id, data, expected_version) -> Dossier:
    _require(user, dossier)
    document = convert.document(dossier)
    sessions, comment = _change(document, change, session_id, data)
    return actions.save_sections(
        dossier,
        user,
        _sections(document, sessions),
        expected_version,
        event_section="sessions",
        comment=comment,
    )


@transaction.atomic
def add_session(dossier: Dossier, user, data: dict, expected_version: int) -> Dossier:
    """Add one session: `module`, `date`, and `start_time` + `end_time` ("HH:MM") or
    `hours` (both: the hours must fit between the times); `trainer` (a trainer id; an
    interne/AFEST module's own trainer by default)."""
    return _apply(dossier, user, "add", None, data, expected_version)


@transaction.atomic
def update_session(
    dossier: Dossier, user, session_id: str, data: dict, expected_version: int
) -> Dossier:
    """Move or change one session: any of `date`, `start_time`, `end_time`, `hours`,
    `trainer` (what is not given is kept; times changed without hours recompute them;
    `hours: None` too)."""
    return _apply(dossier, user, "update", session_id, data, expected_version)


@transaction.atomic
def delete_session(dossier: Dossier, user, session_id: str, expected_version: int) -> Dossier:
    """Remove one session that nobody has signed."""
    return _apply(dossier, user, "delete", session_id, None, expected_version)
