"""The OPCO's portfolio for its other systems: GET /api/opco/dossiers, the instruction
queue's list with the same filters (the same parameters as the page's address) and the same
keyset pages (`next` / `previous` cursors), OPCO staff only. Without any filter: every
dossier the OPCO sees, not only the submitted ones (a program wants the whole list)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema
from pydantic import Field

from parcours.api.schemas import ErrorOut
from parcours.dossiers import perms as dossier_perms
from parcours.dossiers.errors import FieldError, InvalidDossier
from parcours.portfolio import perms
from parcours.portfolio.filters import apply_filters, filter_form
from parcours.portfolio.queue import PAGE_SIZE, SORTS, page_of

router = Router(tags=["portefeuille OPCO"])

ITEM_FIELDS = (
    "id", "reference", "agreement_number", "status", "learner_name", "company_name",
    "learner_age", "age_band", "job_seeker", "benefits", "start_date", "end_date",
    "duration_months", "training_hours", "afest_hours", "support_hours", "total_hours",
    "training_share", "bloquant_count", "alerte_count", "competences_targeted",
    "competences_acquired", "first_submitted_at", "submitted_at", "decided_at",
    "decision_deadline", "status_changed_at", "assigned_to_id", "company_id", "facilitator_id",
)  # fmt: skip
# `.only()` names the relations, the items read their ids.
ONLY = tuple(name.removesuffix("_id") for name in ITEM_FIELDS)


class PortfolioQuery(Schema):
    """The queue's filters (see the page « File d'instruction »), its sort and its cursor."""

    q: str | None = Field(
        None,
        max_length=200,
        description="recherche : salarié, entreprise, SIRET, n° de dossier, n° d'accord",
    )
    status: list[str] = Field([], description="états (répétable)")
    facilitator: int | None = Field(None, description="id de l'organisation du tiers facilitateur")
    assigned_to: str | None = Field(
        None, description="« moi », « personne » ou l'id d'un compte OPCO"
    )
    age_band: str | None = Field(None, description="lt21, 21-25, 26-29, 30-44, 45+")
    job_seeker: str | None = Field(None, description="oui / non")
    benefit: str | None = Field(None, description="rsa, ass, aah, cui_exit")
    start_from: dt.date | None = None
    start_to: dt.date | None = None
    submitted_from: dt.date | None = None
    submitted_to: dt.date | None = None
    duration_min: float | None = None
    duration_max: float | None = None
    bloquant_min: int | None = None
    alerte_min: int | None = None
    waiting_min: int | None = Field(None, description="jours au moins dans l'état actuel")
    overdue: bool | None = Field(None, description="décision en retard uniquement")
    sort: str | None = Field(None, description=f"{', '.join(SORTS)} ; préfixe « - » : décroissant")
    after: str | None = Field(None, description="curseur « next » de la page précédente")
    before: str | None = Field(None, description="curseur « previous » de la page suivante")
    limit: Annotated[int, Field(ge=1, le=500)] = PAGE_SIZE  # fmt: skip


class PortfolioItem(Schema):
    id: int
    reference: str
    agreement_number: str
    status: str
    learner_name: str
    company_name: str
    learner_age: int | None
    age_band: str
    job_seeker: bool | None
    benefits: list[str]
    start_date: dt.date | None
    end_date: dt.date | None
    duration_months: float | None
    training_hours: float | None
    afest_hours: float | None
    support_hours: float | None
    total_hours: float | None
    training_share: float | None
    bloquant_count: int
    alerte_count: int
    competences_targeted: int
    competences_acquired: int
    first_submitted_at: dt.datetime | None
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    decision_deadline: dt.date | None
    status_changed_at: dt.datetime | None
    assigned_to_id: int | None
    company_id: int
    facilitator_id: int | None


class PortfolioPage(Schema):
    items: list[PortfolioItem]
    sort: str
    next: str | None = Field(description="passez-le en « after » pour la page suivante")
    previous: str | None = Field(description="passez-le en « before » pour la page précédente")


def _item(row) -> dict:
    out = {name: getattr(row, name) for name in ITEM_FIELDS}
    out["benefits"] = [code for code in (row.benefits or "").split(",") if code]
    return out


@router.get("/dossiers", response={200: PortfolioPage, 403: ErrorOut, 422: ErrorOut})
def portfolio(request, params: Query[PortfolioQuery]):
    """The dossiers of the OPCO's portfolio, filtered, sorted, one page at a time."""
    user = request.auth
    if not perms.can_use_portfolio(user):
        raise PermissionDenied("Réservé aux conseillers OPCO.")
    form = filter_form(request.GET, user, default_status=())
    if not form.is_valid():
        raise InvalidDossier(
            [FieldError(name, " ".join(errors)) for name, errors in form.errors.items()]
        )
    rows = apply_filters(dossier_perms.visible_dossiers(user), form.cleaned_data)
    page = page_of(rows.only(*ONLY), params.sort, params.after, params.before, size=params.limit)
    return {
        "items": [_item(row) for row in page.rows],
        "sort": page.sort_param,
        "next": page.next_cursor,
        "previous": page.previous_cursor,
    }
