"""`{% instructor_notes row %}`: the OPCO's private block of a dossier (who follows it,
the instructors' notes, the forms to change both), for the review and summary pages. It
renders nothing for anyone but the OPCO staff, so a page shared by several roles may
include it safely."""

from django import template

from parcours.portfolio import perms
from parcours.portfolio.filters import opco_staff
from parcours.portfolio.models import InstructorNote

register = template.Library()
SHOWN = 50  # the newest notes; a dossier rarely has more


@register.inclusion_tag("web/portfolio/_notes.html", takes_context=True)
def instructor_notes(context, row):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not perms.can_read_notes(user, row):
        return {"show": False}
    notes = list(
        InstructorNote.objects.filter(dossier=row)
        .select_related("author")
        .order_by("-at", "-pk")[: SHOWN + 1]
    )
    return {
        "show": True,
        "row": row,
        "notes": notes[:SHOWN],
        "more": len(notes) > SHOWN,
        "staff": list(opco_staff()),
        "assigned_id": row.assigned_to_id,
        "user": user,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
