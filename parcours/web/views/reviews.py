"""Reviews held, module evaluations and the « Progression » page.

- « Progression » (every party of the dossier, OPCO included): per competence its chart
  (inline SVG, `role="img"`, named by its French text alternative) and a data table; the
  reviews and the evaluations, with the buttons to hold / record them for who may.
- « Tenir le bilan » (the tutor, the company side; contract running): the date, who took
  part, a level and a comment per competence, the decision (`parcours.reviews.actions`).
- « Évaluer le module » (the module's trainer, the tutor, the company side; running).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from parcours.accounts.enums import Role
from parcours.domain import charts
from parcours.domain import text as words
from parcours.domain.loading import parse_dossier
from parcours.domain.progress import (
    KIND_LABELS,
    LEVEL_NAMES,
    QUALITY_LABELS,
    describe,
    expected_at,
    progress,
    rounded,
    start_level_of,
)
from parcours.dossiers import perms
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.reviews import actions
from parcours.reviews import perms as review_perms
from parcours.web.review_forms import DECISION_CHOICES, EvaluationForm, HoldReviewForm
from parcours.web.views.common import Page, posted_version

# The legend in HTML (readable on a phone): the mark's look and colour, per LEGEND label.
LEGEND_MARKS = {
    "Auto-positionnement du salarié": ("○", "self"),
    "Positionnement du tuteur": ("■", "measured"),
    "Évaluation de module": ("▲", "measured"),
    "Bilan de suivi": ("●", "measured"),
    "Bilan final": ("★", "measured"),
    "Attendu à la date": ("- -", "expected"),
    "Niveau attendu en fin de contrat": ("···", "target"),
}
DECISION_LABELS = {"continue": "poursuivre", "adapt": "adapter le parcours"}
_INDEXED = re.compile(r"^(scores|results)\[(\d+)\]\.(\w+)$")


@functools.lru_cache(maxsize=256)
def _chart(cp) -> str:
    """A competence's chart: the same series draws the same SVG, so it is drawn once."""
    return charts.competence_chart(cp)


def _today() -> dt.date:
    return timezone.localdate()


# --- « Progression » ------------------------------------------------------------------


def _review_rows(user, row, document: dict) -> list[dict]:
    can_hold = review_perms.can_hold_review(user, row)
    out = []
    for r in document.get("reviews") or []:
        out.append({
            "id": r["id"],
            "title": "Bilan final" if r.get("kind") == "final" else f"Bilan de suivi {r['id']}",
            "planned": _date(r.get("planned_date")),
            "held": _date(r.get("held_date")),
            "decision": DECISION_LABELS.get(r.get("decision") or "", ""),
            "participants": ", ".join(
                f"{p['name']} ({QUALITY_LABELS.get(p['quality'], p['quality'])})"
                for p in r.get("participants") or []
            ),
            "can_hold": can_hold,
        })  # fmt: skip
    return out


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _evaluation_rows(document: dict) -> list[dict]:
    titles = {m["id"]: m.get("title", "") for m in document.get("modules") or []}
    return [
        {
            "module": e["module"],
            "title": titles.get(e["module"], ""),
            "date": _date(e["date"]),
            "by": f"{e['evaluator']['name']} ({QUALITY_LABELS.get(e['evaluator']['quality'], '')})",
            "results": ", ".join(f"{r['competence']} : {r['level']}" for r in e["results"]),
        }
        for e in document.get("evaluations") or []
    ]


def _competence_views(domain) -> list[dict]:
    out = []
    for cp in progress(domain):
        rows = []
        for p in cp.points:
            appreciation = p.appreciation
            rows.append({
                "date": p.date,
                "label": p.label,
                "level": p.level,
                "expected": p.expected,
                "appreciation": appreciation.text if appreciation and p.kind != "self" else "",
                "css": appreciation.kind if appreciation and p.kind != "self" else "",
                "comment": p.comment or "",
                "by": p.by,
            })  # fmt: skip
        out.append({
            "id": cp.id,
            "statement": cp.statement,
            "target": cp.target,
            "target_name": LEVEL_NAMES.get(cp.target, "") if cp.target is not None else "",
            "latest": cp.latest,
            "acquired": cp.acquired,
            "alt": describe(cp),
            "svg": mark_safe(charts.inline_svg(_chart(cp), labelled_by=f"alt-{cp.id}")),  # noqa: S308 (our own SVG, text escaped by matplotlib)
            "rows": rows,
        })  # fmt: skip
    return out


@login_required
@require_GET
def progress_page(request, pk):
    row = perms.get_dossier_for(request.user, pk)
    if not review_perms.can_view_progress(request.user, row):
        raise PermissionDenied("Vous ne pouvez pas voir la progression de ce dossier.")
    page = Page(request, row)
    domain = parse_dossier(page.document)
    evaluable = (
        review_perms.evaluable_modules(request.user, row)
        if review_perms.can_record_evaluation(request.user, row)
        else []
    )
    context = page.context(
        None,
        competences=_competence_views(domain),
        legend=[(label, mark, *LEGEND_MARKS[label]) for label, mark in charts.LEGEND],
        reviews=_review_rows(request.user, row, page.document),
        evaluations=_evaluation_rows(page.document),
        evaluable=evaluable,
        kind_labels=KIND_LABELS,
    )
    return render(request, "web/reviews/progress.html", context)


