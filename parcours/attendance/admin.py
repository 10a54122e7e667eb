from django.contrib import admin

from parcours.attendance.models import Signature, SigningLink


class ReadOnly(admin.ModelAdmin):
    """Records are written by `parcours.attendance.actions` only (the chain): the admin
    reads them, never adds, changes or deletes one."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Signature)
class SignatureAdmin(ReadOnly):
    list_display = ("dossier", "seq", "session_id", "signer", "signer_name", "method", "signed_at")
    list_filter = ("signer", "method", "presence")
    search_fields = ("session_id", "signer_name", "hash")


@admin.register(SigningLink)
class SigningLinkAdmin(ReadOnly):
    list_display = ("dossier", "session_id", "signer", "created_by", "expires_at", "used_at")
