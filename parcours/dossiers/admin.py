from django.contrib import admin

from parcours.dossiers.models import (
    Dossier,
    DossierEvent,
    Justification,
    SectionComment,
    SignedDocument,
)


class EventInline(admin.TabularInline):
    model = DossierEvent
    extra = 0
    fields = ("at", "actor", "kind", "from_status", "to_status", "section", "comment")
    readonly_fields = fields
    can_delete = False


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ("__str__", "company", "status", "version", "updated_at")
    list_filter = ("status", "company")
    search_fields = ("reference", "agreement_number", "company__name")
    # The document is written only through actions (validation, version, history).
    readonly_fields = ("version", "content", "status", "created_at", "updated_at")
    filter_horizontal = ("trainers",)
    inlines = [EventInline]


@admin.register(DossierEvent)
class DossierEventAdmin(admin.ModelAdmin):
    list_display = ("dossier", "at", "actor", "kind", "section", "to_status")
    list_filter = ("kind",)


admin.site.register(Justification)
admin.site.register(SectionComment)


@admin.register(SignedDocument)
class SignedDocumentAdmin(admin.ModelAdmin):
    list_display = ("dossier", "kind", "version", "original_name", "size", "at")
    readonly_fields = ("file_path", "sha256", "size", "content_type")
