"""Guide step 4, as on the « Formation des tuteurs et formateurs » page: the trainings
proposed to the tutor and each trainer (with the reason), those planned, the working time
set aside. Read by every party of the dossier; written by the company side, each write with
the `version` read (`parcours.staff_training.actions`)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.utils import timezone
from ninja import Field, Path, Router, Schema

from parcours.api.schemas import MAX_INT, ErrorOut, Text, Version
from parcours.domain import staff_training as st
from parcours.domain.dossier import StaffCourse
from parcours.domain.loading import parse_dossier
from parcours.dossiers import perms
from parcours.staff_training import actions
from parcours.staff_training import perms as st_perms

router = Router(tags=["formation des tuteurs et formateurs"])
Id = Annotated[int, Path(ge=1, le=MAX_INT)]
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
Person = Annotated[
    str, Field(min_length=1, max_length=40, description="« tuteur » ou l'id du formateur")
]


class TrainingOut(Schema):
    person: str
    course: StaffCourse
    title: str
    hours: int
    planned_on: dt.date | None
    provider: str | None
    done_on: dt.date | None
    overdue: bool = Field(description="date prévue passée, formation pas indiquée suivie")


class ProposalOut(Schema):
    person: str
    course: StaffCourse
    title: str
    hours: int
    reason: str
    recommended: bool = Field(description="faux : « pour aller plus loin »")
    planned: bool


class PersonOut(Schema):
    person: str
    name: str
    role: str
    hours_per_month: float | None = Field(description="temps dégagé pour la mission")


class StaffTrainingOut(Schema):
    version: int
    editable: bool
    people: list[PersonOut]
    proposals: list[ProposalOut]
    trainings: list[TrainingOut]


class TrainingIn(Schema):
    version: Version
    person: Person
    course: StaffCourse
    planned_on: dt.date | None = None
    provider: Annotated[Text, Field(max_length=st.PROVIDER_MAX)] = ""
    done_on: dt.date | None = Field(None, description="date de fin de la formation suivie")


class RemoveIn(Schema):
    version: Version
    person: Person
    course: StaffCourse


class TimeIn(Schema):
    version: Version
    person: Person
    hours_per_month: Annotated[float, Field(ge=0, le=st.HOURS_PER_MONTH_MAX)] | None = Field(
        None, description="heures par mois ; null : retiré"
    )


def _out(user, row) -> dict:
    domain = parse_dossier(perms.document_for(user, row))
    today = timezone.localdate()
    times = st.time_set_aside(domain)
    return {
        "version": row.version,
        "editable": st_perms.can_edit(user, row),
        "people": [
            {
                "person": p.id,
                "name": p.name,
                "role": p.role,
                "hours_per_month": times[p.id].hours_per_month if p.id in times else None,
            }
            for p in st.people(domain)
        ],
        "proposals": [
            {
                "person": p.person.id,
                "course": p.course.code,
                "title": p.course.title,
                "hours": p.course.hours,
                "reason": p.reason,
                "recommended": p.recommended,
                "planned": p.planned is not None,
            }
            for p in st.proposals(domain)
        ],
        "trainings": [
            {
                **e.model_dump(),
                "title": st.COURSES[e.course].title,
                "hours": st.COURSES[e.course].hours,
                "overdue": st.is_overdue(e, today),
            }
            for e in st.entries(domain)
        ],
    }


@router.get("/{id}/staff-training", response={200: StaffTrainingOut, 404: ErrorOut})
def staff_training(request, id: Id):
    """The tutor and trainers, the trainings proposed (and why), planned, time set aside."""
    return _out(request.auth, perms.get_dossier_for(request.auth, id))


@router.post("/{id}/staff-training/trainings", response={200: StaffTrainingOut, **ERRORS})
def plan_training(request, id: Id, payload: TrainingIn):
    """Company side: plan one training of one person, or change it (one per person and
    training): date, organisme, done on (not in the future)."""
    row = perms.get_dossier_for(request.auth, id)
    actions.plan_training(
        row,
        request.auth,
        payload.version,
        person=payload.person,
        course=payload.course,
        planned_on=payload.planned_on,
        provider=payload.provider,
        done_on=payload.done_on,
    )
    return _out(request.auth, row)


@router.post("/{id}/staff-training/trainings/remove", response={200: StaffTrainingOut, **ERRORS})
def remove_training(request, id: Id, payload: RemoveIn):
    row = perms.get_dossier_for(request.auth, id)
    actions.remove_training(
        row, request.auth, payload.version, person=payload.person, course=payload.course
    )
    return _out(request.auth, row)


@router.post("/{id}/staff-training/time", response={200: StaffTrainingOut, **ERRORS})
def set_time(request, id: Id, payload: TimeIn):
    """Company side: the hours a month set aside for the person's mission (null: removed)."""
    row = perms.get_dossier_for(request.auth, id)
    actions.set_time(
        row, request.auth, payload.version, person=payload.person,
        hours_per_month=payload.hours_per_month,
    )  # fmt: skip
    return _out(request.auth, row)
