"""A private subscription address of a person's calendar ("mes séances")."""

from django.conf import settings
from django.db import models


class CalendarFeed(models.Model):
    """A calendar subscription: `/calendrier/<token>.ics` works without logging in, for
    agenda apps. Only the token's SHA-256 is kept (`parcours.accounts.models.hash_token`):
    the address is shown once, when it is created, and a leaked database gives no working
    address. Revoking it (`revoked_at`) makes the address answer 404 for good."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="titulaire",
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    label = models.CharField("nom", max_length=60, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    last_used = models.DateTimeField("dernière lecture", null=True, blank=True)

    class Meta:
        verbose_name = "abonnement de calendrier"
        verbose_name_plural = "abonnements de calendrier"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.label or 'calendrier'} ({self.owner})"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
