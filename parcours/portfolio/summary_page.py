"""The context of the OPCO's one-page summary of a dossier (« Synthèse »).

Every section condensed (`parcours.domain.condensed`), the engine's findings and the
company's justifications beside the section each is about, and what changed since the
previous submission (`parcours.domain.resubmission`), rolled back from the history's saves.
A fixed number of queries whatever the number of events, modules or findings: the events
since the previous submission come in one query, the deposited papers in another.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from parcours.accounts.enums import Role
from parcours.domain.condensed import Block, condense
from parcours.domain.params import DEFAULT_PARAMETERS
from parcours.domain.resubmission import (
    BLOCK_OF,
    TITLES,
    Resubmission,
    compare_submissions,
    head,
    rewind,
)
from parcours.dossiers import perms
from parcours.dossiers.enums import EventKind, SignedKind, Status
from parcours.dossiers.models import SectionComment
from parcours.web.views.common import Page, role_label

# The OPCO decides within this many days (C. trav. D6325-2), as the deadline column counts.
DECISION_DAYS = DEFAULT_PARAMETERS.opco_decision_days


@dataclass
class Section:
    """One block of the page with the findings about it and the OPCO's request, if any."""

    block: Block
    findings: list = field(default_factory=list)  # (finding, justification or None)
    changed: int = 0  # changes since the previous submission
    request: str = ""  # what the OPCO asked to change in it at its last request

    @property
    def bloquant(self) -> int:
        return sum(1 for f, _ in self.findings if f.severity == "bloquant")

    @property
    def alerte(self) -> int:
        return sum(1 for f, _ in self.findings if f.severity == "alerte")


def _submissions(row) -> list[tuple[int, dt.datetime]]:
    """(pk, at) of the events that sent the dossier to the OPCO, oldest first."""
    return list(
        row.events.filter(kind=EventKind.TRANSITION, to_status=Status.SUBMITTED)
        .order_by("pk")
        .values_list("pk", "at")
    )


def _deposit(change: dict, at, papers: list[dict]) -> dict:
    """A deposit's pseudo-change for `rewind`: the kind's entry it replaced. Deposits record
    it (`before`); older ones recorded None, and the previous file of that kind stands for
    it (none for the first one)."""
    kind = (change.get("after") or {}).get("kind")
    if change.get("before") is not None:
        return {"document_kind": kind, "before": change["before"]}
    earlier = [p for p in papers if p["kind"] == kind and p["at"] <= at]
    previous = earlier[-2] if len(earlier) >= 2 else None
    before = None
    if previous is not None:
        before = {
            "kind": kind,
            "date": previous["signed_on"].isoformat(),
            "signed_by": previous["signed_by"],
        }
    return {"document_kind": kind, "before": before}


def _saves_since(row, after_pk: int, papers: list[dict]) -> list[tuple[int, list[dict]]]:
    """(event pk, changes) of every save since the event `after_pk`, oldest first; the
    attendance's events change no section of the document and are left in the database."""
    rows = (
        row.events.filter(pk__gt=after_pk, kind__in=(EventKind.EDIT, EventKind.UPLOAD))
        .exclude(section__in=("attendance", "people", "livret"))
        .order_by("pk")
        .values_list("pk", "kind", "at", "changes")
    )
    saves = []
    for pk, kind, at, changes in rows:
        if kind == EventKind.UPLOAD:
            changes = [_deposit(c, at, papers) for c in changes or []]
        saves.append((pk, changes or []))
    return saves


def resubmission(row, document: dict, show_benefits: bool, papers: list[dict], submitted=None):
    """(Resubmission, the OPCO's requests per block at its last change request).
    `submitted`: `_submissions(row)` when the caller has it already."""
    submitted = _submissions(row) if submitted is None else submitted
    if len(submitted) < 2:
        return Resubmission(len(submitted)), {}
    previous, latest = submitted[-2][0], submitted[-1][0]
    saves = _saves_since(row, previous, papers)
    now_sent = rewind(document, [c for pk, c in saves if pk > latest])
    before = rewind(now_sent, [c for pk, c in saves if pk < latest])
    sections = compare_submissions(before, now_sent, show_benefits=show_benefits)
    requests: dict[str, list[str]] = {}
    asked = SectionComment.objects.filter(
        dossier=row, event_id__gt=previous, event_id__lt=latest
    ).values_list("section", "text")
    for section, text in asked:
        requests.setdefault(BLOCK_OF.get(section, section), []).append(text)
    return Resubmission(len(submitted), sections), requests


def _papers(row) -> list[dict]:
    """The deposited signed papers, oldest first (one query)."""
    return list(
        row.signed_documents.order_by("at", "pk").values(
            "kind", "version", "signed_on", "signed_by", "at"
        )
    )


def _files(papers: list[dict]) -> dict[str, str]:
    newest = {}
    for p in papers:
        newest[p["kind"]] = p
    return {
        kind: f"fichier déposé le {timezone.localtime(p['at']):%d/%m/%Y} (version {p['version']})"
        for kind, p in newest.items()
    } | {k: "aucun fichier déposé" for k in SignedKind.values if k not in newest}


def _deadline(row, sent_on: dt.date | None) -> dt.date | None:
    """The decision's due date while the dossier waits for it (the summary column, else
    worked out from the last submission for rows written before the columns)."""
    if row.status != Status.SUBMITTED:
        return None
    if row.decision_deadline is not None:
        return row.decision_deadline
    return sent_on + dt.timedelta(days=DECISION_DAYS) if sent_on else None


def build(page: Page) -> dict:
    """The summary page's context."""
    row, user = page.row, page.user
    show_benefits = perms.can_see_benefits(user, row)
    if user.role == Role.OPCO_STAFF:
        # The OPCO reads the whole document (benefits and money): the one read is enough.
        page.__dict__["document"] = page.full_document
    papers = _papers(row)
    figures = page.report.figures
    blocks = condense(figures.dossier, figures, show_benefits=show_benefits, files=_files(papers))
    sections = {b.key: Section(b) for b in blocks}
    justified = {(j.rule, j.path): j for j in row.justifications.select_related("author")}
    others = []
    for f in page.index.findings:
        entry = (f, justified.get((f.rule, f.path)) if f.severity == "alerte" else None)
        key = BLOCK_OF.get(head(f.path))
        (sections[key].findings if key in sections else others).append(entry)
    submitted = _submissions(row)
    sent_on = timezone.localdate(submitted[-1][1]) if submitted else None
    changes, requests = resubmission(row, page.full_document, show_benefits, papers, submitted)
    for s in changes.sections:
        if s.key in sections:  # not the figures, said apart
            sections[s.key].changed = s.count
    for key, texts in requests.items():
        if key in sections:
            sections[key].request = " ".join(texts)
    today = timezone.localdate()
    deadline = _deadline(row, sent_on)
    waiting = (today - sent_on).days if row.status == Status.SUBMITTED and sent_on else None
    return {
        "row": row,
        "doc": page.document,
        "status_label": Status(row.status).label,
        "role_label": role_label(user),
        "sections": list(sections.values()),
        "others": others,
        "changes": changes,
        "requests": requests,
        "changed_keys": {s.key for s in changes.sections},
        "section_titles": TITLES,
        "deadline": deadline,
        "late": deadline is not None and deadline < today,
        "sent_on": sent_on,
        "waiting_days": waiting,
        "bloquant": sum(s.bloquant for s in sections.values())
        + sum(1 for f, _ in others if f.severity == "bloquant"),
        "alerte": sum(s.alerte for s in sections.values())
        + sum(1 for f, _ in others if f.severity == "alerte"),
        "nav": "queue",
    }
