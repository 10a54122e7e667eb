"""The séquence pédagogique's form (out of `web/forms.py`). Its calendar is chosen, never
typed: the module's planned session dates as checkboxes, plus dates added with a date
picker (« Ajouter une date », one more input fetched by htmx)."""

from __future__ import annotations

import datetime as dt

from django import forms

from parcours.domain.dossier import ActivityKind
from parcours.domain.planning.options import WEEKDAY_ABBREVIATIONS
from parcours.web.forms import LinesField, RowForm, joined, lines

ACTIVITY_CHOICES = [
    ("", "—"),
    (ActivityKind.EXPOSE.value, "Exposé"),
    (ActivityKind.ETUDE_DE_CAS.value, "Étude de cas"),
    (ActivityKind.TRAVAIL_DE_GROUPE.value, "Travail de groupe"),
    (ActivityKind.MISE_EN_SITUATION.value, "Mise en situation de travail"),
    (ActivityKind.SEQUENCE_REFLEXIVE.value, "Séquence réflexive"),
    (ActivityKind.EVALUATION.value, "Évaluation"),
]
ACTIVITY_SLOTS = 4


def _day(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def date_label(day: dt.date) -> str:
    """« lun. 18/01/2027 »."""
    return f"{WEEKDAY_ABBREVIATIONS[day.weekday()]}. {day:%d/%m/%Y}"


class PlannedDatesField(forms.MultipleChoiceField):
    """The checked dates. The choices shown are the module's sessions and the calendar's own
    dates; any real date is accepted (the module may have been changed in the same form)."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value):
        return _day(value) is not None


class AddedDatesWidget(forms.Widget):
    """Date inputs sharing one name, and the « Ajouter une date » button (htmx)."""

    template_name = "web/includes/added_dates.html"
    add_url = ""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
        return [v for v in ([values] if isinstance(values, str) else values) if v]

    def format_value(self, value):
        return [d.isoformat() if isinstance(d, dt.date) else d for d in value or []]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["values"] = self.format_value(value)
        # The URL names the field (`add_url` ends with the placeholder NAME).
        context["widget"]["add_url"] = self.add_url.replace("NAME", name) if self.add_url else ""
        return context


class AddedDatesField(forms.Field):
    widget = AddedDatesWidget

    def to_python(self, value):
        days, bad = [], []
        for item in value or []:
            day = _day(item)
            (days if day else bad).append(day or item)
        if bad:
            raise forms.ValidationError(
                "Date illisible : " + ", ".join(f"« {b} »" for b in bad) + " (jj/mm/aaaa)."
            )
        return days


class SequenceForm(RowForm):
    module = forms.ChoiceField(label="Module")
    general_objective = forms.CharField(
        label="Objectif général", widget=forms.Textarea(attrs={"rows": 2})
    )
    operational_objectives = LinesField(label="Objectifs opérationnels")
    stakes = forms.CharField(
        label="Enjeux", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    resources = LinesField(label="Ressources")
    trainers = forms.MultipleChoiceField(
        label="Formateurs", widget=forms.CheckboxSelectMultiple, required=False
    )
    evaluation_methods = LinesField(label="Modalités d'évaluation")
    calendar = PlannedDatesField(
        label="Calendrier : dates des séances",
        required=False,
        help_text="Cochez les dates des séances du module (celles du calendrier des séances).",
    )
    calendar_added = AddedDatesField(
        label="Autres dates",
        required=False,
        help_text="Une date qui n'est pas (encore) une séance du calendrier ; videz-la pour "
        "la retirer.",
    )

    def __init__(self, *args, modules=(), trainers=(), sessions=(), date_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].choices = [
            (m["id"], f"{m['id']} – {m.get('title', '')}") for m in modules
        ]
        self.fields["trainers"].choices = [(t["id"], t["name"]) for t in trainers]
        module = self.initial.get("module")
        planned = {_day(s["date"]) for s in sessions if s.get("module") == module}
        known = planned | {_day(d) for d in self.initial.get("calendar") or []}
        self.fields["calendar"].choices = [
            (d.isoformat(), date_label(d)) for d in sorted(d for d in known if d)
        ]
        self.fields["calendar_added"].widget.add_url = date_url
        self.fields["calendar_added"].widget.attrs["type"] = "date"
        for n in range(ACTIVITY_SLOTS):
            self.fields[f"activity{n}_kind"] = forms.ChoiceField(
                label=f"Activité {n + 1} : type", choices=ACTIVITY_CHOICES, required=False
            )
            self.fields[f"activity{n}_title"] = forms.CharField(
                label=f"Activité {n + 1} : intitulé", required=False
            )
            self.fields[f"activity{n}_hours"] = forms.FloatField(
                label=f"Activité {n + 1} : heures", required=False, min_value=0
            )

    @classmethod
    def initial_from(cls, value):
        value = dict(value or {})
        for key in ("operational_objectives", "resources", "evaluation_methods"):
            value[key] = joined(value.get(key))
        value["calendar"] = [str(d) for d in value.get("calendar") or []]
        for n, a in enumerate((value.pop("activities", None) or [])[:ACTIVITY_SLOTS]):
            value.update(
                {
                    f"activity{n}_kind": a["kind"],
                    f"activity{n}_title": a["title"],
                    f"activity{n}_hours": a["hours"],
                }
            )
        return value

    def to_value(self):
        d = self.cleaned_data
        activities = [
            {
                "kind": d[f"activity{n}_kind"],
                "title": d[f"activity{n}_title"] or "",
                "hours": d[f"activity{n}_hours"] or 0,
            }
            for n in range(ACTIVITY_SLOTS)
            if d.get(f"activity{n}_kind")
        ]
        days = {_day(x) for x in d.get("calendar") or []} | set(d.get("calendar_added") or [])
        return {
            "module": d["module"],
            "general_objective": d["general_objective"],
            "operational_objectives": lines(d["operational_objectives"]),
            "stakes": d["stakes"],
            "activities": activities,
            "resources": lines(d["resources"]),
            "trainers": d["trainers"],
            "evaluation_methods": lines(d["evaluation_methods"]),
            "calendar": [day.isoformat() for day in sorted(days)],
        }
