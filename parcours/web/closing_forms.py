"""The forms of the contract's end: « Rupture du contrat » (declare or correct, the OPCO's
acknowledgment) and « Clôture du contrat » (prepare the attestation). Dates are picked
(never typed as ISO text); the checks of what a date may be are the actions' (the page
shows their French errors next to the field)."""

from __future__ import annotations

import datetime as dt

from django import forms

from parcours.domain.closing import DETAILS_MAX, RUPTURE_REASONS
from parcours.web.forms import DATE

# An action's FieldError path → the form field showing it.
RUPTURE_FIELDS = {
    "rupture.date": "date",
    "rupture.reason_code": "reason_code",
    "rupture.reason": "reason_code",
    "rupture.details": "details",
    "rupture.opco_informed_on": "opco_informed_on",
}


def _date(label: str, help_text: str = "", required: bool = True) -> forms.DateField:
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


class _Plain(forms.Form):
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


class RuptureForm(_Plain):
    date = _date(
        "Date de la rupture",
        "Le dernier jour du contrat : ni dans le futur, ni avant le début du contrat.",
    )
    reason_code = forms.ChoiceField(
        label="Motif de la rupture",
        choices=[(code.value, label) for code, label in RUPTURE_REASONS.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez le motif de la rupture."},
    )
    details = forms.CharField(
        label="Précision (obligatoire pour « Autre motif »)",
        required=False,
        max_length=DETAILS_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    opco_informed_on = _date(
        "Date d'envoi de la notification écrite à l'OPCO",
        "À renseigner une fois la notification envoyée : ni avant la rupture, ni dans le futur.",
        required=False,
    )


class AcknowledgeForm(_Plain):
    acknowledged_on = _date(
        "Date de l'accusé de réception",
        "Ni dans le futur, ni avant l'envoi de la notification par l'entreprise.",
    )


class AttestationForm(_Plain):
    date = _date(
        "Date de l'attestation",
        "Ni dans le futur, ni avant le bilan dont elle reprend les niveaux.",
    )


class CertificateForm(_Plain):
    certificate_date = _date(
        "Date du certificat",
        "Ni dans le futur, ni avant la première séance émargée par le salarié.",
    )
