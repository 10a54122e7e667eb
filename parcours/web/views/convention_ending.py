"""« Fin de la convention » (convention art. 10): a signatory puts another in formal notice
(mise en demeure) for a breach; once the delay has passed without effect, the party that
sent it, or the OPCO, ends the convention and the dossier is terminated. The signatories
(company admin, facilitator, OPCO) see the page; the tutor, trainers and learner do not
(403). `parcours.convention_ending.actions` writes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from parcours.convention_ending import actions
from parcours.convention_ending import perms as ce_perms
from parcours.domain import convention_ending as ce
from parcours.domain.loading import parse_dossier
from parcours.dossiers import perms
from parcours.dossiers.errors import InvalidDossier, StaleDossier, TransitionRefused
from parcours.web import convention_ending_forms as cf
from parcours.web.views.common import Page, posted_version

TEMPLATE = "web/convention_ending/page.html"
NOT_PARTY = "La fin de la convention concerne ses signataires : l'entreprise, le tiers " \
    "facilitateur et l'OPCO."  # fmt: skip


def _page(request, pk) -> Page:
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if ce_perms.party_of(request.user) is None:
        raise PermissionDenied(NOT_PARTY)
    return page


def _cap(value: str) -> str:
    return value[:1].upper() + value[1:]  # names kept as written (not str.capitalize)


def _choices(page: Page, domain) -> list[tuple[str, str]]:
    mine = ce_perms.party_of(page.user)
    return [(p.value, _cap(ce.party_name(domain, p))) for p in ce.parties(domain) if p != mine]


def _render(request, page: Page, status=200, notice_form=None, end_form=None, **extra):
    domain = parse_dossier(page.full_document)
    ending = domain.convention_ending
    today = timezone.localdate()
    can_notice = ce_perms.can_send_notice(page.user, page.row)
    can_end = ce_perms.can_end(page.user, page.row)
    context = page.context(
        "fin-convention",
        ending=ending,
        summary=ce.summary(domain),
        notice_to=ce.party_name(domain, ending.notice_to) if ending else "",
        notice_by=ce.party_name(domain, ending.notice_by) if ending else "",
        earliest=ce.earliest_end(ending) if ending else None,
        delay_passed=bool(ending) and ce.earliest_end(ending) <= today,
        delay_days=domain_params_delay(),
        notice_form=(notice_form or cf.NoticeForm(initial={"sent_on": today},
                                                  choices=_choices(page, domain)))
        if can_notice else None,
        end_form=(end_form or cf.EndForm(initial={"ended_on": today})) if can_end else None,
        **extra,
    )  # fmt: skip
    return render(request, TEMPLATE, context, status=status)


def domain_params_delay() -> int:
    from parcours.domain.params import DEFAULT_PARAMETERS

    return DEFAULT_PARAMETERS.convention_notice_days


@login_required
@require_GET
def page(request, pk):
    return _render(request, _page(request, pk))


@login_required
@require_POST
def notice(request, pk):
    page = _page(request, pk)
    if not ce_perms.can_send_notice(request.user, page.row):
        raise PermissionDenied("Une mise en demeure est déjà enregistrée, ou la convention ne "
                               "court pas.")  # fmt: skip
    domain = parse_dossier(page.full_document)
    form = cf.NoticeForm(request.POST, choices=_choices(page, domain))
    if not form.is_valid():
        return _render(request, page, 400, notice_form=form)
    d = form.cleaned_data
    try:
        actions.send_notice(page.row, request.user, d["notice_to"], d["breach"], d["sent_on"],
                            posted_version(request))  # fmt: skip
    except InvalidDossier as exc:
        form.add_action_errors(exc.errors)
        return _render(request, page, 400, notice_form=form)
    except StaleDossier as exc:
        return _render(request, page, 409, notice_form=form, conflict=exc.message)
    messages.success(request, "Mise en demeure enregistrée. Téléchargez la lettre, signez-la et "
                     "envoyez-la en recommandé avec accusé de réception.")  # fmt: skip
    return redirect("web:convention_ending", pk=pk)


@login_required
@require_POST
def end(request, pk):
    page = _page(request, pk)
    if not ce_perms.can_end(request.user, page.row):
        raise PermissionDenied("Seule la partie qui a mis en demeure, ou l'OPCO, met fin à la "
                               "convention.")  # fmt: skip
    form = cf.EndForm(request.POST)
    if not form.is_valid():
        return _render(request, page, 400, end_form=form)
    try:
        actions.end_convention(page.row, request.user, form.cleaned_data["ended_on"],
                               posted_version(request))  # fmt: skip
    except InvalidDossier as exc:
        form.add_action_errors(exc.errors)
        return _render(request, page, 400, end_form=form)
    except TransitionRefused as exc:
        return _render(request, page, 400, end_form=form, refused=list(exc.reasons))
    except StaleDossier as exc:
        return _render(request, page, 409, end_form=form, conflict=exc.message)
    messages.success(request, "La convention a pris fin ; le dossier est clos comme après une "
                     "rupture (seule la première partie du financement est due).")  # fmt: skip
    return redirect("web:convention_ending", pk=pk)
