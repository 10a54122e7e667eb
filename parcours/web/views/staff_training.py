"""« Formation des tuteurs et formateurs » (guide step 4, action 5 ③ ④): for the tutor and
each trainer, the trainings the guide proposes and why, those the company plans (date,
organisme, done on; late ones said so), and the working time set aside each month. Every
party of the dossier reads the page; the company side writes it (`staff_training.perms`)."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from parcours.domain import staff_training as st
from parcours.domain.loading import parse_dossier
from parcours.dossiers import perms
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.staff_training import actions
from parcours.staff_training import perms as st_perms
from parcours.web import staff_training_forms as sf
from parcours.web.views.common import Page, posted_version

TEMPLATE = "web/staff_training/page.html"
PREFIX = re.compile(r"^[A-Za-z0-9_-]{1,90}$")


def _prefix(person: str, course: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", f"{person}--{course}")


def _initial(entry) -> dict:
    if entry is None:
        return {}
    return {"planned_on": entry.planned_on, "provider": entry.provider, "done_on": entry.done_on}


def _line(domain, person, course, entry, today, can_edit, bound, **extra) -> dict:
    prefix = _prefix(person.id, course.code.value)
    form = None
    if can_edit:
        if bound and bound[0] == prefix:
            form = bound[1]
        else:
            initial = {"person": person.id, "course": course.code.value, **_initial(entry)}
            form = sf.TrainingForm(initial=initial, prefix=prefix, people=st.people(domain))
    return {
        "course": course,
        "entry": entry,
        "overdue": entry is not None and st.is_overdue(entry, today),
        "form": form,
        "prefix": prefix,
        **extra,
    }


def _cards(domain, today, can_edit, bound, time_bound) -> list[dict]:
    proposals = st.proposals(domain)
    times = st.time_set_aside(domain)
    none = st.without_proposal(domain)
    cards = []
    for person in st.people(domain):
        mine = [p for p in proposals if p.person.id == person.id]
        proposed = {p.course.code for p in mine}
        lines = [
            _line(domain, person, p.course, p.planned, today, can_edit, bound,
                  reason=p.reason, recommended=p.recommended)
            for p in mine
        ]  # fmt: skip
        others = [
            _line(domain, person, st.COURSES[e.course], e, today, can_edit, bound)
            for e in st.entries(domain)
            if e.person == person.id and e.course not in proposed
        ]
        time = times.get(person.id)
        time_form = None
        if can_edit:
            prefix = f"temps-{_prefix(person.id, '')}"
            if time_bound and time_bound.prefix == prefix:
                time_form = time_bound
            else:
                time_form = sf.TimeForm(
                    initial={"person": person.id,
                             "hours_per_month": time.hours_per_month if time else None},
                    prefix=prefix,
                )  # fmt: skip
        cards.append(
            {
                "person": person,
                "lines": lines,
                "others": others,
                "none": none.get(person.id),
                "time": time,
                "time_form": time_form,
            }
        )
    return cards


def _render(request, page: Page, status=200, bound=None, time_bound=None, new_form=None, **extra):
    today = timezone.localdate()
    domain = parse_dossier(page.document)
    can_edit = st_perms.can_edit(page.user, page.row)
    people = st.people(domain)
    if can_edit and new_form is None and people:
        new_form = sf.TrainingForm(prefix="nouvelle", people=people)
    context = page.context(
        "formation-tuteurs",
        cards=_cards(domain, today, can_edit, bound, time_bound),
        courses=list(st.COURSES.values()),
        overdue=[st.describe(domain, e) for e in st.overdue(domain, today)],
        can_edit=can_edit,
        new_form=new_form if can_edit else None,
        **extra,
    )
    return render(request, TEMPLATE, context, status=status)


def _page(request, pk) -> Page:
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not st_perms.can_edit(request.user, page.row):
        raise PermissionDenied(actions.NOT_ALLOWED)
    return page


@login_required
def staff_training_page(request, pk):
    return _render(request, Page(request, perms.get_dossier_for(request.user, pk)))


@login_required
@require_POST
def plan(request, pk):
    page = _page(request, pk)
    prefix = request.POST.get("prefix", "")
    prefix = prefix if PREFIX.match(prefix) else "nouvelle"
    domain = parse_dossier(page.document)
    form = sf.TrainingForm(
        request.POST, prefix=prefix, people=st.people(domain), today=timezone.localdate()
    )
    keep = {"new_form": form} if prefix == "nouvelle" else {"bound": (prefix, form)}
    if not form.is_valid():
        return _render(request, page, status=400, **keep)
    data = form.cleaned_data
    try:
        actions.plan_training(
            page.row,
            request.user,
            posted_version(request),
            person=data["person"],
            course=data["course"],
            planned_on=data["planned_on"],
            provider=data["provider"],
            done_on=data["done_on"],
        )
    except InvalidDossier as exc:
        form.add_action_errors(exc.errors, sf.FIELDS)
        return _render(request, page, status=400, **keep)
    except StaleDossier as exc:
        return _render(request, page, status=409, conflict=exc.message, **keep)
    title = st.COURSES[st.StaffCourse(data["course"])].title
    messages.success(request, f"La formation « {title} » est enregistrée.")
    return redirect("web:staff_training", pk=pk)


@login_required
@require_POST
def remove(request, pk):
    page = _page(request, pk)
    form = sf.RemoveForm(request.POST)
    if not form.is_valid():
        return _render(request, page, status=400, refused=["Formation à retirer inconnue."])
    try:
        actions.remove_training(
            page.row,
            request.user,
            posted_version(request),
            person=form.cleaned_data["person"],
            course=form.cleaned_data["course"],
        )
    except InvalidDossier as exc:
        return _render(request, page, status=400, refused=[e.message for e in exc.errors])
    except StaleDossier as exc:
        return _render(request, page, status=409, conflict=exc.message)
    messages.success(request, "La formation est retirée.")
    return redirect("web:staff_training", pk=pk)


@login_required
@require_POST
def set_time(request, pk):
    page = _page(request, pk)
    prefix = request.POST.get("prefix", "")
    form = sf.TimeForm(request.POST, prefix=prefix if PREFIX.match(prefix) else None)
    if not form.is_valid():
        return _render(request, page, status=400, time_bound=form)
    try:
        actions.set_time(
            page.row,
            request.user,
            posted_version(request),
            person=form.cleaned_data["person"],
            hours_per_month=form.cleaned_data["hours_per_month"],
        )
    except InvalidDossier as exc:
        form.add_action_errors(exc.errors, sf.FIELDS)
        return _render(request, page, status=400, time_bound=form)
    except StaleDossier as exc:
        return _render(request, page, status=409, conflict=exc.message, time_bound=form)
    messages.success(request, "Le temps dégagé est enregistré.")
    return redirect("web:staff_training", pk=pk)
