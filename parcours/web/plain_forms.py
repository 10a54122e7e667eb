"""What the forms of the contract's life share: a date picked in a calendar (never typed
as ISO text), no colon after labels, no date after `today` offered, and an action's
French errors shown next to their field."""

from __future__ import annotations

import datetime as dt

from django import forms

from parcours.web.forms import DATE


def date_field(label: str, help_text: str = "", required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DATE,
        required=required,
        help_text=help_text,
        error_messages={
            "required": "Indiquez la date.",
            "invalid": "Date illisible : choisissez-la dans le calendrier.",
        },
    )


class PlainForm(forms.Form):
    def __init__(self, *args, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        if today is not None:
            for field in self.fields.values():
                if isinstance(field, forms.DateField):
                    field.widget.attrs["max"] = today.isoformat()

    def add_action_errors(self, errors, fields: dict[str, str]) -> None:
        """Show an action's `InvalidDossier` errors next to their field (others on top)."""
        for e in errors:
            name = fields.get(e.path)
            self.add_error(name if name in self.fields else None, e.message)
