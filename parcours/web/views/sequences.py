"""The séquences step's date picker: one more « Autre date » input (htmx)."""

import re

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_GET

from parcours.dossiers import perms
from parcours.web.views.common import Page

NAME = re.compile(r"^sequences-\d{1,4}-calendar_added$")


@login_required
@require_GET
def date_row(request, pk, name):
    """`name`: the séquence's field (« sequences-2-calendar_added »)."""
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not page.can_edit("sequences"):
        raise PermissionDenied("Vous ne pouvez pas modifier les séquences de ce dossier.")
    if not NAME.match(name):
        return HttpResponseBadRequest("Champ inconnu.")
    return render(request, "web/includes/added_date.html", {"name": name})
