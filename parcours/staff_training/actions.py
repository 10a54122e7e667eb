"""The only writers of the `staff_training` block (guide step 4).

Like `parcours.planning.actions`: atomic, the permission checked inside (`perms.can_edit`),
bad input as `InvalidDossier` naming the field in French with nothing written, the version
lock (`StaleDossier`), one `DossierEvent` (section « staff_training ») with a French comment.

- `plan_training`: plan (or change) one training of one person: date, organisme, date at
  which it was done; one entry per person and training;
- `remove_training`: the training is no longer planned;
- `set_time`: the working time set aside each month for the tutor or a trainer (None:
  not said any more).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from parcours.domain import staff_training as st
from parcours.domain import text
from parcours.dossiers import actions, convert
from parcours.dossiers.errors import FieldError, InvalidDossier
from parcours.dossiers.models import Dossier
from parcours.staff_training import perms

__all__ = ["plan_training", "remove_training", "set_time"]

NOT_ALLOWED = (
    "Seuls l'entreprise et le tiers facilitateur planifient la formation des tuteurs et "
    "formateurs, du brouillon jusqu'à la fin du contrat (pas pendant l'instruction)."
)


def _require(user, dossier: Dossier) -> None:
    if not perms.can_edit(user, dossier):
        raise PermissionDenied(NOT_ALLOWED)


def _raise(errors: list[tuple[str, str]]) -> None:
    if errors:
        raise InvalidDossier([FieldError(f"{perms.SECTION}.{f}", m) for f, m in errors])


def _block(domain) -> dict:
    block = domain.staff_training
    if block is None:
        return {"trainings": [], "time_set_aside": []}
    return block.model_dump(mode="json")


def _save(dossier, user, block, expected_version, comment) -> Dossier:
    return actions.save_sections(
        dossier,
        user,
        {perms.SECTION: block},
        expected_version,
        event_section=perms.SECTION,
        comment=comment,
    )


@transaction.atomic
def plan_training(
    dossier: Dossier,
    user,
    expected_version: int,
    *,
    person: str,
    course: str,
    planned_on: dt.date | None,
    provider: str = "",
    done_on: dt.date | None = None,
) -> Dossier:
    """Plan the training `course` of `person` (« tuteur » or a trainer's id), or change it
    when it is planned already: date, organisme, done on (not in the future)."""
    _require(user, dossier)
    provider = (provider or "").strip()
    domain = convert.to_domain(dossier)
    today = timezone.localdate()
    _raise(st.entry_errors(domain, person, course, planned_on, provider, done_on, today))
    block = _block(domain)
    entry = {
        "person": person,
        "course": course,
        "planned_on": planned_on.isoformat() if planned_on else None,
        "provider": provider or None,
        "done_on": done_on.isoformat() if done_on else None,
    }
    kept = [e for e in block["trainings"] if (e["person"], e["course"]) != (person, course)]
    changed = len(kept) < len(block["trainings"])
    block["trainings"] = [*kept, entry]
    course_ = st.COURSES[st.StaffCourse(course)]
    who = st.person_name(domain, person)
    comment = f"Formation « {course_.title} » de {who} {'modifiée' if changed else 'planifiée'}"
    if planned_on:
        comment += f", prévue le {text.date(planned_on)}"
    if done_on:
        comment += f", suivie le {text.date(done_on)}"
    return _save(dossier, user, block, expected_version, comment + ".")


@transaction.atomic
def remove_training(
    dossier: Dossier, user, expected_version: int, *, person: str, course: str
) -> Dossier:
    _require(user, dossier)
    domain = convert.to_domain(dossier)
    block = _block(domain)
    kept = [e for e in block["trainings"] if (e["person"], e["course"]) != (person, course)]
    if len(kept) == len(block["trainings"]):
        _raise([("course", "cette formation n'est pas planifiée pour cette personne")])
    block["trainings"] = kept
    title = st.COURSES[st.StaffCourse(course)].title
    who = st.person_name(domain, person) or person
    return _save(dossier, user, block, expected_version, f"Formation « {title} » de {who} retirée.")


@transaction.atomic
def set_time(
    dossier: Dossier, user, expected_version: int, *, person: str, hours_per_month: float | None
) -> Dossier:
    """The hours a month set aside for `person`'s mission (None: removed)."""
    _require(user, dossier)
    domain = convert.to_domain(dossier)
    _raise(st.hours_errors(domain, person, hours_per_month))
    block = _block(domain)
    kept = [x for x in block["time_set_aside"] if x["person"] != person]
    who = st.person_name(domain, person)
    if hours_per_month is None:
        comment = f"Temps dégagé pour {who} retiré."
    else:
        kept.append({"person": person, "hours_per_month": hours_per_month})
        comment = f"Temps dégagé pour {who} : {text.hours(hours_per_month)} par mois."
    block["time_set_aside"] = kept
    return _save(dossier, user, block, expected_version, comment)
