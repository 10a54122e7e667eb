"""« Financement » of a dossier: the convention's article 9 table (planned and real costs,
the company's remaining cost), the funding claims with their state and the buttons each
role may use, the facilitator's log of hours and its certificate of service; and the
OPCO's list of claims to pay. The company side and the OPCO see the money; the tutor,
trainers and learner never do (403). `parcours.funding.actions` writes."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from parcours.domain.claims import PAPER_KEYS, outlook
from parcours.domain.dossier import ClaimKind
from parcours.domain.figures import Figures
from parcours.domain.financing import cost_lines, real_cost_known, remaining_cost
from parcours.domain.loading import parse_dossier
from parcours.dossiers import perms
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.funding import actions
from parcours.funding import perms as money
from parcours.funding.models import FundingClaim, State
from parcours.web import funding_forms as ff
from parcours.web.views.common import Page, posted_version, role_label

TEMPLATE = "web/funding/funding.html"
NOT_MONEY = (
    "Le financement du contrat est réservé à l'entreprise, au tiers facilitateur et à l'OPCO."
)
SERVICE_KEY = "facilitateur-service-fait"


def _money_page(request, pk) -> Page:
    page = Page(request, perms.get_dossier_for(request.user, pk))
    if not money.can_see_money(request.user, page.row):
        raise PermissionDenied(NOT_MONEY)
    return page


def _claim_rows(page: Page, claims: list[FundingClaim], forms: dict) -> list[dict]:
    """One row per claim the dossier may give: its record (due, made, paid, rejected) or why
    it is not due yet; the buttons the user may use; earlier rejected claims below it."""
    domain = parse_dossier(page.document)
    today = timezone.localdate()
    user = page.user
    kinds = money.claimable_kinds(user)
    by_kind: dict[str, list[FundingClaim]] = {}
    for c in claims:
        by_kind.setdefault(c.kind, []).append(c)
    rows = []
    for o in outlook(domain, today):
        records = by_kind.pop(o.kind, [])
        current = next((c for c in records if c.state != State.REJECTED), None)
        rejected = [c for c in records if c.state == State.REJECTED]
        rows.append(_row(page, o.kind, o.label, o.amount, current, rejected, o.reason, kinds,
                         forms))  # fmt: skip
    for kind, records in by_kind.items():  # made before a rupture, say
        current = next((c for c in records if c.state != State.REJECTED), None)
        rejected = [c for c in records if c.state == State.REJECTED]
        label = (current or records[0]).get_kind_display()
        amount = (current or records[0]).amount
        rows.append(_row(page, kind, label, amount, current, rejected, "", kinds, forms))
    return rows


def _row(page, kind, label, amount, current, rejected, reason, kinds, forms) -> dict:
    user, row = page.user, page.row
    can_decide = current is not None and money.can_decide(user, row, current)
    key = f"claim-{current.pk}" if current else ""
    return {
        "kind": kind,
        "label": label,
        "amount": float(current.amount if current else amount),
        "claim": current,
        "rejected": rejected,
        "reason": "" if current else reason,
        "paper_key": PAPER_KEYS[ClaimKind(kind)],
        "can_claim": current is not None and current.state == State.DUE and kind in kinds,
        "can_decide": can_decide,
        "paid_form": forms.get(("paid", key)) or _paid_form(current) if can_decide else None,
        "reject_form": forms.get(("reject", key)) or _reject_form(current) if can_decide else None,
    }


def _paid_form(claim: FundingClaim) -> ff.PaidForm:
    today = timezone.localdate()
    return ff.PaidForm(initial={"paid_on": today}, today=today, prefix_id=f"paye-{claim.pk}")


def _reject_form(claim: FundingClaim) -> ff.RejectForm:
    return ff.RejectForm(prefix_id=f"rejet-{claim.pk}")


def _cost_text(value) -> str | None:
    if value is None:
        return None
    return f"{value:.2f}".replace(".", ",").removesuffix(",00")


def _cost_rows(page: Page, posted: dict | None = None):
    figures = Figures(parse_dossier(page.full_document))
    lines = cost_lines(figures)
    posted = posted or {}
    modules = [
        {"id": m.get("id"), "title": m.get("title") or "", "hours": m.get("hours") or 0,
         "value": posted.get(m.get("id"), _cost_text(m.get("real_cost")))}
        for m in page.full_document.get("modules") or []
    ]  # fmt: skip
    return {
        "cost_lines": lines,
        "total_hours": sum(line.hours for line in lines),
        "total_cost": sum(line.real_cost or 0 for line in lines)
        if real_cost_known(figures)
        else None,
        "total_funded": sum(line.funded or 0 for line in lines),
        "remaining": remaining_cost(figures),
        "modules": modules,
    }


def _profile(page: Page, extra: dict) -> dict:
    """An experienced company (funded by the hour attended) and the OPCO's rate form."""
    from parcours.funding import rate

    funding = page.full_document.get("funding") or {}
    return {
        "hour_based": not (page.full_document.get("company") or {}).get("first_contract", True),
        "hourly_rate": funding.get("hourly_rate"),
        "rate_input": _cost_text(funding.get("hourly_rate")),
        "can_set_rate": rate.can_set_rate(page.user, page.row),
        "rate_error": extra.pop("rate_error", ""),
        "rate_value": extra.pop("rate_value", None),
    }


