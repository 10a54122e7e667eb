"""The forms of « Accueil du salarié » (guide action 6): tick an item of the welcome
checklist (the day it was done, today unless said otherwise; an optional comment), or
untick it. The checks of the day and the item are the actions' (shown beside the item)."""

from __future__ import annotations

from django import forms

from parcours.domain import onboarding as ob
from parcours.web.plain_forms import PlainForm, date_field

# An action's FieldError path → the form field showing it.
FIELDS = {f"onboarding.{name}": name for name in ("item", "done_on", "comment")}

ITEM_CHOICES = [(i.code.value, i.title) for i in ob.ITEMS]


class TickForm(PlainForm):
    item = forms.ChoiceField(
        choices=ITEM_CHOICES,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Élément de la liste d'accueil inconnu."},
    )
    done_on = date_field("Fait le", "Aujourd'hui si vous laissez vide.", required=False)
    comment = forms.CharField(
        label="Commentaire (facultatif)",
        required=False,
        max_length=ob.COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": f"Le commentaire dépasse {ob.COMMENT_MAX} signes."},
    )


class UntickForm(PlainForm):
    item = forms.ChoiceField(
        choices=ITEM_CHOICES,
        error_messages={"invalid_choice": "Élément de la liste d'accueil inconnu."},
    )
