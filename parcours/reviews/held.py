"""What the generic section write (`dossiers.actions.update_section`, the « Bilans » step and
`PUT …/sections/reviews`) may not change on a live dossier: a review's held part (date,
levels, participants, decision…) is written by `parcours.reviews.actions.hold_review` only,
with its checks (nobody back-dates a review); a held review is not deleted."""

from __future__ import annotations

from typing import Any

from parcours.dossiers.errors import FieldError

HELD_FIELDS = ("held_date", "scores", "comment", "participants", "decision", "held_by")


def keep_held(before: list[dict] | None, incoming: Any) -> tuple[Any, list[FieldError]]:
    """`incoming` with every stored review's held part put back as stored (by id); an error
    for each held review left out. Anything that is not a list of objects is returned as it
    is (the domain validation names what is wrong with it)."""
    if not isinstance(incoming, list):
        return incoming, []
    stored = {r.get("id"): r for r in before or [] if isinstance(r, dict)}
    out = []
    for item in incoming:
        if isinstance(item, dict) and item.get("id") in stored:
            old = stored[item["id"]]
            item = {k: v for k, v in item.items() if k not in HELD_FIELDS}
            item |= {k: old[k] for k in HELD_FIELDS if k in old}
        elif isinstance(item, dict):
            item = {k: v for k, v in item.items() if k not in HELD_FIELDS}
        out.append(item)
    kept = {i.get("id") for i in out if isinstance(i, dict)}
    errors = [
        FieldError("reviews", f"le bilan {rid} a été tenu : il ne peut pas être supprimé")
        for rid, r in stored.items()
        if r.get("held_date") and rid not in kept
    ]
    return out, errors
