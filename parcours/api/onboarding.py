"""Guide action 6, as on the « Accueil du salarié » page: the welcome checklist, each item
with its due date (counted from the contract's start), done or not, late or not. Read by
every party of the dossier; ticked by the tutor and the company side, each write with the
`version` read (`parcours.onboarding.actions`)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.utils import timezone
from ninja import Field, Path, Router, Schema

from parcours.api.schemas import MAX_INT, ErrorOut, Text, Version
from parcours.domain import onboarding as ob
from parcours.domain.dossier import OnboardingStep
from parcours.domain.loading import parse_dossier
from parcours.dossiers import perms
from parcours.onboarding import actions
from parcours.onboarding import perms as ob_perms

router = Router(tags=["accueil du salarié"])
Id = Annotated[int, Path(ge=1, le=MAX_INT)]
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class ItemOut(Schema):
    item: OnboardingStep
    phase: str = Field(description="avant, jour-1, semaine-1 ou mois-1")
    title: str
    due: dt.date
    done_on: dt.date | None
    by: str | None
    comment: str | None
    late: bool = Field(description="pas fait après la date prévue")


class OnboardingOut(Schema):
    version: int
    editable: bool
    start: dt.date = Field(description="début du contrat, d'où les dates sont comptées")
    items: list[ItemOut]


class TickIn(Schema):
    version: Version
    item: OnboardingStep
    done_on: dt.date | None = Field(None, description="aujourd'hui si absent")
    comment: Annotated[Text, Field(max_length=ob.COMMENT_MAX)] = ""


class UntickIn(Schema):
    version: Version
    item: OnboardingStep


def _out(user, row) -> dict:
    domain = parse_dossier(perms.document_for(user, row))
    today = timezone.localdate()
    return {
        "version": row.version,
        "editable": ob_perms.can_tick(user, row),
        "start": ob.start(domain),
        "items": [
            {
                "item": line.item.code,
                "phase": line.item.phase.code,
                "title": line.item.title,
                "due": line.due,
                "done_on": line.tick.done_on if line.tick else None,
                "by": line.tick.by if line.tick else None,
                "comment": line.tick.comment if line.tick else None,
                "late": line.late(today),
            }
            for line in ob.checklist(domain)
        ],
    }


@router.get("/{id}/onboarding", response={200: OnboardingOut, 404: ErrorOut})
def onboarding(request, id: Id):
    """The welcome checklist: every item, its due date, done (when, by whom) or late."""
    return _out(request.auth, perms.get_dossier_for(request.auth, id))


@router.post("/{id}/onboarding/ticks", response={200: OnboardingOut, **ERRORS})
def tick(request, id: Id, payload: TickIn):
    """Tutor or company side: an item is done (on a day not in the future; today when
    absent), with an optional comment; again: the day or the comment change."""
    row = perms.get_dossier_for(request.auth, id)
    actions.tick(
        row,
        request.auth,
        payload.version,
        item=payload.item.value,
        done_on=payload.done_on,
        comment=payload.comment,
    )
    return _out(request.auth, row)


@router.post("/{id}/onboarding/ticks/remove", response={200: OnboardingOut, **ERRORS})
def untick(request, id: Id, payload: UntickIn):
    """Tutor or company side: the item is not done after all."""
    row = perms.get_dossier_for(request.auth, id)
    actions.untick(row, request.auth, payload.version, item=payload.item.value)
    return _out(request.auth, row)
