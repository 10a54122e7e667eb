"""What every dossier page shares: the row, its document, its report and the steps."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from parcours.accounts.enums import Role
from parcours.domain.dossier import Dossier as DomainDossier
from parcours.domain.dossier import Status as DomainStatus
from parcours.domain.loading import InvalidDossier, parse_dossier
from parcours.domain.rules import Report, check
from parcours.dossiers import convert, perms
from parcours.dossiers.enums import Status
from parcours.dossiers.errors import FieldError
from parcours.dossiers.models import Dossier
from parcours.web.findings import STEPS, FindingIndex
from parcours.web.reader import for_reader

DESIGN_STATES = (Status.DRAFT, Status.CHANGES_REQUESTED)


def role_label(user) -> str:
    return Role(user.role).label if getattr(user, "role", "") else ""


def report_of(document: dict, status: str) -> Report:
    """The findings as the submission will see them: a draft is checked at the submission
    stage, so that what will block the sending shows while the dossier is written."""
    dossier: DomainDossier = parse_dossier(document)
    if status in DESIGN_STATES:
        dossier = dossier.model_copy(update={"status": DomainStatus.SUBMITTED})
    return check(dossier)


@dataclass
class Page:
    """One dossier as one user sees it."""

    request: object
    row: Dossier

    @property
    def user(self):
        return self.request.user

    @cached_property
    def document(self) -> dict:
        return perms.document_for(self.user, self.row)

    @cached_property
    def full_document(self) -> dict:
        return convert.document(self.row)

    @cached_property
    def report(self) -> Report:
        return perms.report_for(self.user, self.row, report_of(self.full_document, self.row.status))

    @cached_property
    def index(self) -> FindingIndex:
        return FindingIndex(for_reader(self.report.findings, self.user, self.document))

    @cached_property
    def editable(self) -> frozenset[str]:
        return perms.editable_sections(self.user, self.row)

    def can_edit(self, *sections: str) -> bool:
        return any(s in self.editable for s in sections)

    def steps(self, index: FindingIndex | None = None) -> list[dict]:
        index = index or self.index
        return [
            {
                "slug": slug,
                "title": title,
                "bloquant": index.count(slug, "bloquant"),
                "alerte": index.count(slug, "alerte"),
            }
            for slug, title, _ in STEPS
        ]

    def context(self, current: str | None = None, index: FindingIndex | None = None, **extra):
        return {
            "row": self.row,
            "doc": self.document,
            "status_label": Status(self.row.status).label,
            "steps": self.steps(index),
            "current_step": current,
            "index": index or self.index,
            "figures": self.report.figures,
            "transitions": perms.allowed_transitions(self.user, self.row),
            "can_see_benefits": perms.can_see_benefits(self.user, self.row),
            "role_label": role_label(self.user),
            "section_comments": self.section_comments(),
            **extra,
        }

    def section_comments(self) -> list:
        if self.row.status != Status.CHANGES_REQUESTED:
            return []
        return list(self.row.section_comments.all()[:20])


def candidate_index(page: Page, sections: dict) -> tuple[FindingIndex, list]:
    """The findings the dossier would have with `sections` replaced, as the page's user may
    read them; when the candidate is not a valid document, its field errors instead."""
    data = {**page.full_document, **sections}
    try:
        report = report_of(data, page.row.status)
        findings = perms.report_for(page.user, page.row, report).findings
        return FindingIndex(for_reader(findings, page.user, page.document)), []
    except InvalidDossier as exc:
        return FindingIndex([]), exc.errors


BAD_VERSION = "version du dossier absente ou illisible : rechargez la page avant d'enregistrer"


def posted_version(request) -> int:
    """The dossier version the form was built from (hidden `version` field). Missing or not
    a number: `InvalidDossier` naming `version`, which every form view shows as a 400."""
    raw = (request.POST.get("version") or "").strip()
    if not raw.isdigit() or not 1 <= int(raw) <= 2**31 - 1:
        raise InvalidDossier([FieldError("version", BAD_VERSION)])
    return int(raw)


def convert_document(row: Dossier) -> dict:
    return convert.document(row)
