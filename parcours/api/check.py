from typing import Any

from ninja import Body, Router

from parcours.api.schemas import ErrorOut
from parcours.domain.loading import parse_dossier
from parcours.domain.rules import check

router = Router(tags=["contrôle"])


@router.post("/check", response={200: dict[str, Any], 422: ErrorOut})
def check_dossier(request, document: dict[str, Any] = Body(...)):  # noqa: B008
    """The checker's report (FORMAT.md) on a `parcours-dossier/1` document; nothing is
    stored. An invalid document: 422 with one French message per bad field."""
    return check(parse_dossier(document)).as_dict()
