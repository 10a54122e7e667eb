from django.contrib import admin

from parcours.amendments.models import ParcoursVersion


@admin.register(ParcoursVersion)
class ParcoursVersionAdmin(admin.ModelAdmin):
    """Read-only: versions are written by `parcours.amendments.actions` only."""

    list_display = ("dossier", "number", "kind", "state", "in_force_from")
    list_filter = ("kind", "state")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
