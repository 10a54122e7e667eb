"""« Calendrier des séances »: every party reads the sessions month by month with their
signatures; the company side generates a plan (the domain's planner), then moves, adds and
deletes sessions (`parcours.planning.actions`), each change re-checked live (htmx) against
the rules about the calendar (ALT, CTR-02, PAR-03, SEQ, ATT)."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from parcours.domain.rules import Finding
from parcours.dossiers import perms
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.planning import actions as planning
from parcours.planning import options as plan_options
from parcours.planning import sessions as listing
from parcours.web import planning_forms as pf
from parcours.web.findings import FindingIndex
from parcours.web.views.common import Page, candidate_index, posted_version

TEMPLATE = "web/planning/planning.html"
CALENDAR_RULES = ("ALT-", "SEQ-", "ATT-", "CTR-02", "PAR-03")
RANGE_LISTS = {
    "closures": (pf.RangeForm, "Fermeture de l'entreprise", "Ajouter une fermeture"),
    "unavailability": (pf.UnavailabilityForm, "Indisponibilité", "Ajouter une indisponibilité"),
}
_SESSION_PATH = re.compile(r"^sessions\[(\d+)\]")


def calendar_findings(index: FindingIndex) -> list[Finding]:
    """The findings about the calendar: alternance, dates, modules' dates, séquences,
    signatures."""
    return [f for f in index.findings if f.rule.startswith(CALENDAR_RULES)]


def _by_session(findings: list[Finding]) -> dict[int, list[Finding]]:
    out: dict[int, list[Finding]] = {}
    for f in findings:
        if m := _SESSION_PATH.match(f.path):
            out.setdefault(int(m[1]), []).append(f)
    return out


def _is_live(request) -> bool:
    """A live check (htmx, `_live` in the query: an `hx-vals` would reach the row's own
    save button too, htmx merging them from every ancestor)."""
    return bool(request.htmx and request.GET.get("_live"))


# --- building the page ---------------------------------------------------------------


def _range_formsets(page: Page, data=None) -> dict:
    trainers = page.document.get("trainers") or []
    closures = pf.range_formset(pf.RangeForm)(data, prefix="closures")
    unavailability = pf.range_formset(pf.UnavailabilityForm)(
        data, prefix="unavailability", form_kwargs={"trainers": trainers}
    )
    return {"closures": closures, "unavailability": unavailability}


def _session_form(page: Page, row: dict, data=None) -> pf.SessionForm:
    return pf.SessionForm(
        data,
        initial=pf.SessionForm.initial_of(row),
        trainers=page.document.get("trainers") or [],
        auto_id=f"seance-{row['index']}-%s",
    )


def _add_form(page: Page, data=None) -> pf.AddSessionForm:
    doc = page.document
    return pf.AddSessionForm(
        data, modules=doc.get("modules") or [], trainers=doc.get("trainers") or [],
        auto_id="ajout-%s",
    )  # fmt: skip


def context(page: Page, *, index: FindingIndex | None = None, bound=None, **extra) -> dict:
    """`bound`: {session id: its bound form} to show a refused change as it was typed."""
    index = index or page.index
    can_plan = perms.can_plan(page.user, page.row)
    today = timezone.localdate()
    rows = listing.rows(page.document, today)
    found = calendar_findings(index)
    per_session = _by_session(found)
    for row in rows:
        row["findings"] = per_session.get(row["index"], [])
        if can_plan and not row["signed"]:
            row["form"] = (bound or {}).get(row["id"]) or _session_form(page, row)
    modules = {m["id"]: m for m in page.document.get("modules") or []}
    planned: dict[str, float] = {}
    for row in rows:
        planned[row["module"]] = planned.get(row["module"], 0) + float(row["hours"])
    hours_by_module = [
        {"id": mid, "title": m.get("title", ""), "hours": m.get("hours") or 0,
         "planned": planned.get(mid, 0)}
        for mid, m in modules.items()
    ]  # fmt: skip
    values = {
        "can_plan": can_plan,
        "months": listing.by_month(rows),
        "session_count": len(rows),
        "planned_hours": sum(float(r["hours"]) for r in rows),
        "signed_count": sum(1 for r in rows if r["signed"]),
        "hours_by_module": hours_by_module,
        "calendar_findings": found,
        "generate_form": extra.pop("generate_form", None) or pf.GenerateForm(),
        "add_form": extra.pop("add_form", None) or _add_form(page),
        "range_lists": extra.pop("range_lists", None) or _range_formsets(page),
        "today": today,
        **extra,
    }
    return page.context("seances", index, **values)


def _render(request, page: Page, status: int = 200, **extra):
    # htmx swaps only 2xx answers: a refused change comes back as 200 with its messages.
    if request.htmx and status >= 400:
        status = 200
    return render(request, TEMPLATE, context(page, **extra), status=status)


@login_required
@require_GET
def planning_page(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    return _render(request, page)


def _page_for_planning(request, pk) -> Page:
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not perms.can_plan(request.user, page.row):
        raise PermissionDenied(planning.NOT_ALLOWED)
    return page


def _done(request, page: Page, message: str):
    messages.success(request, message)
    if request.htmx:
        return _render(request, Page(request, page.row))
    return redirect("web:planning", pk=page.row.pk)


# --- generating ----------------------------------------------------------------------


@login_required
@require_POST
def generate(request, pk):
    page = _page_for_planning(request, pk)
    form = pf.GenerateForm(request.POST)
    ranges = _range_formsets(page, request.POST)
    kept = {"generate_form": form, "range_lists": ranges, "open_generate": True}
    if not form.is_valid() or not all(fs.is_valid() for fs in ranges.values()):
        return _render(request, page, 400, form_error=True, **kept)
    d = form.cleaned_data
    unavailable: dict[str, list] = {}
    for sub in ranges["unavailability"].forms:
        if value := sub.value():
            unavailable.setdefault(sub.cleaned_data["trainer"], []).append(value)
    try:
        version = posted_version(request)
        options = plan_options.build(
            rhythm=d["rhythm"],
            weekdays=[int(x) for x in d["weekdays"]],
            half_days=form.half_days(),
            max_daily_hours=d["max_daily_hours"],
            region=d["region"],
            closures=[v for sub in ranges["closures"].forms if (v := sub.value())],
            trainer_unavailability=unavailable,
            start_from=d.get("start_from"),
            trainers=[t["id"] for t in page.document.get("trainers") or []],
        )
        planning.generate_plan(page.row, request.user, options, version)
    except planning.Infeasible as exc:
        return _render(request, page, 422, plan_reasons=exc.reasons, **kept)
    except StaleDossier as exc:
        return _render(request, page, 409, conflict=exc.message, **kept)
    except InvalidDossier as exc:
        return _render(request, page, 400, unplaced=[e.message for e in exc.errors], **kept)
    page.row.refresh_from_db()
    count = len(page.row.content.get("sessions") or [])
    return _done(request, page, f"Calendrier généré : {count} séance{'s' * (count > 1)}.")


@login_required
@require_GET
def range_row(request, pk, name):
    """One blank row of the closures or the unavailabilities (the « Ajouter » button)."""
    page = _page_for_planning(request, pk)
    if name not in RANGE_LISTS:
        raise Http404("Liste inconnue.")
    fs = _range_formsets(page)[name]
    raw = request.GET.get(f"{name}-TOTAL_FORMS", "")
    position = int(raw) if raw.isdigit() else 0
    if position >= fs.max_num:
        return HttpResponse(f"{fs.max_num} lignes au plus.", status=400)
    form = fs.empty_form
    form.prefix = fs.add_prefix(position)
    first = next(iter(form.fields))
    form.fields[first].widget.attrs["autofocus"] = True
    _, legend, _ = RANGE_LISTS[name]
    return render(
        request,
        "web/includes/added_row.html",
        {
            "form": form,
            "legend": legend,
            "template": "web/planning/range_row.html",
            "row": page.row,
            "index": FindingIndex([]),
            "total_name": f"{name}-TOTAL_FORMS",
            "total": position + 1,
            "full": position + 1 >= fs.max_num,
            "button_id": f"ajouter-{name}",
        },
    )


# --- one session ---------------------------------------------------------------------


def _live(request, page: Page, change: str, session_id=None, data=None):
    """The findings the change would bring, nothing saved (htmx, `_live`)."""
    try:
        sections = planning.preview(page.row, request.user, change, session_id, data)
    except InvalidDossier as exc:
        return render(
            request,
            "web/planning/live.html",
            {"refused": [e.message for e in exc.errors], "calendar_findings": None},
        )
    index, errors = candidate_index(page, sections)
    return render(
        request,
        "web/planning/live.html",
        {"calendar_findings": calendar_findings(index), "refused": [e.message for e in errors],
         "preview": True, "session_count": len(sections["sessions"])},
    )  # fmt: skip


def _session_change(request, page: Page, change: str, session_id, form, bound, done: str):
    try:
        if _is_live(request):
            return _live(request, page, change, session_id, form.data_for_action())
        version = posted_version(request)
        if change == "add":
            planning.add_session(page.row, request.user, form.data_for_action(), version)
        else:
            planning.update_session(
                page.row, request.user, session_id, form.data_for_action(), version
            )
    except StaleDossier as exc:
        return _render(request, page, 409, conflict=exc.message, **bound)
    except InvalidDossier as exc:
        target = bound.get("add_form") or bound["bound"][session_id]
        for error in exc.errors:
            name = error.path.rsplit(".", 1)[-1]
            if name in target.fields:
                target.add_error(name, error.message)
            else:
                target.add_error(None, error.message)
        return _render(request, page, 400, **bound)
    return _done(request, page, done)


def _refused_form(request, page: Page, bound: dict):
    if _is_live(request):
        return render(
            request,
            "web/planning/live.html",
            {"refused": ["Complétez la séance : les champs signalés sont invalides."]},
        )
    return _render(request, page, 400, **bound)


@login_required
@require_POST
def add_session(request, pk):
    page = _page_for_planning(request, pk)
    form = _add_form(page, request.POST)
    bound = {"add_form": form, "open_add": True}
    if not form.is_valid():
        return _refused_form(request, page, bound)
    return _session_change(request, page, "add", None, form, bound, "Séance ajoutée.")


def _row_of(page: Page, session_id: str) -> dict:
    row = next((r for r in listing.rows(page.document) if r["id"] == session_id), None)
    if row is None:
        raise Http404("Séance inconnue.")
    return row


@login_required
@require_POST
def update_session(request, pk, session_id):
    page = _page_for_planning(request, pk)
    form = _session_form(page, _row_of(page, session_id), request.POST)
    bound = {"bound": {session_id: form}}
    if not form.is_valid():
        return _refused_form(request, page, bound)
    return _session_change(request, page, "update", session_id, form, bound, "Séance modifiée.")


@login_required
@require_POST
def delete_session(request, pk, session_id):
    page = _page_for_planning(request, pk)
    _row_of(page, session_id)
    try:
        if _is_live(request):
            return _live(request, page, "delete", session_id)
        planning.delete_session(page.row, request.user, session_id, posted_version(request))
    except StaleDossier as exc:
        return _render(request, page, 409, conflict=exc.message)
    except InvalidDossier as exc:
        return _render(request, page, 400, unplaced=[e.message for e in exc.errors])
    return _done(request, page, "Séance supprimée.")
