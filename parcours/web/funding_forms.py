"""The forms of « Financement »: the OPCO's payment date or rejection reason, the
facilitator's hours. Dates are picked, never typed as ISO text; what a date may be is the
actions' check (`parcours.funding.actions`), shown next to the field."""

from __future__ import annotations

import datetime as dt

from django import forms

from parcours.funding.actions import ACTIVITY_MAX, REASON_MAX
from parcours.web.plain_forms import date_field

# An action's FieldError path → the form field showing it.
FIELDS = {
    "paid_on": "paid_on",
    "rejected_on": "rejected_on",
    "reason": "reason",
    "date": "date",
    "hours": "hours",
    "activity": "activity",
}


class _Plain(forms.Form):
    def __init__(self, *args, today: dt.date | None = None, prefix_id: str = "", **kwargs):
        if prefix_id:
            kwargs.setdefault("auto_id", f"{prefix_id}-%s")
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        if today is not None:
            for field in self.fields.values():
                if isinstance(field, forms.DateField):
                    field.widget = forms.DateInput(
                        attrs={"type": "date", "max": today.isoformat()}, format="%Y-%m-%d"
                    )

    def add_action_errors(self, errors) -> None:
        """Show an action's `InvalidDossier` errors next to their field (others on top)."""
        for e in errors:
            name = FIELDS.get(e.path)
            self.add_error(name if name in self.fields else None, e.message)


class PaidForm(_Plain):
    paid_on = date_field("Date du paiement", "Ni dans le futur, ni avant la demande.")


class RejectForm(_Plain):
    reason = forms.CharField(
        label="Motif du rejet",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="L'émetteur le lit pour corriger sa demande et la refaire.",
        error_messages={"required": "Indiquez le motif du rejet."},
    )


class HoursForm(_Plain):
    date = date_field("Date de l'intervention", "Pas dans le futur.")
    hours = forms.CharField(
        label="Durée (heures)",
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
        help_text="Par exemple 3,5.",
        error_messages={"required": "Indiquez la durée de l'intervention."},
    )
    activity = forms.CharField(
        label="Ce qui a été fait",
        max_length=ACTIVITY_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Dites ce qui a été fait pendant l'intervention."},
    )
