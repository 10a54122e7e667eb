"""« Rupture du contrat »: the company side declares the rupture of a live contract (date,
reason from the list, the date the written notice was sent to the OPCO) and corrects it
until the OPCO has acknowledged it; the notice is a paper of the dossier (« Notification
de rupture »); the OPCO acknowledges it with its date, after which it is read-only.
Every party of the dossier reads the page (`parcours.closing.actions` writes)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from parcours.closing import actions as closing
from parcours.domain.closing import RUPTURE_REASONS, details_of, followed_hours
from parcours.domain.loading import parse_dossier
from parcours.dossiers import perms
from parcours.dossiers.enums import Status
from parcours.dossiers.errors import InvalidDossier, StaleDossier, TransitionRefused
from parcours.web import closing_forms as cf
from parcours.web.views.common import Page, posted_version

TEMPLATE = "web/rupture/rupture.html"


def _initial(rupture) -> dict:
    if rupture is None:
        return {}
    code = rupture.reason_code
    return {
        "date": rupture.date,
        "reason_code": code.value if code else None,
        "details": details_of(rupture),
        "opco_informed_on": rupture.opco_informed_on,
    }


def _render(request, page: Page, form=None, ack_form=None, status=200, **extra):
    today = timezone.localdate()
    domain = parse_dossier(page.document)
    rupture = domain.rupture
    can_edit = perms.can_edit_rupture(page.user, page.row)
    can_ack = perms.can_acknowledge_rupture(page.user, page.row)
    if can_edit and form is None:
        form = cf.RuptureForm(initial=_initial(rupture), today=today)
    if can_ack and ack_form is None:
        ack_form = cf.AcknowledgeForm(initial={"acknowledged_on": today}, today=today)
    context = page.context(
        "rupture",
        rupture=rupture,
        reason_label=RUPTURE_REASONS.get(rupture.reason_code) if rupture else None,
        followed=followed_hours(domain, rupture.date if rupture else today),
        form=form if can_edit else None,
        ack_form=ack_form if can_ack and rupture and rupture.opco_informed_on else None,
        can_ack=can_ack,
        declaring=page.row.status in perms.LIVE_STATES,
        terminated=page.row.status == Status.TERMINATED,
        events=page.row.events.filter(Q(section="rupture") | Q(to_status=Status.TERMINATED))
        .select_related("actor")
        .order_by("at")[:20],
        **extra,
    )
    return render(request, TEMPLATE, context, status=status)


def _refused(exc) -> tuple[list[str], str | None]:
    if isinstance(exc, StaleDossier):
        return [], exc.message
    return list(getattr(exc, "reasons", []) or []), None


@login_required
@require_http_methods(["GET", "POST"])
def rupture(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if request.method == "GET":
        return _render(request, page)
    if not perms.can_edit_rupture(request.user, page.row):
        raise PermissionDenied(closing.NOT_RUPTURE)
    form = cf.RuptureForm(request.POST, today=timezone.localdate())
    if not form.is_valid():
        return _render(request, page, form, status=400)
    d = form.cleaned_data
    declaring = page.row.status in perms.LIVE_STATES
    try:
        closing.declare_rupture(
            page.row,
            request.user,
            posted_version(request),
            date=d["date"],
            reason_code=d["reason_code"],
            details=d["details"],
            opco_informed_on=d["opco_informed_on"],
        )
    except InvalidDossier as exc:
        form.add_action_errors(exc.errors, cf.RUPTURE_FIELDS)
        return _render(request, page, form, status=400)
    except (TransitionRefused, StaleDossier) as exc:
        refused, conflict = _refused(exc)
        code = 409 if conflict else 400
        return _render(request, page, form, status=code, refused=refused, conflict=conflict)
    if declaring:
        messages.success(
            request,
            "La rupture est enregistrée et le contrat est rompu. Téléchargez la notification "
            "de rupture, envoyez-la à l'OPCO, puis indiquez ici sa date d'envoi.",
        )
    else:
        messages.success(request, "La rupture est mise à jour.")
    return redirect("web:rupture", pk=pk)


@login_required
@require_POST
def acknowledge(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not perms.can_acknowledge_rupture(request.user, page.row):
        raise PermissionDenied(closing.NOT_ACKNOWLEDGE)
    form = cf.AcknowledgeForm(request.POST, today=timezone.localdate())
    if not form.is_valid():
        return _render(request, page, ack_form=form, status=400)
    try:
        closing.acknowledge_rupture(
            page.row, request.user, posted_version(request), form.cleaned_data["acknowledged_on"]
        )
    except InvalidDossier as exc:
        form.add_action_errors(exc.errors, {"rupture.acknowledged_on": "acknowledged_on"})
        return _render(request, page, ack_form=form, status=400)
    except StaleDossier as exc:
        return _render(request, page, ack_form=form, status=409, conflict=exc.message)
    messages.success(request, "Réception de la notification de rupture enregistrée.")
    return redirect("web:rupture", pk=pk)