def _render(request, page: Page, status: int = 200, forms: dict | None = None, **extra):
    forms = forms or {}
    user, row = page.user, page.row
    claims = []
    if row.status in money.CLAIM_STATES:
        claims = actions.refresh_claims(row, user)
    today = timezone.localdate()
    logs = list(row.facilitator_logs.order_by("date", "pk"))
    logged = sum((x.hours for x in logs), Decimal(0))
    can_log = money.can_log_hours(user, row)
    context = page.context(
        "financement",
        role_label=role_label(user),
        claim_rows=_claim_rows(page, claims, forms) if row.status in money.CLAIM_STATES else [],
        claims_open=row.status in money.CLAIM_STATES,
        logs=logs,
        logged=float(logged),
        left=float(max(actions.MISSION_HOURS - logged, 0)),
        mission=float(actions.MISSION_HOURS),
        hours_form=(forms.get("hours") or ff.HoursForm(initial={"date": today}, today=today))
        if can_log and logged < actions.MISSION_HOURS
        else None,
        can_log=can_log,
        has_facilitator=bool(page.document.get("facilitator")),
        service_key=SERVICE_KEY,
        can_set_costs=money.can_set_costs(user, row),
        **_profile(page, extra),
        cost_errors=extra.pop("cost_errors", {}),
        **_cost_rows(page, extra.pop("cost_values", None)),
        **extra,
    )
    return render(request, TEMPLATE, context, status=status)


@login_required
@require_GET
def funding(request, pk):
    return _render(request, _money_page(request, pk))


def _back(request, pk) -> str:
    """Where a form returns: the page it was posted from (the OPCO's list or the dossier)."""
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return reverse("web:funding", args=[pk])


@login_required
@require_POST
def claim(request, pk, kind):
    page = _money_page(request, pk)
    try:
        made = actions.make_claim(page.row, request.user, kind)
    except InvalidDossier as exc:
        messages.error(request, " ".join(e.message for e in exc.errors))
        return _render(request, page, status=400)
    messages.success(
        request,
        f"{made.get_kind_display()} demandée : facture n° {made.invoice_number}. Téléchargez "
        "la demande, signez-la et adressez-la à l'OPCO avec ses pièces.",
    )
    return redirect("web:funding", pk=pk)


def _claim_of(page: Page, claim_id: int) -> FundingClaim:
    found = page.row.claims.filter(pk=claim_id).first()
    if found is None:
        raise Http404("Demande de paiement inconnue dans ce dossier.")
    return found


