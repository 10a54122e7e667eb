"""What the API reads and returns. Text fields refuse the NUL character, which PostgreSQL
cannot store."""

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, Field

MAX_INT = 2**31 - 1


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("contient un caractère nul interdit")
    return value


Text = Annotated[str, AfterValidator(_no_nul), Field(max_length=10_000)]
Version = Annotated[
    int,
    Field(
        ge=1,
        le=MAX_INT,
        description=(
            "la version du dossier lue : refus (409) seulement si la même partie a changé depuis"
        ),
    ),
]


class ErrorOut(Schema):
    detail: str
    errors: list[dict[str, str]] = []
    reasons: list[str] = []
    current_version: int | None = None


class DossierSummary(Schema):
    id: int
    reference: str
    status: str
    version: int
    company_id: int
    title: str
    updated_at: dt.datetime


class DossierOut(DossierSummary):
    facilitator_id: int | None
    agreement_number: str
    agreement_date: dt.date | None
    created_at: dt.datetime
    tutor_id: int | None = Field(description="le compte du tuteur nommé sur le contrat")
    learner_id: int | None = Field(description="le compte du salarié apprenant")
    trainer_ids: list[int] = Field(description="les comptes des formateurs internes")
    trainer_accounts: dict[str, int] = Field(
        description='quel compte est quel formateur du document ({"F1": id du compte}) : '
        "il signe les lignes formateur des séances de ce formateur"
    )
    editable_sections: list[str]
    transitions: list[str]
    document: dict[str, Any]
    notes: list[str] = Field(
        default_factory=list,
        description="à l'import : ce qui a été repris des organisations (OPCO, raison "
        "sociale) ou retiré (n° de dossier OPCO, attribué par l'OPCO)",
    )


class CreateIn(Schema):
    company_id: Annotated[int, Field(ge=1, le=MAX_INT)] | None = Field(
        None, description="par défaut : l'entreprise de l'utilisateur"
    )
    document: dict[str, Any] = Field(
        default_factory=dict,
        description="sections du format parcours-dossier/1 (au moins learner et contract)",
    )


class PeopleIn(Schema):
    version: Version
    tutor_id: Annotated[int, Field(ge=1, le=MAX_INT)] | None = None
    learner_id: Annotated[int, Field(ge=1, le=MAX_INT)] | None = None
    trainer_ids: list[Annotated[int, Field(ge=1, le=MAX_INT)]] = Field(
        default_factory=list, max_length=50
    )
    trainer_accounts: (
        dict[Annotated[str, Field(max_length=40)], Annotated[int, Field(ge=1, le=MAX_INT)] | None]
        | None
    ) = Field(
        None,
        max_length=50,
        description="formateur du document → compte formateur (absent : inchangé)",
    )


class SectionIn(Schema):
    version: Version
    data: Any = Field(description="la section entière, au format parcours-dossier/1")


class VersionIn(Schema):
    version: Version


class AcceptIn(VersionIn):
    agreement_number: Text
    agreement_date: dt.date
    reference: Text = Field("", description="le numéro de dossier OPCO (en tête des documents)")


class RequestChangesIn(VersionIn):
    comments: dict[Text, Text] = Field(description="section → ce qu'il faut changer")


class RefuseIn(VersionIn):
    reason: Text


class TerminateIn(VersionIn):
    date: dt.date
    reason: Text
    opco_informed_on: dt.date | None = None


class JustificationIn(Schema):
    rule: Annotated[str, Field(max_length=20)]
    path: Annotated[Text, Field(max_length=200)]
    text: Text


class JustificationOut(Schema):
    rule: str
    path: str
    text: str
    at: dt.datetime


class EventOut(Schema):
    at: dt.datetime
    actor: str
    kind: str
    from_status: str
    to_status: str
    section: str
    changes: list[dict[str, Any]]
    comment: str
    version: int | None


class PaperInstanceOut(Schema):
    index: int = Field(description="à passer en `index` (ou la clé `key`)")
    key: str | None
    label: str
    ready: bool
    reason: str = Field(description="pourquoi ce fichier n'est pas prêt (vide s'il l'est)")


class PaperOut(Schema):
    name: str
    title: str
    formats: list[str]
    ready: bool
    reason: str
    instances: list[PaperInstanceOut]


class SignedDocumentOut(Schema):
    id: int
    kind: str = Field(description="cerfa_12434 ou convention")
    version: int = Field(description="1 pour le premier dépôt de ce type, puis 2, 3…")
    current: bool = Field(description="la version la plus récente de ce type")
    original_name: str
    content_type: str
    size: int
    sha256: str
    signed_on: dt.date
    signed_by: list[str]
    uploaded_by: str
    uploaded_at: dt.datetime
