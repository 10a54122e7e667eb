"""Writes on accounts."""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from parcours.accounts.enums import Role
from parcours.accounts.models import ApiToken, User, hash_token, new_raw_token

# The accounts a company admin opens for the people of the company.
TEAM_ROLES = (Role.TUTOR, Role.TRAINER, Role.LEARNER, Role.COMPANY_ADMIN)


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


@transaction.atomic
def create_member(organisation, *, username, first_name, last_name, email, role) -> User:
    """A new account of `organisation` without a password: its owner chooses one through
    the link of `password_link`. `ValidationError` in French, by field, when a value is
    wrong (an identifier already taken…); nothing is saved then."""
    if role not in TEAM_ROLES:
        labels = ", ".join(str(r.label) for r in TEAM_ROLES)
        raise ValidationError({"role": f"rôle possible pour un compte de l'entreprise : {labels}"})
    member = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role=role,
        organisation=organisation,
    )
    member.set_unusable_password()
    member.full_clean()
    member.save()
    return member


def password_link(member: User) -> str:
    """The path where `member` chooses a password; it works once, for
    PASSWORD_RESET_TIMEOUT seconds (Django's default: three days)."""
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    token = default_token_generator.make_token(member)
    return reverse("web:set_password", args=[uid, token])
