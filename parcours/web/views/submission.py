"""The last step: every finding, the justification of each alerte, the sending."""

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from parcours.domain.wording import described
from parcours.dossiers import actions, lifecycle, perms
from parcours.dossiers.errors import InvalidDossier, StaleDossier, TransitionRefused
from parcours.web.findings import STEPS
from parcours.web.views.common import Page, posted_version


def _groups(page):
    titles = {slug: title for slug, title, _ in STEPS}
    groups = [(slug, titles[slug], page.index.of_step(slug)) for slug, _, _ in STEPS]
    groups.append((None, "Autres points du dossier", page.index.of_step(None)))
    return [g for g in groups if g[2]]


def _justifications(page):
    return {(j.rule, j.path): j for j in page.row.justifications.select_related("author")}


def context(page, **extra):
    justified = _justifications(page)
    alerts = [(a, justified.get((a.rule, a.path))) for a in page.index.alerts]
    return page.context(
        "soumission",
        groups=_groups(page),
        alerts=alerts,
        blocking=page.index.blocking,
        missing=[a for a, j in alerts if j is None],
        pending=_pending(page.index.blocking, [a for a, j in alerts if j is None]),
        can_submit=perms.can_transition(page.user, page.row, "submit"),
        can_justify=perms.can_justify(page.user, page.row),
        **extra,
    )


def _pending(blocking, missing) -> str:
    """What still stops the sending, in words: « 2 anomalies bloquantes et 1 alerte… »."""
    parts = []
    if blocking:
        n = len(blocking)
        parts.append(f"{n} anomalie{'s' * (n > 1)} bloquante{'s' * (n > 1)}")
    if missing:
        n = len(missing)
        parts.append(f"{n} alerte{'s' * (n > 1)} sans justification")
    return " et ".join(parts)


@login_required
def submission(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    return render(request, "web/steps/soumission.html", context(page))


class JustifyForm(djforms.Form):
    rule = djforms.CharField(widget=djforms.HiddenInput)
    path = djforms.CharField(widget=djforms.HiddenInput, required=False)
    text = djforms.CharField(label="Justification", widget=djforms.Textarea(attrs={"rows": 2}))


@login_required
@require_POST
def justify(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not perms.can_justify(request.user, page.row):
        raise PermissionDenied("Vous ne pouvez pas justifier les alertes de ce dossier.")
    form = JustifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "La justification ne doit pas être vide.")
        return redirect("web:submission", pk=pk)
    d = form.cleaned_data
    try:
        actions.justify_alert(page.row, request.user, d["rule"], d["path"] or "", d["text"])
    except InvalidDossier as exc:
        messages.error(request, " ; ".join(described(e, page.document) for e in exc.errors))
    else:
        messages.success(request, f"Justification de l'alerte {d['rule']} enregistrée.")
    if request.htmx:
        return render(request, "web/steps/soumission.html", context(Page(request, page.row)))
    return redirect("web:submission", pk=pk)


@login_required
@require_http_methods(["POST"])
def submit(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not perms.can_transition(request.user, page.row, "submit"):
        raise PermissionDenied("Vous ne pouvez pas soumettre ce dossier.")
    try:
        actions.submit_dossier(page.row, request.user, posted_version(request))
    except InvalidDossier as exc:
        refused = [e.message for e in exc.errors]
        return render(
            request, "web/steps/soumission.html", context(page, refused=refused), status=400
        )
    except TransitionRefused as exc:
        return render(
            request, "web/steps/soumission.html", context(page, refused=exc.reasons), status=400
        )
    except StaleDossier as exc:
        return render(
            request, "web/steps/soumission.html", context(page, conflict=exc.message), status=409
        )
    messages.success(request, "Dossier envoyé à l'OPCO pour instruction.")
    return redirect("web:overview", pk=pk)


GUARD = lifecycle.guard_submit
