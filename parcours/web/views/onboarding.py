"""« Accueil du salarié » (guide action 6): the welcome checklist, phase by phase (before
the arrival, the first day, the first week, a month after), each item with its due date
counted from the contract's start, done (when, by whom, a comment) or not, late ones said so.

The tutor and the company side tick (`onboarding.perms`); every party of the dossier reads
it (the learner sees what is planned for their arrival). Ticking works with htmx (the list
comes back, with the dossier's new version for the next tick) and without JS (a plain form,
then the page again)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from parcours.domain import onboarding as ob
from parcours.domain.loading import parse_dossier
from parcours.domain.todo import long_date
from parcours.dossiers import perms
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.onboarding import actions
from parcours.onboarding import perms as ob_perms
from parcours.web import onboarding_forms as of
from parcours.web.views.common import Page, posted_version

TEMPLATE = "web/onboarding/page.html"
LIST = "web/onboarding/list.html"


def _lines(domain, today, can_tick, bound) -> list[dict]:
    """The checklist's lines, grouped by phase; `bound`: (item code, form, errors) of the
    tick refused, shown again beside its item."""
    phases = []
    for phase in ob.PHASES:
        lines = []
        for line in ob.checklist(domain):
            if line.item.phase != phase:
                continue
            code = line.item.code.value
            form, errors = None, []
            if bound and bound[0] == code:
                form, errors = bound[1], bound[2]
            elif can_tick and not line.done:
                form = of.TickForm(initial={"item": code}, auto_id=f"id_{code}_%s", today=today)
            lines.append(
                {
                    "line": line,
                    "code": code,
                    "due": long_date(line.due),
                    "late": line.late(today),
                    "done_on": long_date(line.tick.done_on) if line.tick else "",
                    "form": form,
                    "errors": errors,
                }
            )
        phases.append({"phase": phase, "lines": lines})
    return phases


def _context(page: Page, bound=None, **extra) -> dict:
    today = timezone.localdate()
    domain = parse_dossier(page.document)
    can_tick = ob_perms.can_tick(page.user, page.row)
    done, total = ob.progress(domain)
    return page.context(
        "accueil",
        phases=_lines(domain, today, can_tick, bound),
        done=done,
        total=total,
        late_count=len(ob.late(domain, today)),
        first_day=long_date(ob.start(domain)),
        can_tick=can_tick,
        is_learner=page.user.role == "learner",
        **extra,
    )


def _answer(request, page: Page, status=200, **extra):
    """htmx: the list again (htmx swaps only 2xx answers: a refused tick comes back as 200
    with its message beside the item); otherwise the whole page."""
    if request.htmx:
        return render(request, LIST, _context(page, **extra), status=200)
    return render(request, TEMPLATE, _context(page, **extra), status=status)


def _page(request, pk) -> Page:
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not ob_perms.can_tick(request.user, page.row):
        raise PermissionDenied(actions.NOT_ALLOWED)
    return page


def _done(request, pk, code: str, message: str):
    if request.htmx:
        page = Page(request, perms.get_dossier_for(request.user, pk))
        return render(request, LIST, _context(page, announce=message))
    messages.success(request, message)
    return redirect(reverse("web:onboarding", args=[pk]) + f"#{code}")


def _errors(exc: InvalidDossier) -> list[str]:
    return [e.message[:1].upper() + e.message[1:] + "." for e in exc.errors]


@login_required
def onboarding_page(request, pk):
    return render(
        request, TEMPLATE, _context(Page(request, perms.get_dossier_for(request.user, pk)))
    )


@login_required
@require_POST
def tick(request, pk):
    page = _page(request, pk)
    code = request.POST.get("item", "")
    form = of.TickForm(request.POST, auto_id=f"id_{code}_%s", today=timezone.localdate())
    if not form.is_valid():
        errors = [e for errs in form.errors.values() for e in errs]
        if "item" in form.errors:
            return _answer(request, page, status=400, refused=errors)
        return _answer(request, page, status=400, bound=(code, form, errors))
    data = form.cleaned_data
    try:
        actions.tick(
            page.row,
            request.user,
            posted_version(request),
            item=data["item"],
            done_on=data["done_on"],
            comment=data["comment"],
        )
    except InvalidDossier as exc:
        return _answer(request, page, status=400, bound=(code, form, _errors(exc)))
    except StaleDossier as exc:
        return _answer(request, page, status=409, conflict=exc.message)
    title = ob.BY_CODE[ob.OnboardingStep(data["item"])].title
    return _done(request, pk, data["item"], f"« {title} » : c'est fait.")


@login_required
@require_POST
def untick(request, pk):
    page = _page(request, pk)
    form = of.UntickForm(request.POST)
    if not form.is_valid():
        return _answer(
            request, page, status=400, refused=["Élément de la liste d'accueil inconnu."]
        )
    code = form.cleaned_data["item"]
    try:
        actions.untick(page.row, request.user, posted_version(request), item=code)
    except InvalidDossier as exc:
        return _answer(request, page, status=400, refused=_errors(exc))
    except StaleDossier as exc:
        return _answer(request, page, status=409, conflict=exc.message)
    title = ob.BY_CODE[ob.OnboardingStep(code)].title
    return _done(request, pk, code, f"« {title} » est de nouveau à faire.")
