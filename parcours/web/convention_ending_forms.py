"""The forms of « Fin de la convention » (art. 10): the formal notice and the ending. Dates
are picked; what they may be is the actions' check, shown next to the field."""

from __future__ import annotations

from django import forms

from parcours.domain.convention_ending import BREACH_MAX
from parcours.web.forms import DATE

# An action's FieldError path → the form field showing it.
FIELDS = {
    "convention_ending.notice_to": "notice_to",
    "convention_ending.breach": "breach",
    "convention_ending.notice_sent_on": "sent_on",
    "convention_ending.ended_on": "ended_on",
}
DATE_ERRORS = {"required": "indiquez la date", "invalid": "date illisible : choisissez un jour"}


class _ActionErrors:
    def add_action_errors(self, errors) -> None:
        for e in errors:
            self.add_error(FIELDS.get(e.path), e.message)


class NoticeForm(_ActionErrors, forms.Form):
    notice_to = forms.ChoiceField(
        label="Partie mise en demeure",
        error_messages={"required": "choisissez la partie mise en demeure",
                        "invalid_choice": "choisissez une partie de la liste"},
    )  # fmt: skip
    breach = forms.CharField(
        label="Manquement constaté",
        help_text="Quelle obligation de la convention n'est pas respectée, depuis quand.",
        max_length=BREACH_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "décrivez le manquement constaté",
                        "max_length": f"{BREACH_MAX} caractères au plus"},
    )  # fmt: skip
    sent_on = forms.DateField(
        label="Date d'envoi de la lettre recommandée avec accusé de réception",
        widget=DATE,
        error_messages=DATE_ERRORS,
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notice_to"].choices = [("", "— choisir —"), *choices]


class EndForm(_ActionErrors, forms.Form):
    ended_on = forms.DateField(
        label="Date de fin de la convention", widget=DATE, error_messages=DATE_ERRORS
    )
