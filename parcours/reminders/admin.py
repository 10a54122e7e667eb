from django.contrib import admin

from parcours.reminders.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("key", "recipient", "dossier", "sent_at")
    list_filter = ("sent_at",)
    search_fields = ("key", "recipient__username", "recipient__email")
    readonly_fields = ("recipient", "dossier", "key", "sent_at")
