"""Reviews held, module evaluations and the progress, as on the pages: every party reads the
progress per competence; the tutor or the company side holds a review, the module's trainer,
the tutor or the company side records a module's evaluation (`parcours.reviews.actions`),
each with the `version` read."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied
from ninja import Field, Path, Router, Schema, Status

from parcours.api.dossiers import _detail
from parcours.api.schemas import MAX_INT, DossierOut, ErrorOut, Version
from parcours.domain.dossier import Quality
from parcours.domain.loading import parse_dossier
from parcours.domain.progress import describe, progress
from parcours.dossiers import perms
from parcours.reviews import actions
from parcours.reviews import perms as review_perms

router = Router(tags=["bilans et évaluations"])
Id = Annotated[int, Path(ge=1, le=MAX_INT)]
ReviewId = Annotated[str, Path(min_length=1, max_length=40)]
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
Text = Annotated[str, Field(max_length=2000)]


class ScoreIn(Schema):
    competence: Annotated[str, Field(min_length=1, max_length=40)]
    level: int = Field(description="0 à 4")
    comment: Text | None = None


class ParticipantIn(Schema):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    quality: Quality


class HoldIn(Schema):
    version: Version
    held_date: dt.date
    scores: list[ScoreIn] = Field(max_length=50, description="chaque compétence du référentiel")
    participants: list[ParticipantIn] = Field(max_length=50)
    decision: Literal["continue", "adapt"]
    comment: Text | None = None


class EvaluationIn(Schema):
    version: Version
    module: Annotated[str, Field(min_length=1, max_length=40)]
    date: dt.date
    results: list[ScoreIn] = Field(max_length=50, description="compétences du module seulement")
    evaluator_name: Annotated[str, Field(max_length=200)] | None = Field(
        None, description="qui a évalué, si ce n'est pas l'appelant"
    )


class PointOut(Schema):
    kind: str = Field(description="self | tutor | evaluation | review | final")
    date: dt.date
    level: int
    source: str
    label: str
    comment: str | None
    by: str
    expected: int | None = Field(description="le niveau attendu à cette date")
    appreciation: str | None


class CompetenceProgressOut(Schema):
    id: str
    statement: str
    target: int | None
    start_level: int
    points: list[PointOut]
    text: str = Field(description="la même chose en une phrase (alternative textuelle)")


class ProgressOut(Schema):
    version: int
    competences: list[CompetenceProgressOut]


@router.get("/{id}/progress", response={200: ProgressOut, 404: ErrorOut})
def progress_of(request, id: Id):
    """Per competence: positioning, module evaluations, reviews, final, against the level
    expected at each date."""
    row = perms.get_dossier_for(request.auth, id)
    if not review_perms.can_view_progress(request.auth, row):
        raise PermissionDenied("Vous ne pouvez pas voir la progression de ce dossier.")
    domain = parse_dossier(perms.document_for(request.auth, row))
    return {
        "version": row.version,
        "competences": [
            {
                "id": cp.id, "statement": cp.statement, "target": cp.target,
                "start_level": cp.start_level, "text": describe(cp),
                "points": [
                    {"kind": p.kind.value, "date": p.date, "level": p.level, "source": p.source,
                     "label": p.label, "comment": p.comment, "by": p.by, "expected": p.expected,
                     "appreciation": p.appreciation.text if p.appreciation else None}
                    for p in cp.points
                ],
            }
            for cp in progress(domain)
        ],
    }  # fmt: skip


@router.post("/{id}/reviews/{review_id}/hold", response={200: DossierOut, **ERRORS})
def hold(request, id: Id, review_id: ReviewId, payload: HoldIn):
    """Hold a planned review (again: correct it). Not before its month nor the action's
    start, not in the future: 422 naming `held_date`."""
    row = perms.get_dossier_for(request.auth, id)
    actions.hold_review(
        row, request.auth, review_id, payload.held_date,
        [s.model_dump() for s in payload.scores],
        [p.model_dump(mode="json") for p in payload.participants],
        payload.decision, payload.version, comment=payload.comment,
    )  # fmt: skip
    return _detail(request.auth, row)


@router.post("/{id}/evaluations", response={201: DossierOut, **ERRORS})
def evaluate(request, id: Id, payload: EvaluationIn):
    """Record a module's end-of-module evaluation (same module and day: replaced)."""
    row = perms.get_dossier_for(request.auth, id)
    actions.record_evaluation(
        row, request.auth, payload.module, payload.date,
        [s.model_dump() for s in payload.results], payload.version,
        evaluator_name=payload.evaluator_name,
    )  # fmt: skip
    return Status(201, _detail(request.auth, row))
