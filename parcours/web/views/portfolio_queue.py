"""The OPCO's instruction queue at national scale: filters and search on the summary
columns, sorts, keyset pages of 50 (`parcours.portfolio.queue`), CSV and Excel exports of
exactly the filtered list, the instructor following each dossier (« suivi par ») and the
private notes. Every page costs the same few queries whatever the number of dossiers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from parcours.accounts.models import User
from parcours.dossiers import perms as dossier_perms
from parcours.dossiers.enums import Status
from parcours.dossiers.errors import InvalidDossier
from parcours.dossiers.models import Dossier, DossierEvent
from parcours.portfolio import actions, exports, perms
from parcours.portfolio.filters import NOT_FILTERS, apply_filters, filter_form
from parcours.portfolio.queue import SORTS, page_of
from parcours.reminders import lists as todo_lists
from parcours.web.views.common import role_label

# What a queue row reads: summary columns only, never the JSON document.
QUEUE_FIELDS = (
    "id", "status", "reference", "learner_name", "company_name", "start_date",
    "duration_months", "total_hours", "training_share", "bloquant_count", "alerte_count",
    "submitted_at", "decision_deadline", "status_changed_at", "assigned_to",
    "assigned_to__first_name", "assigned_to__last_name", "assigned_to__username",
)  # fmt: skip
# The columns a header sorts by (in this order on the page).
SORTABLE = (
    "learner", "company", "start", "duration", "hours", "share", "findings", "submitted",
    "deadline", "assigned",
)  # fmt: skip
# Counting more than this would cost more than the page itself at a million dossiers.
COUNT_CAP = 1000
TODO_ROWS = 30
TODO_SECONDS = 600


def _instructor_only(user):
    if not perms.can_use_portfolio(user):
        raise PermissionDenied("Réservé aux conseillers OPCO.")


def filtered(request):
    """The filter form and the dossiers it selects (the OPCO's visible ones)."""
    form = filter_form(request.GET, request.user)
    form.is_valid()  # a bad field is reported; the valid ones still filter
    rows = dossier_perms.visible_dossiers(request.user)
    return form, apply_filters(rows, form.cleaned_data)


def _query(request, drop=("after", "before")) -> str:
    """The current query string without the cursor (links keep the filters)."""
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    return params.urlencode()


def _sort_links(request, page) -> list[dict]:
    base = request.GET.copy()
    for key in ("after", "before", "sort"):
        base.pop(key, None)
    links = []
    for key in SORTABLE:
        current = page.sort.key == key
        desc = current and not page.desc  # a second click reverses
        base["sort"] = ("-" if desc else "") + key
        links.append(
            {
                "key": key,
                "label": SORTS[key].label,
                "url": "?" + base.urlencode(),
                "aria": ("descending" if page.desc else "ascending") if current else "",
            }
        )
    return links


def _counts(user, today) -> dict:
    """The decisions waiting and those already late, over every dossier whatever the
    filters (two figures, one query on the (status, decision_deadline) index)."""
    # Filtered on the state first, so that the database reads the submitted rows of the
    # index on (status, decision_deadline, id), not the whole table.
    submitted = dossier_perms.visible_dossiers(user).filter(status=Status.SUBMITTED)
    return submitted.aggregate(
        waiting=Count("pk"), late=Count("pk", filter=Q(decision_deadline__lt=today))
    )


def _other_todo(user) -> dict:
    """The OPCO's to-do besides the decisions (the queue itself lists those, with their
    deadlines): ruptures notified in writing to acknowledge and the claims of those
    contracts, for a bounded number of dossiers (each is read in full). Kept until the
    next history event (acknowledging or paying writes one) or the next day: read in
    full on every queue page, they made page 1 the slowest page under load."""
    last = DossierEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    key = f"portfolio-other-todo:{user.pk}:{last}:{timezone.localdate().isoformat()}"
    found = cache.get(key)
    if found is None:
        waiting = todo_lists.opco_rows().filter(status=Status.TERMINATED)
        pks = list(waiting.order_by("pk").values_list("pk", flat=True)[:TODO_ROWS])
        found = todo_lists.todo_for(user, Dossier.objects.filter(pk__in=pks))
        cache.set(key, found, TODO_SECONDS)
    return found


@login_required
def queue(request):
    _instructor_only(request.user)
    form, rows = filtered(request)
    page = page_of(
        rows.select_related("assigned_to").only(*QUEUE_FIELDS),
        request.GET.get("sort"),
        request.GET.get("after"),
        request.GET.get("before"),
    )
    today = timezone.localdate()
    total = rows.order_by()[: COUNT_CAP + 1].count()
    counts = _counts(request.user, today)
    query = _query(request)
    filters_set = any(key not in NOT_FILTERS for key in request.GET)
    context = {
        "form": form,
        "page": page,
        "items": [_item(row, today) for row in page.rows],
        "total": total,
        "total_capped": total > COUNT_CAP,
        "cap": COUNT_CAP,
        "counts": counts,
        "query": query,
        "sort_links": _sort_links(request, page),
        "sort_choices": _sort_choices(page),
        "filters_set": filters_set,
        "nav": "queue",
        "role_label": role_label(request.user),
    }
    if not filters_set and not request.htmx:
        context["todo"] = _other_todo(request.user)
    template = "web/portfolio/queue_results.html" if request.htmx else "web/portfolio/queue.html"
    return render(request, template, context)


def _sort_choices(page) -> list[tuple[str, str, bool]]:
    """The « Trier par » menu (the only way to sort on a phone, where the table's headers
    are hidden)."""
    out = []
    for key in SORTABLE:
        label = SORTS[key].label
        for desc, suffix in ((False, "croissant"), (True, "décroissant")):
            value = ("-" if desc else "") + key
            out.append((value, f"{label} ({suffix})", page.sort.key == key and page.desc == desc))
    return out


def _item(row, today) -> dict:
    submitted = timezone.localdate(row.submitted_at) if row.submitted_at else None
    deadline = row.decision_deadline
    assignee = row.assigned_to
    return {
        "row": row,
        "label": row.learner_name or row.reference or f"Dossier n° {row.pk}",
        "days": (today - submitted).days if submitted and row.status == Status.SUBMITTED else None,
        "late": bool(deadline and deadline < today and row.status == Status.SUBMITTED),
        "assignee": (assignee.get_full_name() or assignee.username) if assignee else "",
    }


def _export_name(ext: str) -> str:
    return f"dossiers-{timezone.localdate():%Y-%m-%d}.{ext}"


@login_required
def export_csv(request):
    _instructor_only(request.user)
    _form, rows = filtered(request)
    response = StreamingHttpResponse(
        exports.csv_lines(rows, request.GET.get("sort")), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name("csv")}"'
    return response


@login_required
def export_xlsx(request):
    _instructor_only(request.user)
    _form, rows = filtered(request)
    return FileResponse(
        exports.xlsx_file(rows, request.GET.get("sort")),
        as_attachment=True,
        filename=_export_name("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _back(request, pk):
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(reverse("web:opco_review", args=[pk]) + "#suivi-opco")


@login_required
@require_POST
def assign(request, pk):
    _instructor_only(request.user)
    row = dossier_perms.get_dossier_for(request.user, pk)
    value = request.POST.get("assigned_to", "")
    assignee = None
    if value == "moi":
        assignee = request.user
    elif value:
        if not value.isdigit():
            messages.error(request, "Suivi par : choisissez un conseiller OPCO dans la liste.")
            return _back(request, pk)
        assignee = get_object_or_404(User, pk=int(value))
    try:
        done = actions.assign(row, request.user, assignee)
    except InvalidDossier as exc:
        messages.error(request, " ; ".join(e.message for e in exc.errors))
        return _back(request, pk)
    if done is None:
        messages.info(request, "Le suivi du dossier n'a pas changé.")
    elif assignee is None:
        messages.success(request, "Le dossier n'est plus suivi par personne.")
    else:
        name = assignee.get_full_name() or assignee.username
        messages.success(request, f"Le dossier est maintenant suivi par {name}.")
    return _back(request, pk)


@login_required
@require_POST
def add_note(request, pk):
    _instructor_only(request.user)
    row = dossier_perms.get_dossier_for(request.user, pk)
    try:
        actions.add_note(row, request.user, request.POST.get("text", ""))
    except InvalidDossier as exc:
        messages.error(request, " ; ".join(e.message for e in exc.errors))
    else:
        messages.success(request, "Note enregistrée (visible des seuls conseillers OPCO).")
    return _back(request, pk)
