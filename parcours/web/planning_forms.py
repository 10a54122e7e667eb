"""The forms of the « Calendrier des séances » page: generating a plan (rhythm, days,
half-days, closures, trainers' unavailability) and moving, adding one session."""

from __future__ import annotations

import datetime as dt

from django import forms

from parcours.domain.planning.options import (
    DEFAULT_HALF_DAYS,
    REGION_LABELS,
    RHYTHM_DESCRIPTIONS,
    RHYTHM_LABELS,
    WEEKDAY_NAMES,
    Region,
    Rhythm,
)
from parcours.web.forms import DATE

TIME = forms.TimeInput(attrs={"type": "time", "step": 300}, format="%H:%M")
WEEKDAY_CHOICES = [(str(n), name.capitalize()) for n, name in enumerate(WEEKDAY_NAMES)]


def _plain(form: forms.Form) -> None:
    form.label_suffix = ""


class GenerateForm(forms.Form):
    rhythm = forms.ChoiceField(
        label="Rythme de l'alternance",
        choices=[(r.value, RHYTHM_LABELS[r].capitalize()) for r in Rhythm],
        initial=Rhythm.ONE_DAY_A_WEEK.value,
    )
    weekdays = forms.MultipleChoiceField(
        label="Jours où la formation est possible",
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        initial=["0", "1", "2", "3", "4"],
        error_messages={"required": "Cochez au moins un jour."},
    )
    morning_start = forms.TimeField(label="Matin : début", widget=TIME, required=False)
    morning_end = forms.TimeField(label="Matin : fin", widget=TIME, required=False)
    afternoon_start = forms.TimeField(label="Après-midi : début", widget=TIME, required=False)
    afternoon_end = forms.TimeField(label="Après-midi : fin", widget=TIME, required=False)
    max_daily_hours = forms.FloatField(
        label="Heures de formation par jour, au plus",
        min_value=0.5,
        max_value=7,
        initial=7,
        help_text="7 h au plus.",
        widget=forms.NumberInput(attrs={"step": "0.5"}),
    )
    region = forms.ChoiceField(
        label="Jours fériés de la région",
        choices=[(r.value, REGION_LABELS[r]) for r in Region],
        initial=Region.METROPOLE.value,
    )
    start_from = forms.DateField(
        label="Planifier à partir du (facultatif)",
        widget=DATE,
        required=False,
        help_text="Par défaut : le début de l'action ; les séances déjà émargées sont gardées "
        "et la suite est planifiée à partir d'aujourd'hui.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "morning_start": DEFAULT_HALF_DAYS[0].start,
                "morning_end": DEFAULT_HALF_DAYS[0].end,
                "afternoon_start": DEFAULT_HALF_DAYS[1].start,
                "afternoon_end": DEFAULT_HALF_DAYS[1].end,
            },
        )
        super().__init__(*args, **kwargs)
        _plain(self)
        self.rhythm_help = [(RHYTHM_LABELS[r].capitalize(), RHYTHM_DESCRIPTIONS[r]) for r in Rhythm]

    def clean(self):
        data = super().clean()
        for half, what in (("morning", "le matin"), ("afternoon", "l'après-midi")):
            start, end = data.get(f"{half}_start"), data.get(f"{half}_end")
            if (start is None) != (end is None):
                self.add_error(
                    f"{half}_end" if end is None else f"{half}_start",
                    f"Indiquez le début et la fin pour {what}, ou laissez les deux vides.",
                )
            elif start and end and end <= start:
                self.add_error(f"{half}_end", "L'heure de fin doit suivre l'heure de début.")
        if not any(data.get(f"{h}_start") for h in ("morning", "afternoon")) and not self.errors:
            self.add_error("morning_start", "Indiquez les horaires d'au moins une demi-journée.")
        return data

    def half_days(self) -> list[dict]:
        d = self.cleaned_data
        return [
            {"label": label, "start": d[f"{half}_start"], "end": d[f"{half}_end"]}
            for half, label in (("morning", "matin"), ("afternoon", "après-midi"))
            if d.get(f"{half}_start") and d.get(f"{half}_end")
        ]


class RangeForm(forms.Form):
    """One company closure: from, to (both included; one day when the end is empty)."""

    start = forms.DateField(label="Du", widget=DATE)
    end = forms.DateField(label="Au (inclus)", widget=DATE, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "La fin de la période précède son début.")
        return data

    def value(self) -> dict | None:
        d = self.cleaned_data
        if not d or d.get("DELETE") or not d.get("start"):
            return None
        return {"start": d["start"], "end": d.get("end") or d["start"]}


class UnavailabilityForm(RangeForm):
    """One trainer's unavailability."""

    trainer = forms.ChoiceField(label="Formateur")

    field_order = ["trainer", "start", "end"]

    def __init__(self, *args, trainers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainer"].choices = [(t["id"], t["name"]) for t in trainers]
        self.order_fields(self.field_order)


def range_formset(form_class, *, extra=0):
    return forms.formset_factory(form_class, extra=extra, can_delete=True, max_num=50,
                                 absolute_max=50, validate_max=True)  # fmt: skip


class SessionForm(forms.Form):
    """Move or change one session: its date, times, hours, trainer."""

    date = forms.DateField(label="Date", widget=DATE)
    start_time = forms.TimeField(label="Début", widget=TIME, required=False)
    end_time = forms.TimeField(label="Fin", widget=TIME, required=False)
    hours = forms.FloatField(
        label="Heures",
        min_value=0.25,
        max_value=24,
        required=False,
        widget=forms.NumberInput(attrs={"step": "0.25"}),
        help_text="Vide : la durée entre le début et la fin.",
    )
    trainer = forms.ChoiceField(label="Formateur", required=False)

    def __init__(self, *args, trainers=(), **kwargs):
        super().__init__(*args, **kwargs)
        _plain(self)
        self.fields["trainer"].choices = [("", "—")] + [(t["id"], t["name"]) for t in trainers]

    @classmethod
    def initial_of(cls, row: dict) -> dict:
        hours = row["hours"]
        return {
            "date": row["date"],
            "start_time": row["start_time"],
            "end_time": row["end_time"],
            "hours": int(hours) if float(hours).is_integer() else hours,
            "trainer": row["trainer"] or "",
        }

    def data_for_action(self) -> dict:
        """What `planning.actions` takes (hours left empty: the time between the times)."""
        d = self.cleaned_data
        return {
            "date": d["date"],
            "start_time": d.get("start_time"),
            "end_time": d.get("end_time"),
            "hours": d.get("hours"),
            "trainer": d.get("trainer") or None,
        }


class AddSessionForm(SessionForm):
    module = forms.ChoiceField(label="Module")

    field_order = ["module", "date", "start_time", "end_time", "hours", "trainer"]

    def __init__(self, *args, modules=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].choices = [
            (m["id"], f"{m['id']} – {m.get('title') or ''}".strip(" –")) for m in modules
        ]
        self.order_fields(self.field_order)
        self.fields["start_time"].initial = dt.time(9, 0)
        self.fields["end_time"].initial = dt.time(12, 30)

    def data_for_action(self) -> dict:
        return {"module": self.cleaned_data["module"], **super().data_for_action()}
