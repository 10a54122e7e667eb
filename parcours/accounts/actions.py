"""Writes on accounts."""

from django.db import transaction
from django.utils import timezone

from parcours.accounts.models import ApiToken, User, hash_token, new_raw_token


@transaction.atomic
def create_api_token(owner: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token and its raw key, which is not stored and must be shown to the owner now."""
    raw = new_raw_token()
    token = ApiToken.objects.create(owner=owner, name=name, key_hash=hash_token(raw))
    return token, raw


def authenticate_token(raw: str) -> User | None:
    """The active owner of the raw key, or None; records when the token was last used."""
    token = ApiToken.objects.select_related("owner").filter(key_hash=hash_token(raw or "")).first()
    if token is None or not token.owner.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
    return token.owner
