"""The documents step: the signed CERFA 12434 and convention (uploaded through the backend,
read back by permission) and the papers the dossier produces (PDF/DOCX, livret's texts)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from parcours.domain.wording import described
from parcours.dossiers import actions, papers, perms
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.dossiers.uploads import signed_document_response, upload_signed_document
from parcours.web import forms as f
from parcours.web.views.common import Page, posted_version
from parcours.web.views.steps import attach_errors


def _context(page, form, **extra):
    user, row = page.user, page.row
    documents = perms.readable_signed_documents(user, row)
    can_upload = any(
        perms.can_upload_signed_document(user, row, k) for k in ("cerfa_12434", "convention")
    )
    return page.context(
        "documents",
        form=form,
        documents=documents,
        can_upload=can_upload,
        step_findings=page.index.of_step("documents"),
        **extra,
    )


@login_required
@require_http_methods(["GET", "POST"])
def documents(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if request.method == "GET":
        return render(request, "web/steps/documents.html", _context(page, f.UploadForm()))
    form = f.UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "web/steps/documents.html", _context(page, form), status=400)
    d = form.cleaned_data
    try:
        version = posted_version(request)
        upload_signed_document(
            page.row,
            request.user,
            d["kind"],
            d["file"],
            d["signed_on"],
            d["signed_by"],
            expected_version=version,
        )
    except StaleDossier as exc:
        return render(
            request,
            "web/steps/documents.html",
            _context(page, form, conflict=exc.message),
            status=409,
        )
    except InvalidDossier as exc:
        unplaced = attach_errors({"form": form}, exc.errors)
        return render(
            request, "web/steps/documents.html", _context(page, form, unplaced=unplaced), status=400
        )
    except PermissionDenied:
        raise
    messages.success(request, "Document déposé.")
    return redirect("web:documents", pk=pk)


@login_required
def download(request, pk, doc_id):
    row = perms.get_dossier_for(request.user, pk)
    return signed_document_response(request.user, row, doc_id)


# --- the papers the dossier produces (documents package) -------------------------------


def _papers_context(page, **extra):
    listed = papers.listing(page.user, page.row)
    for d in listed:
        d["format_labels"] = [(fmt, papers.FORMAT_LABELS.get(fmt, fmt)) for fmt in d["formats"]]
    return page.context(
        "documents",
        papers=listed,
        can_edit_livret=perms.can_edit_livret(page.user, page.row),
        **extra,
    )


@login_required
def papers_list(request, pk):
    """« Documents du dossier »: every paper, a button per format, or why it is not ready."""
    page = Page(request, perms.get_dossier_for(request.user, pk))
    return render(request, "web/steps/papers.html", _papers_context(page))


@login_required
def paper(request, pk, name, fmt):
    row = perms.get_dossier_for(request.user, pk)
    try:
        produced = papers.produce(request.user, row, name, fmt, request.GET.get("index"))
    except papers.UnknownDocument as exc:
        raise Http404(str(exc)) from None
    except papers.DocumentNotReady as exc:
        page = Page(request, row)
        context = _papers_context(page, not_ready=exc.reason)
        return render(request, "web/steps/papers.html", context, status=409)
    response = HttpResponse(produced.content, content_type=produced.content_type)
    response["Content-Disposition"] = content_disposition_header(True, produced.filename)
    return response


def _livret_form(page, data=None):
    defaults = papers.livret_defaults(papers.domain_for(page.user, page.row))
    return f.LivretForm(data, defaults=defaults, stored=page.row.livret_sections or {})


@login_required
@require_http_methods(["GET", "POST"])
def livret(request, pk):
    """The company's own texts of the livret d'accueil."""
    page = Page(request, perms.get_dossier_for(request.user, pk))
    editable = perms.can_edit_livret(request.user, page.row)
    if request.method == "GET":
        form = _livret_form(page)
        return render(
            request,
            "web/steps/livret.html",
            page.context("documents", form=form, editable=editable),
        )
    if not editable:
        raise PermissionDenied("Vous ne pouvez pas modifier le livret d'accueil de ce dossier.")
    form = _livret_form(page, request.POST)
    status, extra = 400, {}
    if form.is_valid():
        try:
            actions.update_livret(page.row, request.user, form.sections(), posted_version(request))
        except StaleDossier as exc:
            status, extra = 409, {"conflict": exc.message}
        except InvalidDossier as exc:
            extra = {"unplaced": [described(e, page.document) for e in exc.errors]}
        else:
            messages.success(request, "Livret d'accueil enregistré.")
            return redirect("web:papers", pk=pk)
    context = page.context("documents", form=form, editable=editable, **extra)
    return render(request, "web/steps/livret.html", context, status=status)
