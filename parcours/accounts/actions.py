"""Writes on accounts."""

import datetime as dt

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from parcours.accounts.enums import Role
from parcours.accounts.models import AccountEvent, ApiToken, User, hash_token, new_raw_token

# The accounts a company admin opens for the people of the company.
TEAM_ROLES = (Role.TUTOR, Role.TRAINER, Role.LEARNER, Role.COMPANY_ADMIN)


TOKEN_NAME_MAX = 100


@transaction.atomic
def create_api_token(owner: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token and its raw key, which is not stored (only its SHA-256) and must be shown
    to the owner now. It works `settings.API_TOKEN_DAYS` days."""
    name = (name or "").strip()
    if len(name) > TOKEN_NAME_MAX:
        raise ValidationError({"name": f"le nom du jeton dépasse {TOKEN_NAME_MAX} signes"})
    raw = new_raw_token()
    expires = timezone.now() + dt.timedelta(days=settings.API_TOKEN_DAYS)
    token = ApiToken.objects.create(
        owner=owner, name=name, key_hash=hash_token(raw), expires=expires
    )
    return token, raw


def authenticate_token(raw: str) -> User | None:
    """The active owner of the raw key, or None (unknown, expired or revoked token, inactive
    account); records when the token was last used."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("owner")
        .filter(key_hash=hash_token(raw or ""), expires__gt=now)
        .first()
    )
    if token is None or not token.owner.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.owner


def tokens_of(owner: User):
    """The owner's tokens, newest first (expired ones too, marked by their date)."""
    return ApiToken.objects.filter(owner=owner)


@transaction.atomic
def revoke_api_token(owner: User, token_id: int) -> ApiToken:
    """The owner ends one of their own tokens; another's token does not exist for them."""
    token = ApiToken.objects.filter(owner=owner, pk=token_id).first()
    if token is None:
        raise PermissionDenied("Ce jeton n'est pas l'un des vôtres.")
    token.delete()
    return token


# --- the company's accounts (« Équipe ») ------------------------------------------------


def _team_member(admin: User, member_id: int) -> User:
    """An account of the admin's company other than the admin's own."""
    if not (admin.is_active and admin.role == Role.COMPANY_ADMIN and admin.organisation_id):
        raise PermissionDenied("Réservé au dirigeant ou au service RH de l'entreprise.")
    member = (
        User.objects.filter(organisation_id=admin.organisation_id, pk=member_id)
        .exclude(pk=admin.pk)
        .first()
    )
    if member is None:
        raise PermissionDenied("Ce compte n'est pas un compte de votre entreprise.")
    return member


@transaction.atomic
def renew_link(admin: User, member_id: int) -> User:
    """The admin may give a new one-time link only to an account that never chose its
    password: a password is changed only by its owner (« Mot de passe oublié ? »), so that
    nobody takes over another's account. Recorded in the account's history."""
    member = _team_member(admin, member_id)
    if member.has_usable_password():
        raise PermissionDenied(
            f"{member} a déjà choisi son mot de passe : s'il l'a oublié, il en choisit un "
            "nouveau lui-même par « Mot de passe oublié ? » sur la page de connexion."
        )
    if not member.is_active:
        raise PermissionDenied(f"Le compte de {member} est désactivé : réactivez-le d'abord.")
    AccountEvent.objects.create(account=member, actor=admin, kind=AccountEvent.Kind.LINK)
    return member


@transaction.atomic
def set_active(admin: User, member_id: int, active: bool) -> User:
    """Deactivate (the person can no longer log in, their API tokens end) or reactivate an
    account of the admin's company; each act is recorded in the account's history."""
    member = _team_member(admin, member_id)
    if member.is_active == active:
        return member
    member.is_active = active
    member.save(update_fields=["is_active"])
    if not active:
        member.api_tokens.all().delete()
    kind = AccountEvent.Kind.REACTIVATED if active else AccountEvent.Kind.DEACTIVATED
    AccountEvent.objects.create(account=member, actor=admin, kind=kind)
    return member


def team_history(organisation_id: int):
    """The history of the company's accounts, newest first."""
    return AccountEvent.objects.filter(account__organisation_id=organisation_id).select_related(
        "account", "actor"
    )


@transaction.atomic
def create_member(
    organisation, *, username, first_name, last_name, email, role, actor=None
) -> User:
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
    AccountEvent.objects.create(account=member, actor=actor, kind=AccountEvent.Kind.CREATED)
    return member


def password_link(member: User) -> str:
    """The path where `member` chooses a password; it works once, for
    PASSWORD_RESET_TIMEOUT seconds (Django's default: three days)."""
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    token = default_token_generator.make_token(member)
    return reverse("web:set_password", args=[uid, token])
