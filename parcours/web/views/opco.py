"""The OPCO's side: the review page and the three decisions (the instruction queue is
`portfolio_queue`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from parcours.accounts.enums import Role
from parcours.domain.wording import described
from parcours.dossiers import actions, convert, perms
from parcours.dossiers.enums import SignedKind
from parcours.dossiers.errors import InvalidDossier, StaleDossier, TransitionRefused
from parcours.web import forms as f
from parcours.web.views.common import Page, posted_version
from parcours.web.views.submission import _groups, _justifications

# The sections the company edits before submission: what a change request may name.
REVIEWED_SECTIONS = (
    "company", "learner", "contract", "competences", "positioning", "modules", "sequences",
    "tutor", "trainers", "reviews", "documents",
)  # fmt: skip


def _opco_only(user):
    if user.role != Role.OPCO_STAFF:
        raise PermissionDenied("Réservé aux conseillers OPCO.")


def _signed_papers(page) -> list[dict]:
    """Per signed paper: what the dossier declares (`documents`) and the newest file
    deposited, so that a signature declared without a file shows."""
    declared = {d.get("kind"): d for d in page.document.get("documents") or []}
    newest = {}
    for document in page.row.signed_documents.select_related("uploaded_by"):
        newest.setdefault(document.kind, document)  # ordered by kind, newest version first
    return [
        {"label": label, "declared": declared.get(kind), "file": newest.get(kind)}
        for kind, label in SignedKind.choices
    ]


def _review_context(page, **extra):
    justified = _justifications(page)
    return page.context(
        "instruction",
        groups=_groups(page),
        signed_papers=_signed_papers(page),
        alerts=[(a, justified.get((a.rule, a.path))) for a in page.index.alerts],
        events=page.row.events.select_related("actor")[:30],
        accept_form=extra.pop("accept_form", f.AcceptForm()),
        refuse_form=extra.pop("refuse_form", f.RefuseForm()),
        sections={k: convert.SECTIONS[k] for k in REVIEWED_SECTIONS},
        decide=perms.can_transition(page.user, page.row, "accept"),
        **extra,
    )


@login_required
def review(request, pk):
    _opco_only(request.user)
    page = Page(request, perms.get_dossier_for(request.user, pk))
    return render(request, "web/opco/review.html", _review_context(page))


@login_required
@require_http_methods(["POST"])
def decide(request, pk, decision):
    _opco_only(request.user)
    page = Page(request, perms.get_dossier_for(request.user, pk))
    extra = {}
    try:
        version = posted_version(request)
        if decision == "accepter":
            form = extra["accept_form"] = f.AcceptForm(request.POST)
            if not form.is_valid():
                raise InvalidDossier([])
            actions.accept_dossier(page.row, request.user, version, **form.cleaned_data)
            done = "Prise en charge accordée."
        elif decision == "modifications":
            comments = {s: request.POST.get(f"comment-{s}", "") for s in REVIEWED_SECTIONS}
            actions.request_changes(page.row, request.user, version, comments)
            done = "Demande de modifications envoyée à l'entreprise."
        elif decision == "refuser":
            form = extra["refuse_form"] = f.RefuseForm(request.POST)
            if not form.is_valid():
                raise InvalidDossier([])
            actions.refuse_dossier(page.row, request.user, version, form.cleaned_data["reason"])
            done = "Dossier refusé."
        else:
            raise PermissionDenied("Décision inconnue.")
    except (InvalidDossier, TransitionRefused, StaleDossier) as exc:
        problems = getattr(exc, "reasons", None) or [
            described(e, page.document) for e in getattr(exc, "errors", [])
        ]
        message = getattr(exc, "message", None) if isinstance(exc, StaleDossier) else None
        context = _review_context(page, decision_errors=problems, conflict=message, **extra)
        return render(request, "web/opco/review.html", context, status=409 if message else 400)
    messages.success(request, done)
    return redirect("web:opco_review", pk=pk)
