from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from parcours.accounts.models import ApiToken, User


@admin.register(User)
class ParcoursUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "organisation", "is_active")
    list_filter = ("role", "organisation", "is_active")
    fieldsets = (*UserAdmin.fieldsets, ("parcours", {"fields": ("role", "organisation")}))


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("owner", "name", "created", "expires", "last_used")
    readonly_fields = ("key_hash", "created", "expires", "last_used")

    def has_add_permission(self, request):
        # A token's key must be shown once at creation: use `create_api_token`, not the admin.
        return False
