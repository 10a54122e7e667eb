from django.contrib import admin

from parcours.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "siret")
    list_filter = ("kind",)
    search_fields = ("name", "siret")
    filter_horizontal = ("facilitators",)
