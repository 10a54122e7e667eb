"""The forms of the « Versions du parcours » pages: the head of a version (its explanation,
the action's dates and weekly hours), a dated answer, a dated refusal with its reason, a
signature date. The modules and competences reuse the parcours' and référentiel's forms."""

from __future__ import annotations

from django import forms

from parcours.web.forms import DATE, iso

EXPLANATION_HELP = (
    "En quelques phrases, ce qui change et pourquoi (par exemple : « le bilan a montré que "
    "la DSN demande plus de pratique : 14 heures de plus sur le module M3 »)."
)


class VersionHeadForm(forms.Form):
    explanation = forms.CharField(
        label="Objet et explication du changement",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=EXPLANATION_HELP,
    )
    action_start = forms.DateField(label="Début de l'action de professionnalisation", widget=DATE)
    action_end = forms.DateField(label="Fin de l'action de professionnalisation", widget=DATE)
    weekly_hours = forms.FloatField(
        label="Durée hebdomadaire de travail (heures)", min_value=1, max_value=48
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""

    def contract(self) -> dict:
        d = self.cleaned_data
        return {
            "action_start": iso(d["action_start"]),
            "action_end": iso(d["action_end"]),
            "weekly_hours": d["weekly_hours"],
        }


class DatedForm(forms.Form):
    """An answer dated by the person giving it (never in the future)."""

    on = forms.DateField(label="Date", widget=DATE)

    def __init__(self, *args, label: str = "Date", **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        self.fields["on"].label = label


class ReasonForm(DatedForm):
    reason = forms.CharField(
        label="Motif", max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
