"""The money (convention art. 7 and 9): the funding claims with their state, making one
(the company admin its payments, a facilitator its invoices), the OPCO's payment or
rejection, the facilitator's hours, the modules' real costs. The company side and the OPCO
only: tutor, trainer and learner get 403; a dossier the caller cannot see: 404; a state,
date or amount that does not allow it: 422. Messages in French."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from ninja import Path, Router, Schema, Status
from pydantic import Field

from parcours.api.schemas import MAX_INT, ErrorOut, Text, Version
from parcours.domain.claims import outlook
from parcours.domain.loading import parse_dossier
from parcours.dossiers import perms as dossier_perms
from parcours.funding import actions
from parcours.funding import perms as money
from parcours.funding.models import FundingClaim

router = Router(tags=["financement"])
Id = Annotated[int, Path(ge=1, le=MAX_INT)]
ClaimId = Annotated[int, Path(ge=1, le=MAX_INT)]
Kind = Literal["first_payment", "final_payment", "facilitator_invoice_1", "facilitator_invoice_2"]
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
NOT_MONEY = (
    "Le financement du contrat est réservé à l'entreprise, au tiers facilitateur et à l'OPCO."
)


class ClaimOut(Schema):
    id: int
    kind: str
    label: str
    amount: float = Field(description="euros hors taxes")
    state: str = Field(description="due | claimed | paid | rejected")
    state_label: str
    due_on: dt.date
    invoice_number: str | None = None
    claimed_on: dt.date | None = None
    paid_on: dt.date | None = None
    rejected_on: dt.date | None = None
    rejection_reason: str | None = None


class PendingOut(Schema):
    kind: str
    label: str
    amount: float
    reason: str = Field(description="pourquoi elle n'est pas encore due")


class ClaimsOut(Schema):
    claims: list[ClaimOut]
    not_due: list[PendingOut] = Field(description="les demandes pas encore dues, et pourquoi")


class ClaimIn(Schema):
    kind: Kind


class PaidIn(Schema):
    paid_on: dt.date = Field(description="ni dans le futur, ni avant la demande")


class RejectIn(Schema):
    reason: Annotated[Text, Field(max_length=2000)]


class HoursIn(Schema):
    date: dt.date
    hours: float = Field(gt=0, le=14)
    activity: Annotated[Text, Field(max_length=500)]


class HoursEntryOut(Schema):
    id: int
    date: dt.date
    hours: float
    activity: str
    author: str


class HoursOut(Schema):
    mission_hours: float
    logged_hours: float
    entries: list[HoursEntryOut]


class CostsIn(Schema):
    version: Version
    costs: dict[Annotated[str, Field(max_length=40)], Annotated[float, Field(ge=0)] | None] = Field(
        description="module id → coût réel en euros HT (null : inconnu)"
    )


class CostsOut(Schema):
    version: int
    costs: dict[str, float | None]


def _money_row(request, id: int):
    row = dossier_perms.get_dossier_for(request.auth, id)
    if not money.can_see_money(request.auth, row):
        raise PermissionDenied(NOT_MONEY)
    return row


def _claim_out(c: FundingClaim) -> dict:
    return {
        "id": c.pk,
        "kind": c.kind,
        "label": c.get_kind_display(),
        "amount": float(c.amount),
        "state": c.state,
        "state_label": c.get_state_display(),
        "due_on": c.due_on,
        "invoice_number": c.invoice_number or None,
        "claimed_on": c.claimed_on,
        "paid_on": c.paid_on,
        "rejected_on": c.rejected_on,
        "rejection_reason": c.rejection_reason or None,
    }


@router.get("/{id}/claims", response={200: ClaimsOut, 403: ErrorOut, 404: ErrorOut})
def claims(request, id: Id):
    """Every claim of the dossier (those that became due are created first), rejected ones
    included, and the claims not due yet with the reason."""
    row = _money_row(request, id)
    found = actions.refresh_claims(row, request.auth) if row.status in money.CLAIM_STATES else []
    domain = parse_dossier(dossier_perms.document_for(request.auth, row))
    pending = [
        {"kind": o.kind.value, "label": o.label, "amount": o.amount, "reason": o.reason}
        for o in outlook(domain, timezone.localdate())
        if not o.due
    ]
    return {"claims": [_claim_out(c) for c in found], "not_due": pending}


@router.post("/{id}/claims", response={201: ClaimOut, **ERRORS})
def make_claim(request, id: Id, payload: ClaimIn):
    """Make a due claim: the company admin its payments, a facilitator its invoices; the
    server gives it today's date and the issuer's next invoice number."""
    row = _money_row(request, id)
    return Status(201, _claim_out(actions.make_claim(row, request.auth, payload.kind)))


def _claim(row, claim_id: int) -> FundingClaim:
    found = row.claims.filter(pk=claim_id).first()
    if found is None:
        raise Http404
    return found


@router.post("/{id}/claims/{claim_id}/paid", response={200: ClaimOut, **ERRORS})
def paid(request, id: Id, claim_id: ClaimId, payload: PaidIn):
    """The OPCO marks a claim paid, with the date of payment."""
    row = _money_row(request, id)
    claim = _claim(row, claim_id)
    return _claim_out(actions.mark_paid(row, request.auth, claim, payload.paid_on))


@router.post("/{id}/claims/{claim_id}/rejected", response={200: ClaimOut, **ERRORS})
def rejected(request, id: Id, claim_id: ClaimId, payload: RejectIn):
    """The OPCO rejects a claim, saying why (the issuer may then make it again)."""
    row = _money_row(request, id)
    claim = _claim(row, claim_id)
    return _claim_out(actions.reject(row, request.auth, claim, payload.reason))


def _hours(row) -> dict:
    entries = list(row.facilitator_logs.order_by("date", "pk"))
    return {
        "mission_hours": float(actions.MISSION_HOURS),
        "logged_hours": float(sum(x.hours for x in entries)),
        "entries": [
            {
                "id": x.pk,
                "date": x.date,
                "hours": float(x.hours),
                "activity": x.activity,
                "author": x.author_name,
            }
            for x in entries
        ],  # fmt: skip
    }


@router.get("/{id}/facilitator-hours", response={200: HoursOut, 403: ErrorOut, 404: ErrorOut})
def hours(request, id: Id):
    """The facilitator's log of hours (its mission: 14 h, convention art. 7)."""
    return _hours(_money_row(request, id))


@router.post("/{id}/facilitator-hours", response={201: HoursOut, **ERRORS})
def log_hours(request, id: Id, payload: HoursIn):
    """A facilitator logs one intervention (date not in the future; total at most 14 h)."""
    row = _money_row(request, id)
    actions.log_facilitator_hours(
        row, request.auth, payload.date, str(payload.hours), payload.activity
    )
    return Status(201, _hours(row))


@router.put("/{id}/real-costs", response={200: CostsOut, **ERRORS})
def real_costs(request, id: Id, payload: CostsIn):
    """The modules' real costs (company side): the « coût réel » of article 9 and the
    company's remaining cost. Modules not given keep theirs."""
    row = _money_row(request, id)
    costs = {k: ("" if v is None else str(v)) for k, v in payload.costs.items()}
    row = actions.set_real_costs(row, request.auth, costs, payload.version)
    return {
        "version": row.version,
        "costs": {m.get("id"): m.get("real_cost") for m in row.content.get("modules") or []},
    }
