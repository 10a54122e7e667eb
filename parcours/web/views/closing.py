"""« Clôture du contrat »: what the closing rules (BIL-03, CLO-01, FIN-02, RUP-01, ATT-01…)
still miss, in plain French with a link to where each is fixed; the attestation de fin de
contrat as it stands or would be prepared (each competence, level reached, acquired or
not; hours followed); « Préparer l'attestation » and « Clore le contrat » for the company
side. Every party of the dossier reads the page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from parcours.closing import actions as closing
from parcours.closing import checklist
from parcours.domain.closing import (
    attestation_basis,
    done_hours,
    end_of_contract,
    followed_hours,
    lines,
)
from parcours.domain.documents.common import level
from parcours.domain.dossier import DocumentKind
from parcours.domain.loading import parse_dossier
from parcours.dossiers import actions, perms
from parcours.dossiers.enums import Status
from parcours.dossiers.errors import InvalidDossier, StaleDossier, TransitionRefused
from parcours.web import closing_forms as cf
from parcours.web.views.common import Page, posted_version

TEMPLATE = "web/closing/cloture.html"
ACQUIRED = {True: "oui", False: "non", None: "—"}


def _certificate(domain):
    """The certificat de réalisation joined to the dossier (the latest), or None."""
    found = [x for x in domain.documents if x.kind == DocumentKind.CERTIFICAT_REALISATION]
    return max(found, key=lambda x: x.date) if found else None


def _render(request, page: Page, form=None, status=200, cert_form=None, **extra):
    today = timezone.localdate()
    domain = parse_dossier(page.document)
    signed = any(done_hours(s) > 0 for s in domain.sessions)
    can_record = perms.can_prepare_attestation(page.user, page.row) and signed
    if can_record and cert_form is None:
        cert_form = cf.CertificateForm(initial={"certificate_date": today}, today=today)
    basis = attestation_basis(domain)
    attestation = domain.attestation
    if attestation and attestation.competences:
        shown, shown_from = lines(domain, attestation.competences), None
    elif basis is not None:
        shown, shown_from = lines(domain, basis.scores), basis.label
    else:
        shown, shown_from = [], None
    can_prepare = perms.can_prepare_attestation(page.user, page.row) and basis is not None
    if can_prepare and form is None:
        form = cf.AttestationForm(initial={"date": today}, today=today)
    found = checklist.items(page.user, page.row)
    blocking = [i for i in found if i.blocking]
    end = end_of_contract(domain)
    context = page.context(
        "cloture",
        items=found,
        blocking=blocking,
        alerts=[i for i in found if not i.blocking],
        attestation=attestation,
        basis=basis,
        lines=[
            (x.competence, x.statement, level(x.expected), level(x.reached), ACQUIRED[x.acquired])
            for x in shown
        ],
        lines_from=shown_from,
        acquired=sum(1 for x in shown if x.acquired),
        followed=followed_hours(domain, min(end, today)),
        form=form if can_prepare else None,
        can_prepare_role=perms.can_prepare_attestation(page.user, page.row),
        certificate=_certificate(domain),
        cert_form=cert_form if can_record else None,
        any_signed=signed,
        can_close=perms.can_transition(page.user, page.row, "complete"),
        running=page.row.status == Status.RUNNING,
        terminated=page.row.status == Status.TERMINATED,
        completed=page.row.status == Status.COMPLETED,
        **extra,
    )
    return render(request, TEMPLATE, context, status=status)


@login_required
def closing_page(request, pk):
    return _render(request, Page(request, perms.get_dossier_for(request.user, pk)))


@login_required
@require_POST
def prepare_attestation(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not perms.can_prepare_attestation(request.user, page.row):
        raise PermissionDenied(closing.NOT_ATTESTATION)
    form = cf.AttestationForm(request.POST, today=timezone.localdate())
    if not form.is_valid():
        return _render(request, page, form, status=400)
    try:
        closing.prepare_attestation(
            page.row, request.user, form.cleaned_data["date"], posted_version(request)
        )
    except InvalidDossier as exc:
        form.add_action_errors(exc.errors, {"attestation.date": "date"})
        return _render(request, page, form, status=400)
    except StaleDossier as exc:
        return _render(request, page, form, status=409, conflict=exc.message)
    messages.success(request, "L'attestation de fin de contrat est préparée.")
    return redirect("web:closing", pk=pk)


@login_required
@require_POST
def close(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not perms.can_transition(request.user, page.row, "complete"):
        raise PermissionDenied("Vous ne pouvez pas clore ce contrat.")
    try:
        actions.complete_contract(page.row, request.user, posted_version(request))
    except TransitionRefused as exc:
        return _render(request, page, status=400, refused=exc.reasons)
    except InvalidDossier as exc:
        return _render(request, page, status=400, refused=[e.message for e in exc.errors])
    except StaleDossier as exc:
        return _render(request, page, status=409, conflict=exc.message)
    messages.success(request, "Le contrat est clos.")
    return redirect("web:closing", pk=pk)


@login_required
@require_POST
def record_certificate(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not perms.can_prepare_attestation(request.user, page.row):
        raise PermissionDenied(closing.NOT_CERTIFICATE)
    form = cf.CertificateForm(request.POST, today=timezone.localdate())
    if not form.is_valid():
        return _render(request, page, cert_form=form, status=400)
    try:
        closing.record_certificate(
            page.row, request.user, form.cleaned_data["certificate_date"], posted_version(request)
        )
    except InvalidDossier as exc:
        form.add_action_errors(exc.errors, {"documents": "certificate_date"})
        return _render(request, page, cert_form=form, status=400)
    except StaleDossier as exc:
        return _render(request, page, cert_form=form, status=409, conflict=exc.message)
    messages.success(request, "Le certificat de réalisation est joint au dossier.")
    return redirect("web:closing", pk=pk)
