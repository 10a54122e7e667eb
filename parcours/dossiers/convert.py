"""The one bridge between a `Dossier` row and the domain's `parcours-dossier/1` document.

The row's `status` and `reference` columns are authoritative; the document in `content`
carries everything else. Nothing outside this module reads or writes `content` by hand.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from parcours.domain.dossier import Dossier as DomainDossier
from parcours.domain.dossier import Module, Session, Trainer
from parcours.domain.loading import FieldError, InvalidDossier, parse_dossier
from parcours.dossiers.enums import Status

if TYPE_CHECKING:
    from parcours.dossiers.models import Dossier

# The parts of the document a page or `PUT /api/dossiers/{id}/sections/{section}` edits
# as a whole, with the title people see.
SECTIONS: dict[str, str] = {
    "company": "Entreprise",
    "facilitator": "Tiers facilitateur",
    "opco": "OPCO",
    "learner": "Salarié apprenant",
    "contract": "Contrat",
    "tutor": "Tuteur",
    "trainers": "Formateurs internes",
    "competences": "Référentiel métier",
    "positioning": "Positionnement initial",
    "modules": "Parcours de formation",
    "sequences": "Séquences pédagogiques",
    "sessions": "Séances et émargement",
    "reviews": "Bilans",
    "documents": "Documents signés",
    "changes": "Modifications du parcours",
    "rupture": "Rupture",
    "attestation": "Attestation de fin de contrat",
    "funding": "Financement",
}


@dataclass(frozen=True)
class Schedule:
    """What signing a session needs from the document: its sessions, modules and trainers
    (domain models) and the learner's name, without parsing the attendance chain."""

    sessions: Mapping[str, Session]
    modules: dict[str, Module]
    trainers: dict[str, Trainer]
    learner_name: str

    def session_trainer(self, session: Session) -> str | None:
        """Who runs the session: its own trainer, else its module's."""
        module = self.modules.get(session.module)
        return session.trainer or (module.trainer if module else None)


class _Sessions(Mapping):
    """id → Session, each parsed when first read: signing one session of a long plan does
    not parse them all."""

    def __init__(self, raw: list[dict]):
        self._raw = {x.get("id"): x for x in raw if isinstance(x, dict)}
        self._parsed: dict[str, Session] = {}

    def __getitem__(self, key: str) -> Session:
        if key not in self._parsed:
            self._parsed[key] = Session.model_validate(self._raw[key])
        return self._parsed[key]

    def __iter__(self):
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


def schedule(row: Dossier) -> Schedule:
    """The row's sessions, modules and trainers, parsed by the domain models (fast: the
    attendance records are not read)."""
    content = row.content
    learner = content.get("learner") or {}
    return Schedule(
        sessions=_Sessions(content.get("sessions") or []),
        modules={m.id: m for m in (Module.model_validate(x) for x in content.get("modules") or [])},
        trainers={
            t.id: t for t in (Trainer.model_validate(x) for x in content.get("trainers") or [])
        },
        learner_name=f"{learner.get('first_name', '')} {learner.get('last_name', '')}".strip(),
    )


def to_domain(row: Dossier) -> DomainDossier:
    """The row as the domain model the rules engine reads."""
    return parse_dossier(document(row))


# Signatures are records of their own (`parcours.attendance`), never flags a document
# carries: stored sessions keep none of these, a document gets them from the records.
SIGNED_FLAGS = ("learner_signed", "trainer_signed", "attended_hours")
# Sections the row's other columns and tables give; never kept in `content`.
DERIVED_SECTIONS = (
    "attendance", "agreement", "claims", "facilitator_log", "submission", "tutor_load",
)  # fmt: skip


def submission_block(row: Dossier) -> dict | None:
    """When the dossier first reached the OPCO and when the OPCO decided, from the
    history's summary columns (CTR-03, DEC-01); None before the first submission."""
    first, last = row.first_submitted_at, row.submitted_at
    if first is None or last is None:
        return None
    block = {
        "submitted_on": timezone.localdate(last).isoformat(),
        "first_submitted_on": timezone.localdate(first).isoformat(),
    }
    if row.decided_at is not None and row.decided_at >= last:
        block["decided_on"] = timezone.localdate(row.decided_at).isoformat()
    return block


def copy_json(value: Any) -> Any:
    """A copy of a JSON value (objects, lists, then immutable strings and numbers): what
    `copy.deepcopy` gives, in less than half its time (the audit reads every row)."""
    if isinstance(value, dict):
        return {k: copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_json(v) for v in value]
    return value


