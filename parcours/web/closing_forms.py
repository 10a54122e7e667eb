"""The forms of the contract's end: « Rupture du contrat » (declare or correct, the OPCO's
acknowledgment) and « Clôture du contrat » (prepare the attestation). Dates are picked
(never typed as ISO text); the checks of what a date may be are the actions' (the page
shows their French errors next to the field)."""

from __future__ import annotations

from django import forms

from parcours.domain.closing import DETAILS_MAX, RUPTURE_REASONS
from parcours.web.plain_forms import PlainForm, date_field

# An action's FieldError path → the form field showing it.
RUPTURE_FIELDS = {
    "rupture.date": "date",
    "rupture.reason_code": "reason_code",
    "rupture.reason": "reason_code",
    "rupture.details": "details",
    "rupture.opco_informed_on": "opco_informed_on",
}


class RuptureForm(PlainForm):
    date = date_field(
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
    opco_informed_on = date_field(
        "Date d'envoi de la notification écrite à l'OPCO",
        "À renseigner une fois la notification envoyée : ni avant la rupture, ni dans le futur.",
        required=False,
    )


class AcknowledgeForm(PlainForm):
    acknowledged_on = date_field(
        "Date de l'accusé de réception",
        "Ni dans le futur, ni avant l'envoi de la notification par l'entreprise.",
    )


class AttestationForm(PlainForm):
    date = date_field(
        "Date de l'attestation",
        "Ni dans le futur, ni avant le bilan dont elle reprend les niveaux.",
    )


class CertificateForm(PlainForm):
    certificate_date = date_field(
        "Date du certificat",
        "Ni dans le futur, ni avant la première séance émargée par le salarié.",
    )
