"""Keyset pagination of dossier lists: a page is « the N rows after (or before) this row in
this order », never « skip K rows », so page 1,000 costs what page 1 costs.

The order is one sort column then the id (a tie-breaker, so equal values never make a row
appear twice or not at all). Rows whose sort value is empty (NULL) come last in both
directions; they are read in a second query when a page reaches them, so that each query
is a plain range over an index on (column, id).

The cursor is the (value, id) of the last row of a page (« Page suivante ») or of the first
row (« Page précédente »), written in the URL as an opaque token.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from parcours.dossiers.models import Dossier

PAGE_SIZE = 50


@dataclass(frozen=True)
class Sort:
    key: str  # in the URL: ?sort=<key> or ?sort=-<key>
    column: str  # a lookup on Dossier (may follow a relation)
    label: str


# The columns the queue sorts by (the lists of the other roles use « updated »).
SORTS = {
    s.key: s
    for s in (
        Sort("learner", "learner_name", "Salarié"),
        Sort("company", "company_name", "Entreprise"),
        Sort("start", "start_date", "Début"),
        Sort("duration", "duration_months", "Durée"),
        Sort("hours", "total_hours", "Heures"),
        Sort("share", "training_share", "Part de formation"),
        Sort("findings", "bloquant_count", "Constats"),
        Sort("submitted", "submitted_at", "Soumis le"),
        Sort("deadline", "decision_deadline", "Décision attendue"),
        Sort("assigned", "assigned_to__last_name", "Suivi par"),
        Sort("updated", "updated_at", "Modifié le"),
        Sort("status", "status", "État"),
    )
}
DEFAULT_SORT = "submitted"


def parse_sort(text: str | None, default: str = DEFAULT_SORT) -> tuple[Sort, bool]:
    """The sort of `?sort=` (an unknown one falls back on `default`) and whether it is
    descending."""
    text = text or default
    desc = text.startswith("-")
    sort = SORTS.get(text.removeprefix("-"))
    if sort is None:
        return parse_sort(default, default) if text != default else (SORTS[DEFAULT_SORT], False)
    return sort, desc


def _field(column: str):
    model, field = Dossier, None
    for part in column.split("__"):
        field = model._meta.get_field(part)
        model = field.related_model or model
    return field


def encode_cursor(value, pk: int) -> str:
    if value is not None and not isinstance(value, (str, int, float)):
        value = value.isoformat()
    raw = json.dumps([value, pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str | None, sort: Sort):
    """(value, pk) of a cursor token, or None for a token that does not read (a hand-edited
    URL shows the first page rather than an error)."""
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        value, pk = json.loads(raw)
        if value is not None:
            value = _field(sort.column).to_python(value)
        return value, int(pk)
    except (ValueError, TypeError, ValidationError):
        return None


@dataclass
class Page:
    rows: list
    sort: Sort
    desc: bool
    next_cursor: str | None  # « Page suivante »: ?after=<next_cursor>
    previous_cursor: str | None  # « Page précédente »: ?before=<previous_cursor>

    @property
    def sort_param(self) -> str:
        return ("-" if self.desc else "") + self.sort.key


def _value(row, column: str):
    for part in column.split("__"):
        row = getattr(row, part) if row is not None else None
    return row


def _ordered(qs: QuerySet, column: str, desc: bool) -> QuerySet:
    sign = "-" if desc else ""
    return qs.order_by(f"{sign}{column}", f"{sign}pk")


def _beyond(qs: QuerySet, column: str, desc: bool, value, pk: int) -> QuerySet:
    """Non-empty rows strictly after (value, pk) in the order (column, pk), ascending or
    descending. The redundant `>=` bound lets the database start its index range there."""
    if desc:
        return qs.filter(**{f"{column}__lte": value}).filter(
            Q(**{f"{column}__lt": value}) | Q(pk__lt=pk)
        )
    return qs.filter(**{f"{column}__gte": value}).filter(
        Q(**{f"{column}__gt": value}) | Q(pk__gt=pk)
    )


def _take(qs: QuerySet, n: int) -> list:
    return list(qs[:n]) if n > 0 else []


def _forward(qs: QuerySet, column: str, desc: bool, cursor, n: int) -> list:
    """Up to n rows after `cursor` (None: from the start), in display order."""
    filled = qs.filter(**{f"{column}__isnull": False})
    empty = _ordered(qs.filter(**{f"{column}__isnull": True}), "pk", desc)
    if cursor is not None and cursor[0] is None:  # inside the empty rows already
        return _take(empty.filter(**{"pk__lt" if desc else "pk__gt": cursor[1]}), n)
    if cursor is not None:
        filled = _beyond(filled, column, desc, *cursor)
    rows = _take(_ordered(filled, column, desc), n)
    return rows + _take(empty, n - len(rows))


def _backward(qs: QuerySet, column: str, desc: bool, cursor, n: int) -> list:
    """Up to n rows before `cursor`, in display order (read in the reverse order, then
    turned back)."""
    filled = qs.filter(**{f"{column}__isnull": False})
    rows: list = []
    if cursor[0] is None:
        empty = qs.filter(
            **{f"{column}__isnull": True}, **{"pk__gt" if desc else "pk__lt": cursor[1]}
        )
        rows = _take(_ordered(empty, "pk", not desc), n)
    else:
        filled = _beyond(filled, column, not desc, *cursor)
    rows += _take(_ordered(filled, column, not desc), n - len(rows))
    return rows[::-1]


def page_of(
    qs: QuerySet,
    sort: str | None = None,
    after: str | None = None,
    before: str | None = None,
    *,
    size: int = PAGE_SIZE,
    default: str = DEFAULT_SORT,
) -> Page:
    """One page of `qs` in the order `sort` (« key » or « -key »), after the cursor `after`
    or before the cursor `before` (both None: the first page). At most two queries."""
    sort_, desc = parse_sort(sort, default)
    column = sort_.column
    if "__" in column:
        qs = qs.select_related(column.split("__")[0])
    back = decode_cursor(before, sort_)
    ahead = decode_cursor(after, sort_) if back is None else None
    if back is not None:
        rows = _backward(qs, column, desc, back, size + 1)
        more_before, more_after = len(rows) > size, True
        rows = rows[-size:] if more_before else rows
    else:
        rows = _forward(qs, column, desc, ahead, size + 1)
        more_after, more_before = len(rows) > size, ahead is not None
        rows = rows[:size]
    if not rows:
        # Nothing there (a stale cursor): start again from the first page.
        if back is not None or ahead is not None:
            return page_of(qs, sort, size=size, default=default)
        return Page([], sort_, desc, None, None)

    def token(row):
        return encode_cursor(_value(row, column), row.pk)

    return Page(
        rows,
        sort_,
        desc,
        next_cursor=token(rows[-1]) if more_after else None,
        previous_cursor=token(rows[0]) if more_before else None,
    )
