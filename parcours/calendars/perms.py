"""Who has which calendar. A person named on contracts (learner, trainer, tutor) has
« mes séances » and may subscribe to it; every party downloads a dossier's calendar it may
see (`parcours.dossiers.perms.get_dossier_for`); a user manages only their own feeds."""

from __future__ import annotations

from django.db.models import QuerySet

from parcours.accounts.enums import Role
from parcours.calendars.models import CalendarFeed
from parcours.dossiers import perms as dossier_perms
from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier

PERSONAL_ROLES = frozenset({Role.LEARNER, Role.TRAINER, Role.TUTOR})
# Sessions are planned once the OPCO has accepted; a refused or unsent contract has none
# worth an agenda entry.
PERSONAL_STATES = (Status.ACCEPTED, Status.RUNNING, Status.COMPLETED, Status.TERMINATED)
# The page lists the calendar of every dossier the user sees, but the OPCO sees them all.
PAGE_EXCLUDED_ROLES = frozenset({Role.OPCO_STAFF})
MAX_ACTIVE_FEEDS = 10


def _role(user) -> str | None:
    return user.role if user.is_authenticated and user.is_active else None


def has_personal_calendar(user) -> bool:
    return _role(user) in PERSONAL_ROLES


def can_see_calendars_page(user) -> bool:
    role = _role(user)
    return role is not None and role not in PAGE_EXCLUDED_ROLES


def personal_dossiers(user) -> QuerySet[Dossier]:
    """The contracts whose sessions go into the user's « mes séances »."""
    if not has_personal_calendar(user):
        return Dossier.objects.none()
    return dossier_perms.visible_dossiers(user).filter(status__in=PERSONAL_STATES)


def feeds_of(user) -> QuerySet[CalendarFeed]:
    """The user's own subscriptions (never anyone else's)."""
    if not user.is_authenticated:
        return CalendarFeed.objects.none()
    return CalendarFeed.objects.filter(owner=user)


def can_create_feed(user) -> bool:
    return has_personal_calendar(user)


def can_revoke_feed(user, feed: CalendarFeed) -> bool:
    return user.is_authenticated and feed.owner_id == user.pk


def trainer_ids(row: Dossier, user) -> frozenset[str]:
    """The trainer ids of the dossier's document that are this account
    (`Dossier.trainer_accounts`, {trainer id: user pk})."""
    mapping = getattr(row, "trainer_accounts", None) or {}
    return frozenset(tid for tid, pk in mapping.items() if str(pk) == str(user.pk))
