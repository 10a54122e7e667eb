"""Dossiers: list, detail, create, import, export, section edits, transitions, history, the
papers the dossier produces (PDF/DOCX)."""

from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from ninja import Body, Path, Query, Router, Status

from parcours.accounts.models import User
from parcours.api.schemas import (
    MAX_INT,
    AcceptIn,
    CreateIn,
    DossierOut,
    DossierSummary,
    ErrorOut,
    EventOut,
    JustificationIn,
    JustificationOut,
    PaperOut,
    PeopleIn,
    RefuseIn,
    RequestChangesIn,
    SectionIn,
    TerminateIn,
    VersionIn,
)
from parcours.dossiers import actions, lifecycle, papers, perms
from parcours.dossiers.convert import SECTIONS
from parcours.dossiers.errors import FieldError, InvalidDossier
from parcours.dossiers.models import Dossier

router = Router(tags=["dossiers"])
Id = Annotated[int, Path(ge=1, le=MAX_INT)]
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _summary(row: Dossier) -> dict:
    return {
        "id": row.pk,
        "reference": row.reference,
        "status": row.status,
        "version": row.version,
        "company_id": row.company_id,
        "title": str(row),
        "updated_at": row.updated_at,
    }


def _detail(user, row: Dossier) -> dict:
    return _summary(row) | {
        "facilitator_id": row.facilitator_id,
        "agreement_number": row.agreement_number,
        "agreement_date": row.agreement_date,
        "created_at": row.created_at,
        "tutor_id": row.tutor_id,
        "learner_id": row.learner_id,
        "trainer_ids": sorted(row.trainers.values_list("pk", flat=True)),
        "trainer_accounts": row.trainer_accounts or {},
        "editable_sections": sorted(perms.editable_sections(user, row)),
        "transitions": [t.name for t in perms.allowed_transitions(user, row)],
        "document": perms.document_for(user, row),
    }


def _company(user, company_id: int | None):
    companies = perms.creatable_companies(user)
    company = companies.filter(pk=company_id).first() if company_id else None
    if company is None and company_id is None and companies.count() == 1:
        company = companies.get()
    if company is None:
        raise PermissionDenied("Vous ne pouvez pas créer de dossier pour cette entreprise.")
    return company


@router.get("", response=list[DossierSummary])
def list_dossiers(request):
    """The dossiers the caller may see."""
    rows = perms.visible_dossiers(request.auth).select_related("company")
    return [_summary(row) for row in rows]


@router.post("", response={201: DossierOut, **ERRORS})
def create(request, payload: CreateIn):
    """A new draft; the OPCO, company and facilitator blocks come from the organisations."""
    company = _company(request.auth, payload.company_id)
    row = actions.create_dossier(request.auth, company, payload.document)
    return Status(201, _detail(request.auth, row))


@router.post("/import", response={201: DossierOut, **ERRORS})
def import_document(
    request,
    document: dict[str, Any] = Body(...),  # noqa: B008
    company_id: Annotated[int, Query(ge=1, le=MAX_INT)] | None = None,
):
    """A new draft from a whole `parcours-dossier/1` document (its company SIRET must be
    the target company's). The OPCO block and the company's name are taken from the
    organisations, an OPCO dossier number is dropped: `notes` says what was."""
    company = _company(request.auth, company_id)
    row = actions.import_dossier(request.auth, company, document)
    return Status(201, _detail(request.auth, row) | {"notes": row.import_notes})


@router.get("/{id}", response={200: DossierOut, 404: ErrorOut})
def detail(request, id: Id):
    """The dossier, its document (without the learner's benefits unless the caller may see
    them), the sections the caller may edit and the transitions they may make."""
    return _detail(request.auth, perms.get_dossier_for(request.auth, id))


@router.get("/{id}/export", response={200: dict[str, Any], 404: ErrorOut})
def export(request, id: Id):
    """The `parcours-dossier/1` document alone, ready to import elsewhere."""
    return perms.document_for(request.auth, perms.get_dossier_for(request.auth, id))


