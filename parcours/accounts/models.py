"""People who log in, and the tokens the API authenticates them by."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models

from parcours.accounts.enums import Role

TOKEN_PREFIX = "pct_"


class User(AbstractUser):
    """A person with exactly one role; `organisation` is the company, facilitator or OPCO
    they act for (empty for a superuser)."""

    role = models.CharField("rôle", max_length=20, choices=Role.choices, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )

    class Meta:
        verbose_name = "utilisateur"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs):
        # `set_password` keeps the new password in `_password` until the save: a password
        # changed (chosen, reset, set by an administrator) ends every API token of the
        # account, as it ends the other sessions.
        changed = self._password is not None and self.pk is not None
        super().save(*args, **kwargs)
        if changed:
            self.api_tokens.all().delete()


def hash_token(raw: str) -> str:
    """Tokens are stored hashed: a leaked database does not leak working tokens."""
    return hashlib.sha256(raw.encode()).hexdigest()


def new_raw_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 is kept, the key is shown once."""

    owner = models.ForeignKey(
        User, verbose_name="titulaire", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("nom", max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField("créé le", auto_now_add=True)
    last_used = models.DateTimeField("dernière utilisation", null=True, blank=True)
    # Set at creation from settings.API_TOKEN_DAYS; past it, the token no longer works.
    expires = models.DateTimeField("expire le", null=True)

    class Meta:
        verbose_name = "jeton d'API"
        verbose_name_plural = "jetons d'API"
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name or 'jeton'} ({self.owner})"


class AccountEvent(models.Model):
    """What was done to an account and by whom: the history shown on the « Équipe » page
    (deactivated, reactivated, a new one-time link…)."""

    class Kind(models.TextChoices):
        CREATED = "created", "compte ouvert"
        LINK = "link", "nouveau lien pour choisir le mot de passe"
        DEACTIVATED = "deactivated", "compte désactivé"
        REACTIVATED = "reactivated", "compte réactivé"

    account = models.ForeignKey(
        User, verbose_name="compte", on_delete=models.CASCADE, related_name="account_events"
    )
    actor = models.ForeignKey(
        User,
        verbose_name="par",
        on_delete=models.SET_NULL,
        null=True,
        related_name="account_acts",
    )
    kind = models.CharField("action", max_length=20, choices=Kind.choices)
    at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "événement de compte"
        verbose_name_plural = "historique des comptes"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} : {self.account}"