def document(row: Dossier) -> dict[str, Any]:
    """The row as a `parcours-dossier/1` JSON object (a copy: changing it changes nothing):
    `content`, the row's status, reference and agreement, and the attendance records
    (`parcours.attendance.Signature` rows, in chain order, one query) from which the
    sessions' signed flags and attended hours are derived when the document is parsed."""
    data = copy_json(row.content)
    data["status"] = row.status
    data["reference"] = row.reference or None
    for session in data.get("sessions") or []:
        if isinstance(session, dict):
            for flag in SIGNED_FLAGS:
                session.pop(flag, None)
    if row.agreement_number and row.agreement_date:
        data["agreement"] = {
            "number": row.agreement_number,
            "date": row.agreement_date.isoformat(),
        }
    records = attendance_records(row)
    if records:
        data["attendance"] = records
    data.update(funding_records(row))
    _add_history_blocks(row, data)
    return data


def _add_history_blocks(row: Dossier, data: dict[str, Any]) -> None:
    from parcours.dossiers import tutor_load  # it reads Dossier rows, as this module does

    submission = submission_block(row)
    if submission:
        data["submission"] = submission
    if row.pk and row.status in tutor_load.COUNTED_STATES + (Status.DRAFT,):
        load = tutor_load.block(row)
        if load is not None:
            data["tutor_load"] = load


# No claim exists before the OPCO's acceptance (`parcours.funding`): no query for them.
NO_CLAIM_STATES = ("draft", "submitted", "changes_requested", "refused")


def funding_records(row: Dossier) -> dict[str, list]:
    """The row's funding claims and facilitator's log in the format (`parcours.funding`);
    only the non-empty ones."""
    if row.pk is None:
        return {}
    from parcours.funding.records import claim_entries, log_entries

    found = {
        "claims": [] if row.status in NO_CLAIM_STATES else claim_entries(row),
        "facilitator_log": log_entries(row),
    }
    return {k: v for k, v in found.items() if v}


# (session id, signer) → (presence, hours recorded): what a record says about its line.
Lines = Mapping[tuple[str, str], tuple[str, float | None]]


def attendance_lines(row_ids) -> dict[int, dict[tuple[str, str], tuple[str, float | None]]]:
    """Each row's attendance lines (first record of each line), for many rows in one query."""
    from parcours.attendance.models import Signature

    wanted = set(row_ids)
    found: dict[int, dict] = {pk: {} for pk in wanted}
    if not wanted:
        return found
    # A range of ids (the rows come by chunks in id order), cheaper than a long IN list.
    values = Signature.objects.filter(dossier_id__gte=min(wanted), dossier_id__lte=max(wanted))
    for pk, session, signer, presence, hours in values.order_by("dossier_id", "seq").values_list(
        "dossier_id", "session_id", "signer", "presence", "hours"
    ):
        if pk in wanted:
            found[pk].setdefault((session, signer), (presence, hours))
    return found


def reading_document(row: Dossier, lines: Lines) -> dict[str, Any]:
    """The row as `document(row)` gives it, for reading many rows at once (reminders), with
    the sessions' signed flags and attended hours derived from `lines` (`attendance_lines`)
    as the domain derives them from the records (`parcours.domain.attendance.derive_sessions`)
    instead of the records themselves. Not a deep copy: read it, never change it. The
    funding records come from the row's prefetched `claims` and `facilitator_logs`."""
    data = dict(row.content)
    data["status"] = row.status
    data["reference"] = row.reference or None
    sessions = []
    for session in data.get("sessions") or []:
        if isinstance(session, dict):
            session = dict(session)  # stored sessions carry no flags (apply_document)
            learner = lines.get((session.get("id"), "learner"))
            trainer = lines.get((session.get("id"), "trainer"))
            session["learner_signed"] = learner is not None and learner[0] == "present"
            session["trainer_signed"] = trainer is not None and trainer[0] == "present"
            if learner is None:
                session.pop("attended_hours", None)
            else:
                present, hours = learner[0] == "present", learner[1]
                session["attended_hours"] = (
                    0.0 if not present else hours if hours is not None else session.get("hours")
                )
        sessions.append(session)
    data["sessions"] = sessions
    if row.agreement_number and row.agreement_date:
        data["agreement"] = {
            "number": row.agreement_number,
            "date": row.agreement_date.isoformat(),
        }
    data.update(funding_records(row))
    submission = submission_block(row)
    if submission:
        data["submission"] = submission
    return data