@router.get("/{id}/report", response={200: dict[str, Any], 404: ErrorOut})
def report(request, id: Id):
    """The checker's report on the stored dossier, at its current state (ELIG-01, which
    turns on the learner's benefits, only for those who may see them)."""
    row = perms.get_dossier_for(request.auth, id)
    return perms.report_for(request.auth, row, lifecycle.report_at(row)).as_dict()


@router.put("/{id}/sections/{section}", response={200: DossierOut, **ERRORS})
def update_section(request, id: Id, section: str, payload: SectionIn):
    """Replace one section; `version` is the dossier's version you read. When others saved
    since, the save is merged if they changed other sections only; 409 (with
    `current_version` and, in words, what they changed) if they changed this one or the
    dossier's state. Send `current_version` to write over their change."""
    row = perms.get_dossier_for(request.auth, id)
    if section not in SECTIONS:
        raise PermissionDenied(f"Section inconnue : {', '.join(SECTIONS)}.")
    actions.update_section(row, request.auth, section, payload.data, payload.version)
    return _detail(request.auth, row)


# The fields of PeopleIn, by the names actions.assign_people gives its errors.
PEOPLE_FIELDS = {"tutor": "tutor_id", "learner": "learner_id", "trainers": "trainer_ids"}


def _accounts(company, ids: dict[str, int | None]) -> dict[str, User | None]:
    """The company's accounts behind the ids, by path. An id that is not one of them is
    « compte inconnu », whether it exists elsewhere or not: other companies' accounts are
    not for callers to probe."""
    members = User.objects.filter(organisation=company)
    found = members.in_bulk([i for i in ids.values() if i is not None])
    unknown = [
        FieldError(path, "compte inconnu") for path, i in ids.items() if i and i not in found
    ]
    if unknown:
        raise InvalidDossier(unknown)
    return {path: found.get(i) for path, i in ids.items()}


@router.put("/{id}/people", response={200: DossierOut, **ERRORS})
def assign_people(request, id: Id, payload: PeopleIn):
    """Name the accounts of the contract (tutor, learner, trainers: accounts of the company
    with that role); they then see the dossier. `trainer_accounts` says which trainer
    account is which trainer of the document (`{"F1": id}`): it signs that trainer's
    sessions only (absent: the mapping is kept). `version`: the one read."""
    row = perms.get_dossier_for(request.auth, id)
    trainer_ids = list(dict.fromkeys(payload.trainer_ids))
    mapping = payload.trainer_accounts
    people = _accounts(
        row.company,
        {"tutor_id": payload.tutor_id, "learner_id": payload.learner_id}
        | {f"trainer_ids[{n}]": i for n, i in enumerate(trainer_ids)}
        | {f"trainer_accounts.{k}": i for k, i in (mapping or {}).items()},
    )
    try:
        actions.assign_people(
            row,
            request.auth,
            payload.version,
            tutor=people["tutor_id"],
            learner=people["learner_id"],
            trainers=[people[f"trainer_ids[{n}]"] for n in range(len(trainer_ids))],
            trainer_accounts=None
            if mapping is None
            else {k: people[f"trainer_accounts.{k}"] for k in mapping},
        )
    except InvalidDossier as exc:
        raise InvalidDossier(
            [FieldError(_people_path(e.path), e.message) for e in exc.errors]
        ) from None
    return _detail(request.auth, row)


def _people_path(path: str) -> str:
    head, bracket, rest = path.partition("[")
    return PEOPLE_FIELDS.get(head, head) + bracket + rest


@router.get("/{id}/history", response={200: list[EventOut], 404: ErrorOut})
def history(request, id: Id):
    """Who changed what, when (newest first)."""
    row = perms.get_dossier_for(request.auth, id)
    return [
        {
            "at": e.at,
            "actor": str(e.actor or ""),
            "kind": e.kind,
            "from_status": e.from_status,
            "to_status": e.to_status,
            "section": e.section,
            "changes": perms.event_changes_for(request.auth, row, e),
            "comment": e.comment,
            "version": e.version,
        }
        for e in perms.events_for(request.auth, row)
    ]


