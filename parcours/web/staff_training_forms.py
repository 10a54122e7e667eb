"""The forms of « Formation des tuteurs et formateurs » (guide step 4): plan a training
(whom, which, when, with which organisme, done on) and the working time set aside each
month. The checks of who and what are the actions' (shown next to their field)."""

from __future__ import annotations

from django import forms

from parcours.domain import staff_training as st
from parcours.web.plain_forms import PlainForm, date_field

# An action's FieldError path → the form field showing it.
FIELDS = {f"staff_training.{name}": name for name in ("person", "course", "planned_on",
          "provider", "done_on", "hours_per_month")}  # fmt: skip


def course_choices():
    return [(c.code.value, f"{c.title} ({c.hours} h)") for c in st.COURSES.values()]


class TrainingForm(PlainForm):
    person = forms.ChoiceField(
        label="Personne formée", error_messages={"required": "Choisissez la personne formée."}
    )
    course = forms.ChoiceField(
        label="Formation",
        choices=course_choices,
        error_messages={"required": "Choisissez la formation."},
    )
    planned_on = date_field("Date prévue", "Le premier jour de la formation.", required=False)
    provider = forms.CharField(
        label="Organisme de formation",
        required=False,
        max_length=st.PROVIDER_MAX,
        help_text="Par exemple : Atlas (campusAtlas).",
        error_messages={"max_length": f"L'organisme dépasse {st.PROVIDER_MAX} signes."},
    )
    done_on = date_field(
        "Suivie le", "À renseigner une fois la formation terminée.", required=False
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.id, f"{p.name} ({p.role})") for p in people]


class TimeForm(PlainForm):
    person = forms.CharField(widget=forms.HiddenInput)
    hours_per_month = forms.FloatField(
        label="Heures par mois",
        required=False,
        min_value=0,
        max_value=st.HOURS_PER_MONTH_MAX,
        help_text="Laissez vide pour retirer.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": "6"}),
        error_messages={
            "invalid": "Indiquez un nombre d'heures, par exemple 8 ou 7,5.",
            "min_value": "Le nombre d'heures ne peut pas être négatif.",
            "max_value": f"Indiquez au plus {st.HOURS_PER_MONTH_MAX} heures par mois.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours_per_month"].localize = True
        self.fields["hours_per_month"].widget.is_localized = True


class RemoveForm(PlainForm):
    person = forms.CharField()
    course = forms.ChoiceField(choices=course_choices)
