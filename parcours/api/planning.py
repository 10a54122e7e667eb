"""The sessions' calendar, as on the « Calendrier des séances » page: every party reads the
sessions with their signature state; the company side (dossier accepted or running)
generates a plan, adds, moves and deletes sessions, each with the `version` read."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.core.exceptions import PermissionDenied
from ninja import Field, Path, Router, Schema, Status
from pydantic import field_validator

from parcours.api.dossiers import _detail
from parcours.api.schemas import MAX_INT, DossierOut, ErrorOut, Version
from parcours.domain.planning import Region, Rhythm
from parcours.dossiers import perms
from parcours.planning import actions as planning
from parcours.planning import options as plan_options
from parcours.planning import sessions as listing

router = Router(tags=["séances"])
Id = Annotated[int, Path(ge=1, le=MAX_INT)]
SessionId = Annotated[str, Path(min_length=1, max_length=40)]
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
INFEASIBLE = "Aucun calendrier ne respecte toutes les contraintes : voir « reasons »."


class RangeIn(Schema):
    start: dt.date
    end: dt.date | None = Field(None, description="inclus ; vide : un seul jour")


class HalfDayIn(Schema):
    label: Annotated[str, Field(min_length=1, max_length=40)]
    start: dt.time = Field(description="HH:MM")
    end: dt.time = Field(description="HH:MM")


class PlanIn(Schema):
    version: Version
    rhythm: Rhythm = Field(Rhythm.ONE_DAY_A_WEEK, description="le rythme de l'alternance")
    weekdays: list[Annotated[int, Field(ge=0, le=6)]] = Field(
        default_factory=lambda: [0, 1, 2, 3, 4],
        max_length=7,
        description="jours où la formation est possible (0 = lundi … 6 = dimanche)",
    )
    half_days: list[HalfDayIn] | None = Field(
        None, max_length=4, description="défaut : matin 09:00–12:30, après-midi 13:30–17:00"
    )
    max_daily_hours: float = Field(7.0, gt=0, le=7)
    region: Region = Field(Region.METROPOLE, description="pour les jours fériés")
    closures: list[RangeIn] = Field(default_factory=list, max_length=200)
    trainer_unavailability: dict[Annotated[str, Field(max_length=40)], list[RangeIn]] = Field(
        default_factory=dict, description="id du formateur → périodes d'absence"
    )
    start_from: dt.date | None = Field(None, description="planifier à partir de ce jour")


def _clock(value):
    return value.strftime("%H:%M") if value else None


class SessionIn(Schema):
    version: Version
    date: dt.date | None = None
    start_time: dt.time | None = Field(None, description="HH:MM")
    end_time: dt.time | None = Field(None, description="HH:MM")
    hours: float | None = Field(None, description="vide : la durée entre le début et la fin")
    trainer: Annotated[str, Field(max_length=40)] | None = None


class NewSessionIn(SessionIn):
    module: Annotated[str, Field(min_length=1, max_length=40)]
    date: dt.date


class VersionBody(Schema):
    version: Version


class SessionOut(Schema):
    id: str
    module: str
    module_title: str
    date: dt.date
    start_time: str | None
    end_time: str | None
    hours: float
    trainer: str | None
    trainer_name: str
    learner_signed: bool
    trainer_signed: bool
    needs_trainer_signature: bool = Field(description="module interne ou AFEST")
    signed: bool = Field(description="un émargement est enregistré : ni déplaçable ni supprimable")
    state: str = Field(description="l'état de l'émargement, en mots")

    @field_validator("start_time", "end_time", mode="before")
    @classmethod
    def _hhmm(cls, value):
        return _clock(value) if isinstance(value, dt.time) else value


class SessionsOut(Schema):
    version: int
    editable: bool = Field(description="l'appelant peut planifier (entreprise, tiers facilitateur)")
    sessions: list[SessionOut]


def _sessions(user, row) -> dict:
    return {
        "version": row.version,
        "editable": perms.can_plan(user, row),
        "sessions": listing.rows(perms.document_for(user, row)),
    }


@router.get("/{id}/sessions", response={200: SessionsOut, 404: ErrorOut})
def sessions(request, id: Id):
    """The sessions in date order, with the state of their signatures."""
    return _sessions(request.auth, perms.get_dossier_for(request.auth, id))


@router.post("/{id}/plan", response={200: DossierOut, **ERRORS})
def generate(request, id: Id, payload: PlanIn):
    """Generate the calendar (signed sessions kept, the rest planned from today). No plan
    meets the constraints: 422 with the planner's French `reasons`."""
    row = perms.get_dossier_for(request.auth, id)
    if not perms.can_plan(request.auth, row):
        raise PermissionDenied(planning.NOT_ALLOWED)
    trainers = [t["id"] for t in row.content.get("trainers") or []]
    options = plan_options.build(
        rhythm=payload.rhythm,
        weekdays=payload.weekdays,
        half_days=[h.model_dump() for h in payload.half_days] if payload.half_days else None,
        max_daily_hours=payload.max_daily_hours,
        region=payload.region,
        closures=[r.model_dump() for r in payload.closures],
        trainer_unavailability={
            t: [r.model_dump() for r in ranges]
            for t, ranges in payload.trainer_unavailability.items()
        },
        start_from=payload.start_from,
        trainers=trainers,
    )
    try:
        planning.generate_plan(row, request.auth, options, payload.version)
    except planning.Infeasible as exc:
        return Status(422, {"detail": INFEASIBLE, "reasons": exc.reasons})
    return _detail(request.auth, row)


def _given(payload: SessionIn) -> dict:
    return payload.model_dump(exclude={"version"}, exclude_unset=True)


@router.post("/{id}/sessions", response={201: DossierOut, **ERRORS})
def add(request, id: Id, payload: NewSessionIn):
    """Add one session (`module`, `date`, times and/or hours, `trainer`)."""
    row = perms.get_dossier_for(request.auth, id)
    planning.add_session(row, request.auth, _given(payload), payload.version)
    return Status(201, _detail(request.auth, row))


@router.put("/{id}/sessions/{session_id}", response={200: DossierOut, **ERRORS})
def update(request, id: Id, session_id: SessionId, payload: SessionIn):
    """Move or change one session (what is not given is kept). Signed: 422."""
    row = perms.get_dossier_for(request.auth, id)
    planning.update_session(row, request.auth, session_id, _given(payload), payload.version)
    return _detail(request.auth, row)


@router.delete("/{id}/sessions/{session_id}", response={200: DossierOut, **ERRORS})
def delete(request, id: Id, session_id: SessionId, payload: VersionBody):
    """Delete one session nobody has signed (the `version` in the JSON body)."""
    row = perms.get_dossier_for(request.auth, id)
    planning.delete_session(row, request.auth, session_id, payload.version)
    return _detail(request.auth, row)
