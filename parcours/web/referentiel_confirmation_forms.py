"""The form « Confirmation par l'équipe de travail » on the référentiel step (guide action
1 ③): when, who (one person a line, name and function), an optional comment. Parsing the
people and the checks are the action's (shown next to their field)."""

from __future__ import annotations

from django import forms

from parcours.web.plain_forms import PlainForm, date_field

FIELDS = {f"referentiel_confirmation.{n}": n for n in ("confirmed_on", "people", "comment")}


class ConfirmForm(PlainForm):
    confirmed_on = date_field(
        "Date de la confirmation", "Le jour où l'équipe a relu les compétences."
    )
    people = forms.CharField(
        label="Personnes qui ont confirmé",
        help_text="Une personne par ligne : le nom, un tiret, la fonction. Par exemple : "
        "Anne Martin — cheffe d'équipe.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        error_messages={
            "required": "Indiquez au moins une personne de l'équipe de travail.",
            "max_length": "La liste des personnes est trop longue.",
        },
    )
    comment = forms.CharField(
        label="Commentaire (facultatif)",
        required=False,
        max_length=1_000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Le commentaire dépasse 1000 signes."},
    )
