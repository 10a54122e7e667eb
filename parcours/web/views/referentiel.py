"""Importing a référentiel métier from an .xlsx sheet: everything or nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from parcours.domain.wording import described
from parcours.dossiers import actions, perms
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.web import forms as f
from parcours.web.referentiel_import import parse_referentiel_xlsx
from parcours.web.views.common import Page, posted_version
from parcours.web.views.steps import STEPS_BY_SLUG, render_step


@login_required
@require_POST
def import_xlsx(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not page.can_edit("competences"):
        raise PermissionDenied("Vous ne pouvez pas modifier le référentiel de ce dossier.")
    step = STEPS_BY_SLUG["referentiel"]
    form = f.ReferentielImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_step(request, step, page, step.build(page), status=400, import_form=form)
    result = parse_referentiel_xlsx(form.cleaned_data["file"].read())
    if not result.ok:
        return render_step(
            request,
            step,
            page,
            step.build(page),
            status=400,
            import_errors=[str(e) for e in result.errors],
        )
    try:
        version = posted_version(request)
        actions.update_section(page.row, request.user, "competences", result.competences, version)
    except StaleDossier as exc:
        return render_step(request, step, page, step.build(page), status=409, conflict=exc.message)
    except InvalidDossier as exc:
        errors = [described(e, page.document) for e in exc.errors]
        return render_step(request, step, page, step.build(page), status=400, import_errors=errors)
    messages.success(request, f"{len(result.competences)} compétences importées.")
    return redirect("web:step", pk=pk, slug="referentiel")
