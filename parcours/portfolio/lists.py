"""Every role's list of dossiers, paginated like the OPCO's queue (`queue.page_of`): the
50 most recently modified first, a search on the summary columns, and only the columns a
list shows loaded (never the JSON document), so a company with thousands of contracts gets
its home page in the same few queries as one with three."""

from __future__ import annotations

from parcours.domain.summary import normalise
from parcours.dossiers import perms
from parcours.portfolio.queue import Page, page_of

LIST_FIELDS = (
    "id", "status", "reference", "learner_name", "company_name", "start_date", "end_date",
    "updated_at", "company_id",
)  # fmt: skip
DEFAULT_SORT = "-updated"


def search(qs, text: str):
    """Each word of `text` in the summary's search text (learner, company, SIRET, OPCO
    reference, agreement number, job title)."""
    for word in normalise(text).split():
        qs = qs.filter(search_text__contains=word)
    return qs


def role_page(user, params) -> tuple[Page, str]:
    """The user's page of dossiers for the query parameters (q, sort, after, before) and
    the search text used."""
    text = (params.get("q") or "").strip()[:200]
    rows = search(perms.visible_dossiers(user), text).only(*LIST_FIELDS)
    page = page_of(
        rows, params.get("sort"), params.get("after"), params.get("before"), default=DEFAULT_SORT
    )
    return page, text


HOME_ROWS = 5


def home_rows(user, states) -> list:
    """The learner's or trainer's contracts in `states` for « Mes prochaines séances »: the
    few most recently modified (each costs a sheet of sessions to read)."""
    rows = perms.visible_dossiers(user).filter(status__in=states)
    return list(rows.order_by("-updated_at", "-pk")[:HOME_ROWS])


def query_without_cursor(params) -> str:
    """The query string for the pager's links (the search and sort kept, the cursor
    dropped)."""
    kept = params.copy()
    for key in ("after", "before"):
        kept.pop(key, None)
    return kept.urlencode()
