"""The company's own texts of the livret d'accueil, as on the livret page: read by every
party of the dossier, written by the company side until the contract runs."""

from typing import Annotated

from ninja import Path, Router, Schema
from pydantic import Field

from parcours.api.schemas import MAX_INT, ErrorOut, Version
from parcours.dossiers import actions, papers, perms

router = Router(tags=["livret d'accueil"])
Id = Annotated[int, Path(ge=1, le=MAX_INT)]


class LivretSectionOut(Schema):
    title: str
    text: str
    own: bool = Field(description="texte propre à l'entreprise (sinon : texte par défaut)")


class LivretOut(Schema):
    version: int
    editable: bool
    sections: list[LivretSectionOut]


class LivretIn(Schema):
    version: Version
    sections: dict[str, str] = Field(
        description="titre → texte de l'entreprise ; une section absente garde le texte "
        "par défaut, une section inconnue s'ajoute à la fin"
    )


def _livret(user, row) -> dict:
    defaults = papers.livret_defaults(papers.domain_for(user, row))
    stored = row.livret_sections or {}
    titles = papers.livret_titles(defaults, stored)
    return {
        "version": row.version,
        "editable": perms.can_edit_livret(user, row),
        "sections": [
            {"title": t, "text": stored.get(t, defaults.get(t, "")), "own": t in stored}
            for t in titles
        ],
    }


@router.get("/{id}/livret", response={200: LivretOut, 404: ErrorOut})
def livret(request, id: Id):
    """Every section of the livret d'accueil, with the text the paper will print."""
    return _livret(request.auth, perms.get_dossier_for(request.auth, id))


@router.put(
    "/{id}/livret",
    response={200: LivretOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
def update_livret(request, id: Id, payload: LivretIn):
    """Replace the company's texts (`version`: the one read; someone saved since: 409)."""
    row = perms.get_dossier_for(request.auth, id)
    actions.update_livret(row, request.auth, payload.sections, payload.version)
    return _livret(request.auth, row)
