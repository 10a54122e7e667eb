"""« Comptes et accès »: the accounts named on the contract (tutor, learner, trainers), who
then see the dossier and do their part (self-assessment, evaluation, séquences, sessions)."""

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.dossiers import actions, perms
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.web.views.common import Page, posted_version
from parcours.web.views.steps import attach_errors


class PeopleForm(djforms.Form):
    tutor_account = djforms.ModelChoiceField(
        label="Compte du tuteur", queryset=None, required=False, empty_label="— aucun —"
    )
    learner_account = djforms.ModelChoiceField(
        label="Compte du salarié apprenant", queryset=None, required=False, empty_label="— aucun —"
    )
    trainer_accounts = djforms.ModelMultipleChoiceField(
        label="Comptes des formateurs internes",
        queryset=None,
        required=False,
        widget=djforms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, row, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        people = User.objects.filter(organisation=row.company, is_active=True).order_by(
            "last_name", "first_name"
        )
        self.fields["tutor_account"].queryset = people.filter(role=Role.TUTOR)
        self.fields["learner_account"].queryset = people.filter(role=Role.LEARNER)
        self.fields["trainer_accounts"].queryset = people.filter(role=Role.TRAINER)
        if not self.is_bound:
            self.initial = {
                "tutor_account": row.tutor,
                "learner_account": row.learner,
                "trainer_accounts": list(row.trainers.all()),
            }


def _render(request, page, form, status=200, **extra):
    editable = perms.can_edit_section(request.user, page.row, "tutor")
    context = page.context("acces", form=form, editable=editable, **extra)
    return render(request, "web/steps/acces.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def people(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if request.method == "GET":
        return _render(request, page, PeopleForm(row=page.row))
    if not perms.can_edit_section(request.user, page.row, "tutor"):
        raise PermissionDenied("Vous ne pouvez pas changer les comptes de ce dossier.")
    form = PeopleForm(request.POST, row=page.row)
    if not form.is_valid():
        return _render(request, page, form, status=400)
    d = form.cleaned_data
    try:
        actions.assign_people(
            page.row,
            request.user,
            posted_version(request),
            tutor=d["tutor_account"],
            learner=d["learner_account"],
            trainers=list(d["trainer_accounts"]),
        )
    except StaleDossier as exc:
        return _render(request, page, form, status=409, conflict=exc.message)
    except InvalidDossier as exc:
        unplaced = attach_errors({"form": form}, exc.errors)
        return _render(request, page, form, status=400, unplaced=unplaced)
    messages.success(request, "Comptes du dossier enregistrés.")
    return redirect("web:people", pk=pk)
