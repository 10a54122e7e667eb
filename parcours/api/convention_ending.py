"""Convention art. 10 and the hourly rate, as on the pages « Fin de la convention » and
« Financement »: the signatories (company admin, facilitator, OPCO) read where the ending
stands, put another party in formal notice, end the convention once the delay has passed
(`parcours.convention_ending.actions`); the OPCO sets an experienced company's hourly rate
(`parcours.funding.rate`). Each write with the `version` read."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.core.exceptions import PermissionDenied
from ninja import Field, Path, Router, Schema

from parcours.api.schemas import MAX_INT, ErrorOut, Text, Version
from parcours.convention_ending import actions
from parcours.convention_ending import perms as ce_perms
from parcours.domain import convention_ending as ce
from parcours.domain.dossier import ConventionParty
from parcours.domain.loading import parse_dossier
from parcours.dossiers import perms
from parcours.funding import rate as funding_rate

router = Router(tags=["fin de la convention, taux horaire"])
Id = Annotated[int, Path(ge=1, le=MAX_INT)]
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
NOT_PARTY = "La fin de la convention concerne ses signataires : l'entreprise, le tiers " \
    "facilitateur et l'OPCO."  # fmt: skip


class EndingOut(Schema):
    version: int
    status: str
    notice_sent_on: dt.date | None
    notice_by: ConventionParty | None
    notice_to: ConventionParty | None
    breach: str | None
    delay_days: int | None
    earliest_end: dt.date | None = Field(description="premier jour où la fin est possible")
    ended_on: dt.date | None
    summary: str
    can_send_notice: bool
    can_end: bool


class NoticeIn(Schema):
    version: Version
    notice_to: ConventionParty
    breach: Annotated[Text, Field(min_length=1, max_length=ce.BREACH_MAX)]
    sent_on: dt.date


class EndIn(Schema):
    version: Version
    ended_on: dt.date


class RateIn(Schema):
    version: Version
    hourly_rate: Annotated[float, Field(ge=0, le=10_000)] | None = Field(
        description="euros HT par heure suivie ; null : pas encore fixé"
    )


class RateOut(Schema):
    version: int
    hour_based: bool = Field(description="entreprise expérimentée : financement horaire")
    hourly_rate: float | None


def _row(request, id: int):
    row = perms.get_dossier_for(request.auth, id)
    if ce_perms.party_of(request.auth) is None:
        raise PermissionDenied(NOT_PARTY)
    return row


def _out(user, row) -> dict:
    domain = parse_dossier(perms.document_for(user, row))
    e = domain.convention_ending
    return {
        "version": row.version,
        "status": row.status,
        "notice_sent_on": e.notice_sent_on if e else None,
        "notice_by": e.notice_by if e else None,
        "notice_to": e.notice_to if e else None,
        "breach": e.breach if e else None,
        "delay_days": e.delay_days if e else None,
        "earliest_end": ce.earliest_end(e) if e else None,
        "ended_on": e.ended_on if e else None,
        "summary": ce.summary(domain),
        "can_send_notice": ce_perms.can_send_notice(user, row),
        "can_end": ce_perms.can_end(user, row),
    }


@router.get("/{id}/convention-ending", response={200: EndingOut, 403: ErrorOut, 404: ErrorOut})
def ending(request, id: Id):
    """Where the convention's ending stands (art. 10): the notice, its delay, the end."""
    return _out(request.auth, _row(request, id))


@router.post("/{id}/convention-ending/notice", response={200: EndingOut, **ERRORS})
def notice(request, id: Id, payload: NoticeIn):
    """A signatory puts another party in formal notice (once, while the convention runs)."""
    row = _row(request, id)
    actions.send_notice(row, request.auth, payload.notice_to.value, payload.breach,
                        payload.sent_on, payload.version)  # fmt: skip
    return _out(request.auth, row)


@router.post("/{id}/convention-ending/end", response={200: EndingOut, **ERRORS})
def end(request, id: Id, payload: EndIn):
    """The party that sent the notice, or the OPCO, ends the convention after the delay:
    the dossier is terminated (422 before the delay, naming the first possible day)."""
    row = _row(request, id)
    actions.end_convention(row, request.auth, payload.ended_on, payload.version)
    row.refresh_from_db()
    return _out(request.auth, row)


@router.post("/{id}/funding/hourly-rate", response={200: RateOut, **ERRORS})
def hourly_rate(request, id: Id, payload: RateIn):
    """The OPCO sets (or clears) the hourly rate of an experienced company's funding."""
    row = perms.get_dossier_for(request.auth, id)
    value = "" if payload.hourly_rate is None else str(payload.hourly_rate)
    funding_rate.set_hourly_rate(row, request.auth, value, payload.version)
    content = row.content
    return {
        "version": row.version,
        "hour_based": not (content.get("company") or {}).get("first_contract", True),
        "hourly_rate": (content.get("funding") or {}).get("hourly_rate"),
    }