def attendance_records(row: Dossier) -> list[dict[str, Any]]:
    """The row's attendance records in the format, ordered by `seq` (one query; none for a
    row not saved yet)."""
    if row.pk is None:
        return []
    from parcours.attendance.records import RECORD_COLUMNS, record_from_values

    prefetched = getattr(row, "_prefetched_objects_cache", {}).get("signatures")
    if prefetched is not None:
        # Many rows read at once (`manage.py audit`): their records prefetched in one query.
        ordered = sorted(prefetched, key=lambda s: s.seq)
        rows = ({c: getattr(s, c) for c in RECORD_COLUMNS} for s in ordered)
    else:
        rows = row.signatures.order_by("seq").values(*RECORD_COLUMNS)
    return [record_from_values(v) for v in rows]


def apply_document(row: Dossier, data: dict | DomainDossier) -> DomainDossier:
    """Validate `data` through the domain model, then set the row's fields from it (unsaved).

    Raises `InvalidDossier` (French message per bad field) and leaves the row untouched when
    the document is not valid. The row's status wins over the document's, and a stored
    dossier is judged at today's date: an imported file's `as_of` is not kept."""
    dossier = data if isinstance(data, DomainDossier) else parse_dossier(data)
    content = dossier.model_dump(mode="json")
    _reject_nul(content)
    for section in DERIVED_SECTIONS:
        content.pop(section, None)
    for session in content.get("sessions") or []:
        for flag in SIGNED_FLAGS:
            session.pop(flag, None)
    content["status"] = row.status
    content["as_of"] = None
    row.content = content
    row.reference = dossier.reference or ""
    return dossier


def _nul_paths(value: Any, path: str = "") -> list[str]:
    if isinstance(value, str):
        return [path] if "\x00" in value else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _nul_paths(v, f"{path}.{k}" if path else k)]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _nul_paths(v, f"{path}[{i}]")]
    return []


def _reject_nul(content: dict) -> None:
    """PostgreSQL refuses the NUL character in text; say so per field instead of failing."""
    paths = _nul_paths(content)
    if paths:
        raise InvalidDossier([FieldError(p, "contient un caractère nul interdit") for p in paths])


def with_section(row: Dossier, section: str, value: Any) -> dict[str, Any]:
    """The row's document with one section replaced (not validated yet)."""
    if section not in SECTIONS:
        raise InvalidDossier([FieldError(section, "section inconnue du format")])
    data = document(row)
    data[section] = value
    return data


def strip_benefits(data: dict[str, Any]) -> dict[str, Any]:
    """The document without the learner's social benefits (RSA, AAH…), for the parties who
    may not see them. The key is removed, not emptied: absent means "not shown here"."""
    data = copy.deepcopy(data)
    if isinstance(data.get("learner"), dict):
        data["learner"].pop("benefits", None)
    return data


def strip_money(data: dict[str, Any]) -> dict[str, Any]:
    """The document without what the money holds (the claims, the facilitator's log of
    hours, the modules' real costs), for the parties who do not see the funding."""
    data = copy.deepcopy(data)
    data.pop("claims", None)
    data.pop("facilitator_log", None)
    # The hourly rate of the funding, and the convention's ending between its signatories
    # (art. 10: the breach named in a formal notice).
    data.pop("funding", None)
    data.pop("convention_ending", None)
    for module in data.get("modules") or []:
        if isinstance(module, dict):
            module.pop("real_cost", None)
    return data


def diff(before: Any, after: Any, path: str = "") -> list[dict[str, Any]]:
    """What changed between two JSON values, as `[{"path", "before", "after"}]`."""
    if isinstance(before, dict) and isinstance(after, dict):
        changes = []
        for key in sorted(set(before) | set(after), key=str):
            sub = f"{path}.{key}" if path else str(key)
            changes += diff(before.get(key), after.get(key), sub)
        return changes
    if isinstance(before, list) and isinstance(after, list):
        changes = []
        for index in range(max(len(before), len(after))):
            old = before[index] if index < len(before) else None
            new = after[index] if index < len(after) else None
            changes += diff(old, new, f"{path}[{index}]")
        return changes
    return [] if before == after else [{"path": path, "before": before, "after": after}]
