"""Template helpers of the planning pages: dates and times as people read them, a field
rendered for a form elsewhere in the table (`form` attribute)."""

import datetime as dt

from django import template

from parcours.dossiers.enums import EventKind, Status
from parcours.planning.sessions import hhmm as _hhmm
from parcours.planning.sessions import long_date as _long_date

register = template.Library()


@register.filter
def long_date(day):
    """« lundi 12 mars 2027 »."""
    return _long_date(day) if isinstance(day, dt.date) else day


@register.filter
def hhmm(value):
    return _hhmm(value)


@register.simple_tag
def in_form(bf, form_id, label=""):
    """The field's widget tied to the form `form_id` (the row's form sits in another cell),
    described by its errors when it has some."""
    attrs = {"form": form_id}
    if bf.errors:
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{bf.auto_id}-erreurs"
    return bf.as_widget(attrs=attrs)


@register.filter
def started_on(row):
    """The day the contract started (its « Démarrer le contrat » transition), or None."""
    if row.status not in (Status.RUNNING, Status.COMPLETED, Status.TERMINATED):
        return None
    event = (
        row.events.filter(kind=EventKind.TRANSITION, to_status=Status.RUNNING)
        .order_by("-at")
        .first()
    )
    return event.at if event else None
