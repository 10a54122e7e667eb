"""The OPCO's one-page summary of a dossier (« Synthèse »): every section condensed, the
findings and justifications beside them, what changed since the previous submission."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from parcours.dossiers import perms
from parcours.portfolio import summary_page
from parcours.web.views.common import Page
from parcours.web.views.opco import _opco_only


@login_required
def summary(request, pk):
    # The review page's permission: OPCO staff only (403), then the dossier must be one
    # the OPCO sees (404).
    _opco_only(request.user)
    page = Page(request, perms.get_dossier_for(request.user, pk))
    return render(request, "web/portfolio/summary.html", summary_page.build(page))
