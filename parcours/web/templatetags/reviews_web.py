"""`{% reviews_links %}`: on a running (or ended) dossier's page, the way to its
« Progression », the next review to hold and, for a trainer, the modules to evaluate."""

from __future__ import annotations

from django import template

from parcours.accounts.enums import Role
from parcours.dossiers.enums import Status
from parcours.reviews import perms as review_perms

register = template.Library()

SHOWN = (Status.RUNNING, Status.COMPLETED, Status.TERMINATED)


@register.inclusion_tag("web/reviews/links.html", takes_context=True)
def reviews_links(context):
    row, user = context["row"], context["request"].user
    if row.status not in SHOWN or not review_perms.can_view_progress(user, row):
        return {"row": row, "links": None}
    links: dict = {"next_review": None, "modules": []}
    if review_perms.can_hold_review(user, row):
        reviews = sorted(
            (r for r in row.content.get("reviews") or [] if not r.get("held_date")),
            key=lambda r: r.get("planned_date") or "9999",
        )
        links["next_review"] = reviews[0] if reviews else None
    if user.role == Role.TRAINER and review_perms.can_record_evaluation(user, row):
        links["modules"] = review_perms.evaluable_modules(user, row)
    return {"row": row, "links": links}
