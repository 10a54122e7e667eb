"""The only writers of the `lessons` block (guide action 5 ⑤, step 6).

Like `parcours.staff_training.actions`: atomic, the permission checked inside, bad input as
`InvalidDossier` naming the field in French with nothing written, the version lock
(`StaleDossier`), one `DossierEvent` (section « lessons ») with a French comment. The answer
is mirrored into `LessonAnswer` in the same transaction (the dashboard counts those rows).

- `answer`: the user's own lessons (what worked, what to change, would do it again); the
  party is the user's role (`perms.quality_of`), so nobody writes someone else's;
- `record_debrief`: the final debrief (date, participants, OPCO invited, conclusions).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from parcours.domain import lessons as ls
from parcours.domain import text
from parcours.dossiers import actions, convert
from parcours.dossiers.errors import FieldError, InvalidDossier
from parcours.dossiers.models import Dossier
from parcours.lessons import perms
from parcours.lessons.models import LessonAnswer

__all__ = ["answer", "record_debrief"]

NOT_ALLOWED_ANSWER = (
    "Le retour d'expérience est donné à la fin du parcours par l'entreprise, le tuteur, le "
    "salarié et le tiers facilitateur, chacun pour soi."
)
NOT_ALLOWED_DEBRIEF = (
    "Seuls l'entreprise et le tiers facilitateur enregistrent le débriefing final, une fois "
    "le parcours terminé."
)


def _raise(errors: list[tuple[str, str]]) -> None:
    if errors:
        raise InvalidDossier([FieldError(f"{perms.SECTION}.{f}", m) for f, m in errors])


def _block(domain) -> dict:
    if domain.lessons is None:
        return {"answers": [], "debrief": None}
    return domain.lessons.model_dump(mode="json")


def _author(user) -> str:
    return (user.get_full_name() or user.username)[:200]


def _save(dossier, user, block, expected_version, comment) -> Dossier:
    return actions.save_sections(
        dossier, user, {perms.SECTION: block}, expected_version,
        event_section=perms.SECTION, comment=comment,
    )  # fmt: skip


@transaction.atomic
def answer(
    dossier: Dossier,
    user,
    expected_version: int,
    *,
    worked: str = "",
    to_change: str = "",
    again: str,
) -> Dossier:
    """The user's own lessons learned (replaces their previous answer)."""
    if not perms.can_answer(user, dossier):
        raise PermissionDenied(NOT_ALLOWED_ANSWER)
    quality = perms.quality_of(user)
    worked, to_change = (worked or "").strip(), (to_change or "").strip()
    _raise(ls.answer_errors(worked, to_change, again))
    domain = convert.to_domain(dossier)
    block = _block(domain)
    today = timezone.localdate()
    entry = {
        "quality": quality.value,
        "by": _author(user),
        "answered_on": today.isoformat(),
        "worked": worked or None,
        "to_change": to_change or None,
        "again": again,
    }
    kept = [a for a in block["answers"] if a["quality"] != quality.value]
    changed = len(kept) < len(block["answers"])
    block["answers"] = [*kept, entry]
    who = ls.QUALITY_LABELS[quality]
    label = ls.AGAIN_LABELS[ls.AgainAnswer(again)].lower()
    comment = f"{who} {'modifie son' if changed else 'donne son'} retour d'expérience "
    comment += f"(referait : {label})."
    saved = _save(dossier, user, block, expected_version, comment)
    LessonAnswer.objects.update_or_create(
        dossier=dossier, quality=quality.value,
        defaults={"again": again, "answered_on": today},
    )  # fmt: skip
    return saved


@transaction.atomic
def record_debrief(
    dossier: Dossier,
    user,
    expected_version: int,
    *,
    held_on: dt.date | None,
    participants: list[str],
    opco_invited: bool,
    conclusions: str = "",
) -> Dossier:
    if not perms.can_debrief(user, dossier):
        raise PermissionDenied(NOT_ALLOWED_DEBRIEF)
    participants = [p.strip() for p in participants if p and p.strip()]
    conclusions = (conclusions or "").strip()
    domain = convert.to_domain(dossier)
    today = timezone.localdate()
    errors = ls.debrief_errors(held_on, participants, ls.end_date(domain), today)
    if len(conclusions) > ls.CONCLUSIONS_MAX:
        errors.append(("conclusions", f"Les conclusions dépassent {ls.CONCLUSIONS_MAX} signes."))
    _raise(errors)
    block = _block(domain)
    block["debrief"] = {
        "held_on": held_on.isoformat(),
        "participants": participants,
        "opco_invited": opco_invited,
        "conclusions": conclusions or None,
    }
    opco = "OPCO invité" if opco_invited else "OPCO non invité"
    comment = f"Débriefing final du {text.date(held_on)} enregistré ({opco})."
    return _save(dossier, user, block, expected_version, comment)
