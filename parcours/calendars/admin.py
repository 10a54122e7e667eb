from django.contrib import admin

from parcours.calendars.models import CalendarFeed


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Support may see and revoke a subscription; the token itself is never stored."""

    list_display = ("owner", "label", "created_at", "last_used", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("owner__username", "owner__last_name", "label")
    readonly_fields = ("owner", "token_hash", "created_at", "last_used")
    fields = ("owner", "label", "created_at", "last_used", "revoked_at")
