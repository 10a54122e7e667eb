from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "parcours.calendars"
    label = "calendars"
    verbose_name = "Calendriers"
