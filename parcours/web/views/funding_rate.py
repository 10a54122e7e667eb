"""The OPCO's hourly rate on « Financement » (an experienced company is funded by the hour
attended; guide « Les financements »). `parcours.funding.rate` writes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.funding import rate
from parcours.web.views.common import posted_version
from parcours.web.views.funding import _money_page, _render


@login_required
@require_POST
def hourly_rate(request, pk):
    page = _money_page(request, pk)
    if not rate.can_set_rate(request.user, page.row):
        raise PermissionDenied("Seul l'OPCO fixe le taux horaire du financement.")
    value = request.POST.get("taux", "")
    try:
        rate.set_hourly_rate(page.row, request.user, value, posted_version(request))
    except InvalidDossier as exc:
        error = " ".join(e.message for e in exc.errors)
        return _render(request, page, status=400, rate_error=error, rate_value=value)
    except StaleDossier as exc:
        return _render(request, page, status=409, conflict=exc.message)
    messages.success(request, "Taux horaire enregistré.")
    return redirect(reverse("web:funding", args=[pk]) + "#couts")
