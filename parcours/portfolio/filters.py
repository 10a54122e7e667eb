"""The filters of the OPCO's portfolio: one GET form and one function, shared by the
instruction queue, its exports, the API and the dashboard (H4), so that a figure of the
dashboard links to the queue with the very query string that selects the dossiers behind it.

Every filter reads the summary columns of `dossiers.Dossier` (never the JSON document), so
that a filtered list costs a few indexed queries whatever the number of dossiers.

URL parameters (the form's field names): q, status (repeated), facilitator (organisation
id), assigned_to ("moi", "personne" or an account id), age_band, job_seeker ("oui"/"non"),
benefit (a code, or "aucun"), start_from/start_to, submitted_from/submitted_to,
duration_min/duration_max (months), hours_min/hours_max (hours of the parcours),
bloquant_min, alerte_min, waiting_min (days in the current state), overdue.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.domain.dossier import Benefit
from parcours.domain.summary import AGE_BAND_LABELS, AGE_BANDS, normalise
from parcours.dossiers.enums import Status
from parcours.organisations.models import Kind, Organisation

# The OPCO never sees a draft (parcours.dossiers.perms.visible_dossiers).
STATUS_CHOICES = [(value, label) for value, label in Status.choices if value != Status.DRAFT]
ME, NOBODY = "moi", "personne"
BENEFIT_LABELS = {"rsa": "RSA", "ass": "ASS", "aah": "AAH", "cui_exit": "Sortie de CUI"}
YES, NO = "oui", "non"
NO_BENEFIT = "aucun"
BENEFIT_CHOICES = (
    [("", "Peu importe")]
    + [(b.value, BENEFIT_LABELS[b.value]) for b in Benefit]
    + [(NO_BENEFIT, "Aucun minimum social")]
)
# The parameters that are not filters (the queue's sort and cursor): a request holding only
# these shows the default view.
NOT_FILTERS = frozenset({"sort", "after", "before", "page"})


class PortfolioFilterForm(forms.Form):
    q = forms.CharField(
        label="Rechercher",
        required=False,
        max_length=200,
        help_text="Nom du salarié, entreprise, SIRET, n° de dossier OPCO ou n° d'accord",
    )
    status = forms.MultipleChoiceField(
        label="État", required=False, choices=STATUS_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    facilitator = forms.ModelChoiceField(
        label="Tiers facilitateur", required=False, queryset=None, empty_label="Tous"
    )
    assigned_to = forms.ChoiceField(label="Suivi par", required=False)
    age_band = forms.ChoiceField(
        label="Âge du salarié",
        required=False,
        choices=[("", "Tous")] + [(b, AGE_BAND_LABELS[b]) for b in AGE_BANDS],
    )
    job_seeker = forms.ChoiceField(
        label="Demandeur d'emploi",
        required=False,
        choices=[("", "Peu importe"), (YES, "Oui"), (NO, "Non")],
    )
    benefit = forms.ChoiceField(
        label="Minimum social perçu", required=False, choices=BENEFIT_CHOICES
    )
    start_from = forms.DateField(
        label="Début du contrat à partir du",
        required=False,
        widget=forms.DateInput({"type": "date"}),
    )
    start_to = forms.DateField(
        label="Début du contrat jusqu'au", required=False, widget=forms.DateInput({"type": "date"})
    )
    submitted_from = forms.DateField(
        label="Soumis à partir du", required=False, widget=forms.DateInput({"type": "date"})
    )
    submitted_to = forms.DateField(
        label="Soumis jusqu'au", required=False, widget=forms.DateInput({"type": "date"})
    )
    # Upper bounds: beyond them no dossier can match, and a date computed from them
    # would leave the calendar (a 500, found by the API's fuzzing).
    duration_min = forms.FloatField(
        label="Durée minimale (mois)", required=False, min_value=0, max_value=1_000
    )
    duration_max = forms.FloatField(
        label="Durée maximale (mois)", required=False, min_value=0, max_value=1_000
    )
    hours_min = forms.FloatField(
        label="Heures du parcours, au moins", required=False, min_value=0, max_value=100_000
    )
    hours_max = forms.FloatField(
        label="Heures du parcours, au plus", required=False, min_value=0, max_value=100_000
    )
    bloquant_min = forms.IntegerField(
        label="Au moins ce nombre de points bloquants",
        required=False,
        min_value=0,
        max_value=1_000,
    )
    alerte_min = forms.IntegerField(
        label="Au moins ce nombre d'alertes", required=False, min_value=0, max_value=1_000
    )
    waiting_min = forms.IntegerField(
        label="Dans cet état depuis au moins (jours)",
        required=False,
        min_value=0,
        max_value=36_500,
    )
    overdue = forms.BooleanField(label="Décision en retard uniquement", required=False)

    def __init__(self, data=None, *, user=None, **kwargs):
        super().__init__(data, **kwargs)
        self.label_suffix = ""
        self.user = user
        self.fields["facilitator"].queryset = Organisation.objects.filter(
            kind=Kind.FACILITATOR
        ).order_by("name")
        # Resolved lazily (rendering or validating), one query.
        self.fields["assigned_to"].choices = _AssigneeChoices()

    def clean_assigned_to(self):
        value = self.cleaned_data.get("assigned_to") or ""
        if value == ME:
            return self.user.pk if self.user is not None else None
        if value == NOBODY:
            return NOBODY
        return int(value) if value else None

    def clean(self):
        data = super().clean()
        for low, high, label in (
            ("start_from", "start_to", "début du contrat"),
            ("submitted_from", "submitted_to", "date de soumission"),
            ("duration_min", "duration_max", "durée"),
            ("hours_min", "hours_max", "heures du parcours"),
        ):
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                self.add_error(high, f"Pour la {label}, la fin précède le début.")
        return data

    def active(self) -> bool:
        """At least one filter is set (the page then says how to clear them)."""
        if not self.is_bound or not self.is_valid():
            return False
        return any(v not in (None, "", [], False) for v in self.cleaned_data.values())


class _AssigneeChoices:
    """The choices of « Suivi par »: everyone, me, nobody, then each active OPCO account
    (iterated when the form renders or validates, so a form built and never shown costs
    nothing)."""

    def __iter__(self):
        yield ("", "Tous")
        yield (ME, "Moi")
        yield (NOBODY, "Personne")
        for pk, first, last, username in opco_staff().values_list(
            "pk", "first_name", "last_name", "username"
        ):
            yield (str(pk), f"{first} {last}".strip() or username)


def opco_staff():
    return User.objects.filter(role=Role.OPCO_STAFF, is_active=True).order_by(
        "last_name", "first_name", "pk"
    )


def filter_form(params, user, *, default_status=(Status.SUBMITTED,)) -> PortfolioFilterForm:
    """The form bound to the request's parameters; without any filter parameter, the default
    view (`default_status`: the queue shows the dossiers waiting for a decision)."""
    if any(key not in NOT_FILTERS for key in params):
        return PortfolioFilterForm(params, user=user)
    return PortfolioFilterForm({"status": list(default_status)}, user=user)


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def apply_filters(qs: QuerySet, cleaned: dict, today: dt.date | None = None) -> QuerySet:
    """`qs` (dossiers) narrowed by the form's cleaned data; every condition on a summary
    column."""
    today = today or timezone.localdate()
    c = cleaned
    if c.get("q"):
        # Every word must appear (« dupont marie » finds « DUPONT Marie »; a SIRET typed
        # with spaces still finds it).
        for word in normalise(c["q"]).split():
            qs = qs.filter(search_text__contains=word)
    if c.get("status"):
        qs = qs.filter(status__in=c["status"])
    if c.get("facilitator"):
        qs = qs.filter(facilitator=c["facilitator"])
    assignee = c.get("assigned_to")
    if assignee == NOBODY:
        qs = qs.filter(assigned_to__isnull=True)
    elif assignee:
        qs = qs.filter(assigned_to_id=assignee)
    if c.get("age_band"):
        qs = qs.filter(age_band=c["age_band"])
    if c.get("job_seeker") in (YES, NO):
        qs = qs.filter(job_seeker=c["job_seeker"] == YES)
    if c.get("benefit") == NO_BENEFIT:
        qs = qs.filter(benefits="")
    elif c.get("benefit"):
        # Comma-joined codes: match a whole code, not a part of another one.
        code = c["benefit"]
        qs = qs.filter(
            Q(benefits=code)
            | Q(benefits__startswith=f"{code},")
            | Q(benefits__endswith=f",{code}")
            | Q(benefits__contains=f",{code},")
        )
    if c.get("start_from"):
        qs = qs.filter(start_date__gte=c["start_from"])
    if c.get("start_to"):
        qs = qs.filter(start_date__lte=c["start_to"])
    if c.get("submitted_from"):
        qs = qs.filter(submitted_at__gte=_day_start(c["submitted_from"]))
    if c.get("submitted_to"):
        qs = qs.filter(submitted_at__lt=_day_start(c["submitted_to"] + dt.timedelta(days=1)))
    if c.get("duration_min") is not None:
        qs = qs.filter(duration_months__gte=c["duration_min"])
    if c.get("duration_max") is not None:
        qs = qs.filter(duration_months__lte=c["duration_max"])
    if c.get("hours_min") is not None:
        qs = qs.filter(total_hours__gte=c["hours_min"])
    if c.get("hours_max") is not None:
        qs = qs.filter(total_hours__lte=c["hours_max"])
    if c.get("bloquant_min"):
        qs = qs.filter(bloquant_count__gte=c["bloquant_min"])
    if c.get("alerte_min"):
        qs = qs.filter(alerte_count__gte=c["alerte_min"])
    if c.get("waiting_min"):
        qs = qs.filter(status_changed_at__lt=_day_start(today - dt.timedelta(c["waiting_min"] - 1)))
    if c.get("overdue"):
        qs = qs.filter(status=Status.SUBMITTED, decision_deadline__lt=today)
    return qs
