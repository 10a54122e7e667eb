"""The only writers of the `onboarding` block (guide action 6: the welcome checklist).

Like `parcours.staff_training.actions`: atomic, the permission checked inside
(`perms.can_tick`), bad input as `InvalidDossier` naming the field in French with nothing
written, the version lock (`StaleDossier`), one `DossierEvent` (section « onboarding ») with
a French comment.

- `tick`: an item is done (on a day, not in the future), by the user, with an optional
  comment; ticking it again changes the day or the comment;
- `untick`: the item is not done after all.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from parcours.domain import onboarding as ob
from parcours.domain import text
from parcours.domain.dossier import OnboardingStep
from parcours.dossiers import actions, convert
from parcours.dossiers.errors import FieldError, InvalidDossier
from parcours.dossiers.models import Dossier
from parcours.onboarding import perms

__all__ = ["NOT_ALLOWED", "tick", "untick"]

NOT_ALLOWED = (
    "Seuls le tuteur, l'entreprise et le tiers facilitateur cochent la liste d'accueil, "
    "du brouillon jusqu'à la fin du contrat (pas pendant l'instruction par l'OPCO)."
)


def _require(user, dossier: Dossier) -> None:
    if not perms.can_tick(user, dossier):
        raise PermissionDenied(NOT_ALLOWED)


def _raise(errors: list[tuple[str, str]]) -> None:
    if errors:
        raise InvalidDossier([FieldError(f"{perms.SECTION}.{f}", m) for f, m in errors])


def _ticks(domain) -> list[dict]:
    return domain.onboarding.model_dump(mode="json")["ticks"] if domain.onboarding else []


def _author(user) -> str:
    return (user.get_full_name() or user.get_username()).strip()[:200] or "?"


def _save(dossier, user, ticks, expected_version, comment) -> Dossier:
    return actions.save_sections(
        dossier,
        user,
        {perms.SECTION: {"ticks": ticks}},
        expected_version,
        event_section=perms.SECTION,
        comment=comment,
    )


@transaction.atomic
def tick(
    dossier: Dossier,
    user,
    expected_version: int,
    *,
    item: str,
    done_on: dt.date | None = None,
    comment: str = "",
) -> Dossier:
    """Mark `item` done on `done_on` (today when not given) by `user`."""
    _require(user, dossier)
    comment = (comment or "").strip()
    done_on = done_on or timezone.localdate()
    domain = convert.to_domain(dossier)
    _raise(ob.tick_errors(domain, item, done_on, comment, timezone.localdate()))
    code = OnboardingStep(item)
    kept = [t for t in _ticks(domain) if t["item"] != code.value]
    entry = {"item": code.value, "done_on": done_on.isoformat(), "by": _author(user)}
    if comment:
        entry["comment"] = comment
    # The guide's order, whatever the order of the ticks.
    order = [i.code.value for i in ob.ITEMS]
    ticks = sorted([*kept, entry], key=lambda t: order.index(t["item"]))
    title = ob.BY_CODE[code].title
    return _save(
        dossier, user, ticks, expected_version,
        f"Accueil : « {title} » fait le {text.date(done_on)}.",
    )  # fmt: skip


@transaction.atomic
def untick(dossier: Dossier, user, expected_version: int, *, item: str) -> Dossier:
    _require(user, dossier)
    domain = convert.to_domain(dossier)
    ticks = _ticks(domain)
    kept = [t for t in ticks if t["item"] != item]
    if len(kept) == len(ticks):
        _raise([("item", "cet élément de la liste d'accueil n'est pas coché")])
    title = ob.BY_CODE[OnboardingStep(item)].title
    return _save(dossier, user, kept, expected_version, f"Accueil : « {title} » décoché.")
