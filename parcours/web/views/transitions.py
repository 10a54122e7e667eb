"""The contract's transitions that need nothing but a click (« Démarrer le contrat »), as
buttons of the dossier's page: same pattern as the sending (`submission.submit`) and the
OPCO's decisions, through `dossiers.actions`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from parcours.dossiers import actions, perms
from parcours.dossiers.errors import InvalidDossier, StaleDossier, TransitionRefused
from parcours.web.views.common import Page, posted_version

# transition name → (action, what the page says once done)
BUTTONS = {
    "start": (
        actions.start_contract,
        "Le contrat a démarré : les séances sont maintenant émargées et suivies.",
    ),
}


@login_required
@require_POST
def transition(request, pk, name):
    if name not in BUTTONS:
        raise Http404("Action inconnue.")
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not perms.can_transition(request.user, page.row, name):
        raise PermissionDenied("Vous ne pouvez pas faire cette action sur ce dossier.")
    action, done = BUTTONS[name]
    try:
        action(page.row, request.user, posted_version(request))
    except (InvalidDossier, TransitionRefused, StaleDossier) as exc:
        refused = getattr(exc, "reasons", None) or [e.message for e in getattr(exc, "errors", [])]
        conflict = exc.message if isinstance(exc, StaleDossier) else None
        events = perms.events_for(request.user, page.row)[:5]
        context = page.context(None, events=events, refused=refused, conflict=conflict)
        return render(request, "web/overview.html", context, status=409 if conflict else 400)
    messages.success(request, done)
    return redirect("web:overview", pk=pk)
