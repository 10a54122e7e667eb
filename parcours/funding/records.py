"""The rows of `parcours.funding` as the format's `claims` and `facilitator_log` entries
(docs/format.md), for `parcours.dossiers.convert.document`."""

from __future__ import annotations

from typing import Any


def _iso(day) -> str | None:
    return day.isoformat() if day else None


KIND_ORDER = {
    "first_payment": 0,
    "final_payment": 1,
    "facilitator_invoice_1": 2,
    "facilitator_invoice_2": 3,
}


def claim_entries(row) -> list[dict[str, Any]]:
    """Every claim of the dossier, rejected ones included, in the convention's order, each
    kind's in the order they were made (uses the prefetched `claims` when there is one)."""
    out = []
    for c in sorted(row.claims.all(), key=lambda c: (KIND_ORDER.get(c.kind, 9), c.pk)):
        entry = {
            "kind": c.kind,
            "amount": float(c.amount),
            "state": c.state,
            "due_on": c.due_on.isoformat(),
            "claimed_on": _iso(c.claimed_on),
            "invoice_number": c.invoice_number or None,
            "paid_on": _iso(c.paid_on),
            "rejected_on": _iso(c.rejected_on),
            "rejection_reason": c.rejection_reason or None,
        }
        out.append({k: v for k, v in entry.items() if v is not None})
    return out


def log_entries(row) -> list[dict[str, Any]]:
    """The facilitator's interventions, by date."""
    logs = sorted(row.facilitator_logs.all(), key=lambda x: (x.date, x.pk))
    return [
        {
            "date": x.date.isoformat(),
            "hours": float(x.hours),
            "activity": x.activity,
            "author": x.author_name,
        }
        for x in logs
    ]
