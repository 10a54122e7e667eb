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
from parcours.dossiers import actions, convert, perms
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

    def __init__(self, *args, row, trainers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        people = User.objects.filter(organisation=row.company, is_active=True).order_by(
            "last_name", "first_name"
        )
        self.fields["tutor_account"].queryset = people.filter(role=Role.TUTOR)
        self.fields["learner_account"].queryset = people.filter(role=Role.LEARNER)
        self.fields["trainer_accounts"].queryset = people.filter(role=Role.TRAINER)
        # One choice per trainer of the document: who signs the trainer lines of their
        # sessions (parcours.attendance).
        self.trainer_ids = []
        for trainer in trainers:
            name = mapping_field(trainer["id"])
            self.trainer_ids.append(trainer["id"])
            self.fields[name] = djforms.ModelChoiceField(
                label=f"Compte de {trainer.get('name') or trainer['id']} ({trainer['id']})",
                help_text="Ce compte signe les séances de ce formateur, et seulement elles.",
                queryset=people.filter(role=Role.TRAINER),
                required=False,
                empty_label="— aucun —",
            )
        if not self.is_bound:
            mapped = row.trainer_accounts or {}
            self.initial = {
                "tutor_account": row.tutor,
                "learner_account": row.learner,
                "trainer_accounts": list(row.trainers.all()),
            } | {mapping_field(t): mapped.get(t) for t in self.trainer_ids}

    def mapping(self) -> dict:
        return {t: self.cleaned_data[mapping_field(t)] for t in self.trainer_ids}


def mapping_field(trainer_id: str) -> str:
    return f"trainer_for_{trainer_id}"


def _trainers(row) -> list[dict]:
    return [t for t in convert.document(row).get("trainers") or [] if t.get("id")]


def _mapped(row, trainers) -> list[tuple[str, str]]:
    """(trainer of the document, account name) for the read-only page."""
    accounts = {u.pk: str(u) for u in row.trainers.all()}
    mapping = row.trainer_accounts or {}
    return [
        (f"{t.get('name') or t['id']} ({t['id']})", accounts.get(mapping.get(t["id"]), ""))
        for t in trainers
    ]


def _render(request, page, form, status=200, **extra):
    editable = perms.can_assign_people(request.user, page.row)
    mapped = _mapped(page.row, _trainers(page.row))
    context = page.context("acces", form=form, editable=editable, mapped=mapped, **extra)
    return render(request, "web/steps/acces.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def people(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    trainers = _trainers(page.row)
    if request.method == "GET":
        return _render(request, page, PeopleForm(row=page.row, trainers=trainers))
    if not perms.can_assign_people(request.user, page.row):
        raise PermissionDenied("Vous ne pouvez pas changer les comptes de ce dossier.")
    form = PeopleForm(request.POST, row=page.row, trainers=trainers)
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
            trainer_accounts=form.mapping(),
        )
    except StaleDossier as exc:
        return _render(request, page, form, status=409, conflict=exc.message)
    except InvalidDossier as exc:
        unplaced = attach_errors({"form": form}, exc.errors)
        return _render(request, page, form, status=400, unplaced=unplaced)
    messages.success(request, "Comptes du dossier enregistrés.")
    return redirect("web:people", pk=pk)