def _decision(request, pk, claim_id, form_class, act, done: str, name: str):
    page = _money_page(request, pk)
    found = _claim_of(page, claim_id)
    if not money.can_decide(request.user, page.row):
        raise PermissionDenied("Seul l'OPCO marque une demande payée ou rejetée.")
    today = timezone.localdate()
    form = form_class(request.POST, today=today, prefix_id=f"{name}-{found.pk}")
    if form.is_valid():
        try:
            act(page.row, request.user, found, form.cleaned_data)
        except InvalidDossier as exc:
            form.add_action_errors(exc.errors)
        else:
            messages.success(request, done.format(number=found.invoice_number or "—"))
            return redirect(_back(request, pk))
    forms = {("paid" if name == "paye" else "reject", f"claim-{found.pk}"): form}
    if request.POST.get("next"):
        return _opco_render(request, forms, status=400)
    return _render(request, page, status=400, forms=forms)


@login_required
@require_POST
def paid(request, pk, claim_id):
    return _decision(
        request, pk, claim_id, ff.PaidForm,
        lambda row, user, c, d: actions.mark_paid(row, user, c, d["paid_on"]),
        "Demande n° {number} marquée payée.", "paye",
    )  # fmt: skip


@login_required
@require_POST
def rejected(request, pk, claim_id):
    return _decision(
        request, pk, claim_id, ff.RejectForm,
        lambda row, user, c, d: actions.reject(row, user, c, d["reason"]),
        "Demande n° {number} rejetée : l'émetteur en est informé sur sa page Financement.",
        "rejet",
    )  # fmt: skip


@login_required
@require_POST
def log_hours(request, pk):
    page = _money_page(request, pk)
    if not money.can_log_hours(request.user, page.row):
        raise PermissionDenied("Seul le tiers facilitateur enregistre ses heures d'intervention.")
    form = ff.HoursForm(request.POST, today=timezone.localdate())
    if form.is_valid():
        d = form.cleaned_data
        try:
            actions.log_facilitator_hours(
                page.row, request.user, d["date"], d["hours"], d["activity"]
            )
        except InvalidDossier as exc:
            form.add_action_errors(exc.errors)
        else:
            messages.success(request, "Intervention enregistrée.")
            return redirect(reverse("web:funding", args=[pk]) + "#heures")
    return _render(request, page, status=400, forms={"hours": form})


@login_required
@require_POST
def costs(request, pk):
    page = _money_page(request, pk)
    if not money.can_set_costs(request.user, page.row):
        raise PermissionDenied("Seuls l'entreprise et le tiers facilitateur renseignent les coûts.")
    ids = [m.get("id") for m in page.row.content.get("modules") or []]
    values = {i: request.POST.get(f"cout-{i}", "") for i in ids}
    try:
        actions.set_real_costs(page.row, request.user, values, posted_version(request))
    except InvalidDossier as exc:
        errors = {e.path.split(".")[1] if e.path.startswith("modules.") else "": e.message
                  for e in exc.errors}  # fmt: skip
        return _render(request, page, status=400, cost_errors=errors, cost_values=values)
    except StaleDossier as exc:
        return _render(request, page, status=409, conflict=exc.message)
    messages.success(request, "Coûts réels enregistrés.")
    return redirect(reverse("web:funding", args=[pk]) + "#couts")


# --- the OPCO's list of claims to pay ------------------------------------------------------------


def _opco_render(request, forms: dict | None = None, status: int = 200):
    forms = forms or {}
    claims = (
        FundingClaim.objects.filter(
            state=State.CLAIMED, dossier__in=perms.visible_dossiers(request.user)
        )
        .select_related("dossier", "dossier__company", "issuer")
        .order_by("claimed_on", "pk")
    )
    rows = []
    for c in claims[:200]:
        key = f"claim-{c.pk}"
        rows.append(
            {
                "claim": c,
                "paper_key": PAPER_KEYS[ClaimKind(c.kind)],
                "paid_form": forms.get(("paid", key)) or _paid_form(c),
                "reject_form": forms.get(("reject", key)) or _reject_form(c),
            }
        )
    context = {
        "nav": "opco_claims",
        "role_label": role_label(request.user),
        "rows": rows,
        "total": claims.count(),
        "here": reverse("web:opco_claims"),
    }
    return render(request, "web/funding/opco_claims.html", context, status=status)


@login_required
@require_GET
def opco_claims(request):
    if not money.is_opco(request.user):
        raise PermissionDenied("Réservé aux conseillers OPCO.")
    return _opco_render(request)
