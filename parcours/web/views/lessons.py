"""« Retours d'expérience » (guide action 5 ⑤, step 6): once the parcours has ended, each
party's lessons learned (the company, the tutor, the learner, the facilitator, each their
own) and the final debrief with the OPCO invited. Every party of the dossier reads the page;
who writes what is `parcours.lessons.perms`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from parcours.domain import lessons as ls
from parcours.domain.loading import parse_dossier
from parcours.dossiers import perms
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.lessons import actions
from parcours.lessons import perms as l_perms
from parcours.web import lessons_forms as lf
from parcours.web.views.common import Page, posted_version

TEMPLATE = "web/lessons/page.html"


def _answer_initial(answer) -> dict:
    if answer is None:
        return {}
    return {"worked": answer.worked, "to_change": answer.to_change, "again": answer.again.value}


def _debrief_initial(debrief) -> dict:
    if debrief is None:
        return {"held_on": timezone.localdate()}
    return {
        "held_on": debrief.held_on,
        "participants": "\n".join(debrief.participants),
        "opco_invited": debrief.opco_invited,
        "conclusions": debrief.conclusions,
    }


def _render(request, page: Page, status=200, answer_form=None, debrief_form=None, **extra):
    today = timezone.localdate()
    domain = parse_dossier(page.document)
    user = page.user
    mine = l_perms.quality_of(user)
    can_answer = l_perms.can_answer(user, page.row)
    can_debrief = l_perms.can_debrief(user, page.row)
    if can_answer and answer_form is None:
        answer_form = lf.AnswerForm(initial=_answer_initial(ls.answer_of(domain, mine)))
    if can_debrief and debrief_form is None:
        debrief = domain.lessons.debrief if domain.lessons else None
        debrief_form = lf.DebriefForm(initial=_debrief_initial(debrief), today=today)
    answers = [
        {"label": ls.QUALITY_LABELS[q], "answer": ls.answer_of(domain, q), "mine": q == mine,
         "again": ls.AGAIN_LABELS.get(getattr(ls.answer_of(domain, q), "again", None), "")}
        for q in ls.expected_qualities(domain)
    ]  # fmt: skip
    context = page.context(
        "retours",
        ended=ls.end_date(domain),
        answers=answers,
        debrief=domain.lessons.debrief if domain.lessons else None,
        mine_label=ls.QUALITY_LABELS[mine] if mine else "",
        mine_answered=bool(mine) and ls.answer_of(domain, mine) is not None,
        answer_form=answer_form if can_answer else None,
        debrief_form=debrief_form if can_debrief else None,
        **extra,
    )
    return render(request, TEMPLATE, context, status=status)


@login_required
def lessons_page(request, pk):
    return _render(request, Page(request, perms.get_dossier_for(request.user, pk)))


@login_required
@require_POST
def answer(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not l_perms.can_answer(request.user, page.row):
        raise PermissionDenied(actions.NOT_ALLOWED_ANSWER)
    form = lf.AnswerForm(request.POST)
    if not form.is_valid():
        return _render(request, page, status=400, answer_form=form)
    data = form.cleaned_data
    try:
        actions.answer(page.row, request.user, posted_version(request), worked=data["worked"],
                       to_change=data["to_change"], again=data["again"])  # fmt: skip
    except InvalidDossier as exc:
        form.add_action_errors(exc.errors, lf.ANSWER_FIELDS)
        return _render(request, page, status=400, answer_form=form)
    except StaleDossier as exc:
        return _render(request, page, status=409, conflict=exc.message, answer_form=form)
    messages.success(request, "Merci : votre retour d'expérience est enregistré.")
    return redirect("web:lessons", pk=pk)


@login_required
@require_POST
def debrief(request, pk):
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not l_perms.can_debrief(request.user, page.row):
        raise PermissionDenied(actions.NOT_ALLOWED_DEBRIEF)
    form = lf.DebriefForm(request.POST, today=timezone.localdate())
    if not form.is_valid():
        return _render(request, page, status=400, debrief_form=form)
    data = form.cleaned_data
    try:
        actions.record_debrief(
            page.row, request.user, posted_version(request), held_on=data["held_on"],
            participants=form.participant_list(), opco_invited=data["opco_invited"],
            conclusions=data["conclusions"],
        )  # fmt: skip
    except InvalidDossier as exc:
        form.add_action_errors(exc.errors, lf.DEBRIEF_FIELDS)
        return _render(request, page, status=400, debrief_form=form)
    except StaleDossier as exc:
        return _render(request, page, status=409, conflict=exc.message, debrief_form=form)
    messages.success(request, "Le débriefing final est enregistré.")
    return redirect("web:lessons", pk=pk)
