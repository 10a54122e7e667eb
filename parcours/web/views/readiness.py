"""« Êtes-vous prêt ? » (guide, chapitre 6): a public page, no login. The company answers
the guide's conditions, reads its verdict and what to prepare, and may start a dossier with
its answers. Nothing is kept without the explicit consent: the test itself never touches
the session; only « Commencer un dossier avec ces réponses », its box ticked, writes the
company's answers (never the candidate's) into the session, which the dossier's creation
reads and then forgets (parcours.web.views.dossier.create)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from parcours.domain import readiness
from parcours.dossiers import perms
from parcours.web import throttle
from parcours.web.readiness_forms import ReadinessForm, StartForm

SESSION_KEY = "readiness"
# A person answers a few times an hour; a script sending hundreds is refused for a while.
POST_LIMIT, POST_WINDOW = 60, 600


def saved(request) -> dict:
    """The answers kept with consent, for the dossier's creation (empty without them)."""
    return readiness.prefill(request.session.get(SESSION_KEY))


def forget(request) -> None:
    if SESSION_KEY in request.session:
        del request.session[SESSION_KEY]


def _can_start(user) -> bool:
    """Anyone not logged in (they log in as the company after), or who may create one."""
    return not user.is_authenticated or perms.creatable_companies(user).exists()


def _render(request, form, *, result=None, start=None, status=200):
    context = {
        "form": form,
        "result": result,
        "start": start,
        "can_start": _can_start(request.user),
        "verdicts": readiness.VERDICT_LABELS,
    }
    return render(request, "web/readiness/page.html", context, status=status)


def _throttled(request):
    if throttle.over_limit(request, "readiness", POST_LIMIT, POST_WINDOW):
        return render(
            request,
            "web/refused.html",
            {
                "title": "Trop de demandes",
                "message": "Trop de réponses envoyées depuis cette adresse en peu de temps. "
                f"Réessayez dans {POST_WINDOW // 60} minutes.",
            },
            status=429,
        )
    return None


@require_http_methods(["GET", "POST"])
def readiness_page(request):
    if request.method == "GET":
        return _render(request, ReadinessForm())
    refused = _throttled(request)
    if refused:
        return refused
    form = ReadinessForm(request.POST)
    if not form.is_valid():
        return _render(request, form, status=400)
    result = readiness.verdict(form.answers())
    start = StartForm(initial=form.cleaned_data) if _can_start(request.user) else None
    return _render(request, form, result=result, start=start)


@require_POST
def start(request):
    """Keeps the company's answers in the session (with the box ticked) and goes to the new
    dossier's page, through the login when needed."""
    refused = _throttled(request)
    if refused:
        return refused
    if not _can_start(request.user):
        raise PermissionDenied(
            "Seuls le dirigeant, le service RH ou le tiers facilitateur créent un dossier."
        )
    start_form = StartForm(request.POST)
    if not start_form.is_valid():
        # The answers come back as they were sent: the test's page again, its verdict if
        # they are complete, and the consent's error beside its box.
        form = ReadinessForm(request.POST)
        result = readiness.verdict(form.answers()) if form.is_valid() else None
        return _render(request, form, result=result, start=start_form, status=400)
    data = start_form.cleaned_data
    request.session[SESSION_KEY] = readiness.kept(start_form.answers(), data["job_title"])
    return redirect("web:create")


@require_POST
def forget_answers(request):
    """The consent withdrawn: the kept answers leave the session at once."""
    forget(request)
    return redirect("web:create" if request.user.is_authenticated else "web:readiness")
