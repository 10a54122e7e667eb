"""Dashboard, creating a dossier, its overview, history, JSON import and export."""

from __future__ import annotations

import json

from django import forms as djforms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.domain.loading import InvalidDossier, parse_dossier
from parcours.domain.wording import described
from parcours.dossiers import actions, perms
from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from parcours.portfolio import lists as role_lists
from parcours.reminders import lists as todo_lists
from parcours.web import attendance_sheet, contract_forms
from parcours.web import forms as f
from parcours.web.limits import megabytes
from parcours.web.views import readiness
from parcours.web.views.common import Page, role_label
from parcours.web.views.steps import attach_errors


class Login(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("web:dashboard")


@login_required
def dashboard(request):
    user = request.user
    if user.role == Role.OPCO_STAFF:
        return redirect("web:opco_queue")
    # One page of 50 (parcours.portfolio.lists), whatever the number of dossiers.
    page, searched = role_lists.role_page(user, request.GET)
    context = {
        "page": page,
        "rows": page.rows,
        "searched": searched,
        "query": role_lists.query_without_cursor(request.GET),
        "nav": "dashboard",
        "role_label": role_label(user),
        "can_create": perms.creatable_companies(user).exists(),
        "import_form": f.DossierImportForm(),
    }
    if user.role in (Role.LEARNER, Role.TRAINER):
        # After acceptance their home leads with « Mes prochaines séances » (the few
        # contracts they work on most recently: a bounded number of sheets).
        context["home"] = attendance_sheet.home_for(
            user, role_lists.home_rows(user, attendance_sheet.HOME_STATES)
        )
    # Everyone's to-do list with its due dates, late first (parcours.reminders): of the
    # dossiers of this page, so that its cost does not grow with the number of dossiers.
    shown = Dossier.objects.filter(pk__in=[row.pk for row in page.rows])
    context["todo"] = todo_lists.todo_for(user, shown)
    return render(request, "web/dashboard.html", context)


class CreateForm(djforms.Form):
    company = djforms.ModelChoiceField(label="Entreprise", queryset=None, empty_label=None)
    learner_account = djforms.ModelChoiceField(
        label="Compte du salarié (pour son auto-positionnement)", queryset=None, required=False
    )
    tutor_account = djforms.ModelChoiceField(
        label="Compte du tuteur (pour son évaluation)", queryset=None, required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        companies = perms.creatable_companies(user)
        self.fields["company"].queryset = companies
        people = User.objects.filter(organisation__in=companies, is_active=True)
        self.fields["learner_account"].queryset = people.filter(role=Role.LEARNER)
        self.fields["tutor_account"].queryset = people.filter(role=Role.TUTOR)


IDENTITY = ("first_name", "last_name", "birth_date")


def _create_forms(request, data=None):
    # The learner may not be recruited yet (guide step 1): the identity is optional here,
    # all three fields or none (ELIG-02 then asks for it before the submission).
    learner = contract_forms.LearnerForm(data, prefix="learner")
    for name in IDENTITY:
        learner.fields[name].required = False
    return {
        "head": CreateForm(data, user=request.user),
        "learner": learner,
        "contract": contract_forms.ContractForm(
            data,
            prefix="contract",
            # The job title from « Êtes-vous prêt ? », when its answers were kept.
            initial={"weekly_hours": 35, "type": "CDD"}
            | readiness.saved(request).get("contract", {}),
        ),
    }


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    """A new dossier starts from the contract and, once recruited, the learner."""
    if not perms.creatable_companies(request.user).exists():
        raise PermissionDenied("Vous ne pouvez pas créer de dossier.")
    forms = _create_forms(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and all(x.is_valid() for x in forms.values()):
        learner = forms["learner"].cleaned_data
        named = [name for name in IDENTITY if learner.get(name)]
        for name in set(IDENTITY) - set(named) if named else ():
            forms["learner"].add_error(
                name, "Indiquez le prénom, le nom et la date de naissance, ou aucun des trois."
            )
    if request.method == "POST" and all(x.is_valid() for x in forms.values()):
        data = {"contract": forms["contract"].to_value()}
        if forms["learner"].cleaned_data.get("first_name"):
            data["learner"] = forms["learner"].to_value()
        try:
            head = forms["head"].cleaned_data
            row = actions.create_dossier(
                request.user,
                head["company"],
                data,
                learner=head["learner_account"],
                tutor=head["tutor_account"],
            )
        except InvalidDossier as exc:
            unplaced = attach_errors(forms, exc.errors)
            messages.error(
                request,
                " ; ".join(unplaced)
                or "Le dossier n'a pas été créé : corrigez les champs signalés.",
            )
        else:
            messages.success(
                request, "Dossier créé. Vérifiez l'entreprise, puis suivez les étapes."
            )
            readiness.forget(request)  # the test's answers served their one purpose
            return redirect("web:step", pk=row.pk, slug="entreprise")
    context = {
        "forms": forms,
        "role_label": role_label(request.user),
        "readiness": readiness.saved(request),
    }
    return render(
        request, "web/create.html", context, status=400 if request.method == "POST" else 200
    )


@login_required
def overview(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    events = perms.events_for(request.user, page.row)[:5]
    # A running dossier leads with what the user's role does now (sessions, reviews).
    now = attendance_sheet.now_for(request.user, page.row)
    extra = {"participant": request.user.role in PARTICIPANTS}
    if extra["participant"]:
        # The learner, the tutor and a trainer read what they have to do, not the company's
        # compliance tables: their to-do list and their part of the positioning.
        extra["todo"] = todo_lists.todo_for(request.user, Dossier.objects.filter(pk=page.row.pk))
        extra["my_findings"] = own_findings(request.user, page.index.findings)
    context = page.context(None, events=events, now=now, **extra)
    return render(request, "web/overview.html", context)


PARTICIPANTS = frozenset({Role.LEARNER, Role.TUTOR, Role.TRAINER})
OWN_FIELDS = {Role.LEARNER: ("self_level",), Role.TUTOR: ("assessed_level",)}


def own_findings(user, findings) -> list:
    """The positioning findings that ask something of `user` (learner: their
    self-assessment, tutor: their assessment; a competence not positioned yet: both)."""
    fields = OWN_FIELDS.get(user.role, ())
    return [
        f
        for f in findings
        if f.rule == "POS-01"
        and fields
        and (f.path in ("positioning", "positioning.entries") or f.path.endswith(fields))
    ]


@login_required
def history(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    events = [
        (event, perms.event_changes_for(request.user, page.row, event))
        for event in perms.events_for(request.user, page.row)
    ]
    return render(request, "web/history.html", page.context("historique", events=events))


@login_required
def export_json(request, pk):
    row = perms.get_dossier_for(request.user, pk)
    body = json.dumps(perms.document_for(request.user, row), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dossier-{row.pk}.json"'
    return response


@login_required
@require_POST
def import_json(request):
    companies = perms.creatable_companies(request.user)
    form = f.DossierImportForm(request.POST, request.FILES)
    if not companies.exists():
        raise PermissionDenied("Vous ne pouvez pas importer de dossier.")
    if not form.is_valid():
        messages.error(request, "Choisissez un fichier JSON à importer.")
        return redirect("web:dashboard")
    upload, limit = form.cleaned_data["file"], settings.REQUEST_MAX_BYTES
    try:
        if upload.size > limit:
            raise ValueError(f"le fichier dépasse {megabytes(limit)}")
        data = upload.read()
        siret = parse_dossier(data).company.siret
        company = companies.filter(siret=siret).first() or companies.first()
        row = actions.import_dossier(request.user, company, data)
    except (InvalidDossier, ValueError, AttributeError) as exc:
        errors = getattr(exc, "errors", None) or [str(exc)]
        messages.error(
            request,
            "Import refusé, rien n'a été enregistré : " + " ; ".join(map(described, errors)),
        )
        return redirect("web:dashboard")
    notes = getattr(row, "import_notes", [])
    messages.success(
        request,
        "Dossier importé comme brouillon."
        + (" Repris des organisations : " + " ; ".join(notes) + "." if notes else ""),
    )
    return redirect("web:overview", pk=row.pk)


STATUS_LABELS = dict(Status.choices)
