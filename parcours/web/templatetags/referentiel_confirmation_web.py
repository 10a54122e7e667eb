"""`{% referentiel_confirmation %}`: the « Confirmation par l'équipe de travail » block of
the référentiel step (guide action 1 ③), with its form for those who may record it. A tag,
so that the step's builder (parcours/web/views/steps.py) needs no change."""

from __future__ import annotations

from django import template
from django.utils import timezone

from parcours.domain import referentiel_confirmation as rc
from parcours.domain.loading import InvalidDossier, parse_dossier
from parcours.referentiel_confirmation import perms
from parcours.web.referentiel_confirmation_forms import ConfirmForm

register = template.Library()


@register.inclusion_tag("web/referentiel_confirmation/block.html", takes_context=True)
def referentiel_confirmation(context):
    row, request = context["row"], context["request"]
    try:
        domain = parse_dossier(context["doc"])
    except InvalidDossier:
        return {"shown": False}
    state = rc.state(domain)
    can_confirm = perms.can_confirm(request.user, row) and bool(domain.competences)
    form = context.get("confirm_form")
    if can_confirm and form is None:
        form = ConfirmForm(initial={"confirmed_on": timezone.localdate()},
                           today=timezone.localdate())  # fmt: skip
    confirmation = domain.referentiel_confirmation
    return {
        "shown": True,
        "row": row,
        "state": state.value,
        "label": rc.LABELS[state],
        "confirmation": confirmation,
        "people": rc.people_text(confirmation) if confirmation else "",
        "form": form if can_confirm else None,
        "csrf_token": context.get("csrf_token"),
    }
