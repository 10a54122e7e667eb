"""« Confirmation par l'équipe de travail » (guide action 1 ③), posted from the référentiel
step: the company side records who confirmed the competences and when. On an error the step
is shown again with the form and its messages next to each field."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from parcours.dossiers import perms
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.referentiel_confirmation import actions
from parcours.referentiel_confirmation import perms as rc_perms
from parcours.web import referentiel_confirmation_forms as rf
from parcours.web.views.common import Page, posted_version
from parcours.web.views.steps import STEPS_BY_SLUG, render_step


@login_required
@require_POST
def confirm(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not rc_perms.can_confirm(request.user, page.row):
        raise PermissionDenied(actions.NOT_ALLOWED)
    step = STEPS_BY_SLUG["referentiel"]
    form = rf.ConfirmForm(request.POST, today=timezone.localdate())

    def again(status, **extra):
        return render_step(request, step, page, step.build(page), status=status,
                           confirm_form=form, **extra)  # fmt: skip

    if not form.is_valid():
        return again(400)
    data = form.cleaned_data
    try:
        actions.confirm(
            page.row,
            request.user,
            posted_version(request),
            confirmed_on=data["confirmed_on"],
            people=data["people"],
            comment=data["comment"],
        )
    except InvalidDossier as exc:
        form.add_action_errors(exc.errors, rf.FIELDS)
        return again(400)
    except StaleDossier as exc:
        return again(409, conflict=exc.message)
    messages.success(request, "La confirmation du référentiel par l'équipe est enregistrée.")
    return redirect(f"{redirect('web:step', pk=pk, slug='referentiel').url}#confirmation")