# --- holding a review -----------------------------------------------------------------


def _attach(form, errors, order: list[str]) -> list[str]:
    """Put each `FieldError` on its form field; return the messages that fit none."""
    unplaced = []
    for e in errors:
        m = _INDEXED.match(e.path)
        name = e.path.split("[")[0].split(".")[0]
        if m and int(m[2]) < len(order):
            cid = order[int(m[2])]
            name = f"comment_{cid}" if m[3] == "comment" else f"level_{cid}"
        if name in form.fields:
            form.add_error(name, e.message[0].upper() + e.message[1:] + ".")
        else:
            unplaced.append(e.message[0].upper() + e.message[1:] + ".")
    return unplaced


def _expected_rows(document: dict, form, day: dt.date | None) -> list[dict]:
    c = document["contract"]
    start, end = dt.date.fromisoformat(c["action_start"]), dt.date.fromisoformat(c["action_end"])
    domain_like = parse_dossier(document)
    rows = []
    for item in form.competence_rows():
        comp = item["competence"]
        target = comp.get("level")
        at_date = None
        if target is not None and day is not None:
            base = start_level_of(domain_like, comp["id"])
            at_date = rounded(expected_at(base, target, start, end, day))
        rows.append({**item, "target": target, "at_date": at_date})
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def hold_review(request, pk, review_id):
    row = perms.get_dossier_for(request.user, pk)
    if not review_perms.can_hold_review(request.user, row):
        raise PermissionDenied(actions.HOLD_NOT_ALLOWED)
    page = Page(request, row)
    document = page.document
    review = next((r for r in document.get("reviews") or [] if r.get("id") == review_id), None)
    if review is None:
        raise Http404("Bilan inconnu.")
    today = _today()
    data = request.POST if request.method == "POST" else None
    form = HoldReviewForm(data, document=document, review=review, today=today)
    extra, status = {}, 200
    if data is not None:
        status = 400
        if form.is_valid():
            levels = form.levels()
            try:
                actions.hold_review(
                    row, request.user, review_id, form.cleaned_data["held_date"], levels,
                    form.participants_value(), form.cleaned_data["decision"],
                    posted_version(request), comment=form.cleaned_data["comment"],
                )  # fmt: skip
            except StaleDossier as exc:
                extra["conflict"], status = exc.message, 409
            except InvalidDossier as exc:
                extra["unplaced"] = _attach(form, exc.errors, [s["competence"] for s in levels])
            else:
                held = words.date(form.cleaned_data["held_date"])
                note = " Le souhait d'adapter le parcours est consigné." if (
                    form.cleaned_data["decision"] == "adapt") else ""  # fmt: skip
                messages.success(request, f"Bilan {review_id} enregistré, tenu le {held}.{note}")
                return redirect("web:progress", pk=row.pk)
    planned = _date(review.get("planned_date"))
    context = page.context(
        None,
        review=review,
        review_label="bilan final" if review.get("kind") == "final" else f"bilan {review_id}",
        planned=planned,
        window_start=actions.review_window_start(document, review),
        today=today,
        form=form,
        rows=_expected_rows(document, form, planned or today),
        decision_choices=DECISION_CHOICES,
        **extra,
    )
    return render(request, "web/reviews/hold.html", context, status=status)


# --- recording a module's evaluation ----------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def record_evaluation(request, pk, module_id):
    row = perms.get_dossier_for(request.user, pk)
    if not review_perms.can_record_evaluation(request.user, row, module_id):
        raise PermissionDenied(actions.EVALUATE_NOT_ALLOWED)
    page = Page(request, row)
    document = page.document
    module = next((m for m in document.get("modules") or [] if m.get("id") == module_id), None)
    if module is None:
        raise Http404("Module inconnu.")
    data = request.POST if request.method == "POST" else None
    form = EvaluationForm(data, document=document, module=module, today=_today(),
                          can_name_evaluator=request.user.role != Role.TRAINER)  # fmt: skip
    extra, status = {}, 200
    if data is not None:
        status = 400
        if form.is_valid():
            results = form.levels()
            try:
                actions.record_evaluation(
                    row, request.user, module_id, form.cleaned_data["date"], results,
                    posted_version(request),
                    evaluator_name=form.cleaned_data.get("evaluator_name") or None,
                )  # fmt: skip
            except StaleDossier as exc:
                extra["conflict"], status = exc.message, 409
            except InvalidDossier as exc:
                extra["unplaced"] = _attach(form, exc.errors, [r["competence"] for r in results])
            else:
                messages.success(request, f"Évaluation du module {module_id} enregistrée.")
                return redirect("web:progress", pk=row.pk)
    context = page.context(None, module=module, form=form, **extra)
    return render(request, "web/reviews/evaluation.html", context, status=status)
