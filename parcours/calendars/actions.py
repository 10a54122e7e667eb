"""The only writers of `CalendarFeed` rows: atomic, the permission checked inside."""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from parcours.accounts.models import User, hash_token
from parcours.calendars import perms
from parcours.calendars.models import CalendarFeed

TOKEN_PREFIX = "pcal_"
LABEL_MAX = 60


def new_raw_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


@transaction.atomic
def create_feed(user: User, label: str = "") -> tuple[CalendarFeed, str]:
    """A new subscription address of the user's « mes séances »; returns the row and the
    raw token, which is not stored (only its SHA-256) and must be shown to the owner now."""
    if not perms.can_create_feed(user):
        raise PermissionDenied("Seuls le salarié, le tuteur et le formateur ont un agenda.")
    label = " ".join((label or "").split())
    if len(label) > LABEL_MAX:
        raise ValidationError({"label": f"nom trop long : {LABEL_MAX} caractères au plus"})
    # The owner's row is locked so that two clicks cannot pass the limit together.
    User.objects.select_for_update().filter(pk=user.pk).first()
    active = CalendarFeed.objects.filter(owner=user, revoked_at=None).count()
    if active >= perms.MAX_ACTIVE_FEEDS:
        raise ValidationError(
            {
                "label": f"vous avez déjà {perms.MAX_ACTIVE_FEEDS} adresses d'abonnement : "
                "révoquez celles que vous n'utilisez plus avant d'en créer une autre"
            }
        )
    raw = new_raw_token()
    feed = CalendarFeed.objects.create(owner=user, label=label, token_hash=hash_token(raw))
    return feed, raw


@transaction.atomic
def revoke_feed(user: User, feed: CalendarFeed) -> CalendarFeed:
    """The address stops working for good (404). Revoking it again changes nothing."""
    feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    if not perms.can_revoke_feed(user, feed):
        raise PermissionDenied("Cet abonnement n'est pas le vôtre.")
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
    return feed


def feed_owner(raw: str) -> User | None:
    """The owner of a working subscription address, or None (unknown, revoked, owner
    inactive or without a personal calendar); records when it was last read."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("owner")
        .filter(token_hash=hash_token(raw), revoked_at=None)
        .first()
    )
    if feed is None or not perms.has_personal_calendar(feed.owner):
        return None
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used=timezone.now())
    return feed.owner