@router.post("/{id}/justifications", response={201: JustificationOut, **ERRORS})
def justify(request, id: Id, payload: JustificationIn):
    """Justify one `alerte` (its rule and path, from the report)."""
    row = perms.get_dossier_for(request.auth, id)
    return Status(
        201, actions.justify_alert(row, request.auth, payload.rule, payload.path, payload.text)
    )


def _transition(request, id: int, action, *args) -> dict:
    row = perms.get_dossier_for(request.auth, id)
    action(row, request.auth, *args)
    return _detail(request.auth, row)


@router.post("/{id}/submit", response={200: DossierOut, **ERRORS})
def submit(request, id: Id, payload: VersionIn):
    """Send to the OPCO (no bloquant finding, every alerte justified)."""
    return _transition(request, id, actions.submit_dossier, payload.version)


@router.post("/{id}/accept", response={200: DossierOut, **ERRORS})
def accept(request, id: Id, payload: AcceptIn):
    """OPCO: accord de prise en charge."""
    return _transition(
        request,
        id,
        actions.accept_dossier,
        payload.version,
        payload.agreement_number,
        payload.agreement_date,
        payload.reference,
    )


@router.post("/{id}/request-changes", response={200: DossierOut, **ERRORS})
def request_changes(request, id: Id, payload: RequestChangesIn):
    """OPCO: send back with one comment per section."""
    return _transition(request, id, actions.request_changes, payload.version, payload.comments)


@router.post("/{id}/refuse", response={200: DossierOut, **ERRORS})
def refuse(request, id: Id, payload: RefuseIn):
    """OPCO: refuse, with the reason."""
    return _transition(request, id, actions.refuse_dossier, payload.version, payload.reason)


@router.post("/{id}/start", response={200: DossierOut, **ERRORS})
def start(request, id: Id, payload: VersionIn):
    """The accepted contract begins."""
    return _transition(request, id, actions.start_contract, payload.version)


@router.post("/{id}/complete", response={200: DossierOut, **ERRORS})
def complete(request, id: Id, payload: VersionIn):
    """The contract ends normally (closing rules must not block)."""
    return _transition(request, id, actions.complete_contract, payload.version)


@router.post("/{id}/terminate", response={200: DossierOut, **ERRORS})
def terminate(request, id: Id, payload: TerminateIn):
    """Record an early termination (rupture)."""
    return _transition(
        request,
        id,
        actions.terminate_contract,
        payload.version,
        payload.date,
        payload.reason,
        payload.opco_informed_on,
    )


@router.get("/{id}/documents", response={200: list[PaperOut], 404: ErrorOut})
def documents(request, id: Id):
    """The papers the caller may download (convention, référentiel, livret, émargement…):
    formats, readiness, and why a paper is not ready yet; multi-file papers list their
    files (`instances`), each fetched with its `index`."""
    row = perms.get_dossier_for(request.auth, id)
    return papers.listing(request.auth, row)


PAPER_FILE = {
    "description": "le fichier",
    "content": {t: {"schema": {"type": "string", "format": "binary"}}
                for t in papers.CONTENT_TYPES.values()},
}  # fmt: skip


@router.get(
    "/{id}/documents/{name}",
    response={403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    openapi_extra={"responses": {200: PAPER_FILE}},
)
def document_file(
    request,
    id: Id,
    name: Annotated[str, Path(max_length=40)],
    format: Literal["pdf", "docx"] = "pdf",  # noqa: A002 - the query parameter's name
    index: Annotated[str, Query(max_length=60)] | None = None,
):
    """One paper as a file. `index`: which file of a multi-file paper (its position or key,
    from the list). Not ready yet: 409 with the French reason; unknown paper, format or
    file: 404; funding papers are for the company, the facilitator and the OPCO (403)."""
    row = perms.get_dossier_for(request.auth, id)
    try:
        produced = papers.produce(request.auth, row, name, format, index)
    except papers.UnknownDocument as exc:
        raise Http404(str(exc)) from None
    except papers.DocumentNotReady as exc:
        return Status(409, {"detail": exc.reason})
    response = HttpResponse(produced.content, content_type=produced.content_type)
    response["Content-Disposition"] = content_disposition_header(True, produced.filename)
    return response
