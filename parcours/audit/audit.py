"""The audit: every stored dossier re-checked by the rules engine, its findings as lines of a
CSV file an OPCO opens in a spreadsheet.

One range of dossier ids is audited by `audit_range`, in a process of this machine
(`parcours.audit.runner`) or in a task of the queue on any machine (`parcours.audit.tasks`):
the rows are read by keyset in batches (their claims and facilitator's logs prefetched), each
turned into its document by `parcours.dossiers.convert.document` (the one conversion place:
attendance records, history and tutor load included, as every page reads it; the records
prefetched per batch) and judged by
`parcours.domain.rules.engine.check`. A stored document the
model refuses becomes a "FORMAT" line, never a crash.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError
from django.db.models import Max, Min, Prefetch, QuerySet
from django.utils import timezone

from parcours.attendance.models import Signature
from parcours.attendance.records import RECORD_COLUMNS
from parcours.cli import STAGE_LABELS
from parcours.domain.loading import InvalidDossier, parse_dossier
from parcours.domain.rules.base import CATALOGUE, Severity
from parcours.domain.rules.engine import Report, check
from parcours.domain.summary import display_name
from parcours.domain.wording import where
from parcours.dossiers import convert, tutor_load
from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier

logger = logging.getLogger(__name__)

HEADER = (
    "dossier", "n° de dossier OPCO", "entreprise", "salarié", "état", "règle", "gravité",
    "message", "concerne", "étape",
)  # fmt: skip
# French spreadsheets split on semicolons (the comma is their decimal mark).
DELIMITER = ";"
FORMAT_RULE = "FORMAT"
FAILED_RULE = "ERREUR"
# Rows read per query (and three queries for their attendance records, claims and logs).
BATCH = 500
# Dossier ids per range: the unit of work of a process or a task.
RANGE, MIN_RANGE = 2000, 50
# Errors of an unreadable document named in its line; the others are counted.
SHOWN_ERRORS = 3


@dataclass(frozen=True)
class Options:
    """What to audit: at which date, which states, which dossiers changed since when."""

    as_of: dt.date
    statuses: tuple[str, ...] = ()
    since: dt.date | None = None
    refresh_summaries: bool = False


@dataclass
class Tally:
    """What a range found: dossiers checked, findings by (rule, severity), dossiers flagged,
    and where the time went (seconds by step)."""

    checked: int = 0
    unreadable: int = 0
    failed: int = 0
    with_bloquant: int = 0
    with_alerte: int = 0
    findings: Counter = field(default_factory=Counter)
    seconds: Counter = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        self.checked += other.checked
        self.unreadable += other.unreadable
        self.failed += other.failed
        self.with_bloquant += other.with_bloquant
        self.with_alerte += other.with_alerte
        self.findings.update(other.findings)
        self.seconds.update(other.seconds)

    def as_json(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "unreadable": self.unreadable,
            "failed": self.failed,
            "with_bloquant": self.with_bloquant,
            "with_alerte": self.with_alerte,
            "findings": [[rule, severity, n] for (rule, severity), n in self.findings.items()],
            "seconds": dict(self.seconds),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Tally:
        return cls(
            checked=data.get("checked", 0),
            unreadable=data.get("unreadable", 0),
            failed=data.get("failed", 0),
            with_bloquant=data.get("with_bloquant", 0),
            with_alerte=data.get("with_alerte", 0),
            findings=Counter({(r, s): n for r, s, n in data.get("findings", [])}),
            seconds=Counter(data.get("seconds", {})),
        )


@dataclass
class ChunkResult:
    """One range's lines of the CSV (no header, in dossier order) and its tally."""

    csv: str
    tally: Tally


def rows(options: Options) -> QuerySet:
    """The dossiers the options select, every state by default."""
    found = Dossier.objects.all()
    if options.statuses:
        found = found.filter(status__in=options.statuses)
    if options.since:
        start = dt.datetime.combine(options.since, dt.time.min)
        found = found.filter(updated_at__gte=timezone.make_aware(start))
    return found


def pk_ranges(options: Options, width: int | None = None, parts: int = 1) -> list[tuple[int, int]]:
    """The ranges of ids [first, last] that cover the selected dossiers, `width` ids each
    (by default: enough ranges for `parts` of them at least, RANGE ids at most each). Two
    queries' worth of arithmetic, not a read of every id: a range holds fewer dossiers where
    ids have gaps."""
    bounds = rows(options).aggregate(low=Min("pk"), high=Max("pk"))
    low, high = bounds["low"], bounds["high"]
    if low is None:
        return []
    if width is None:
        width = max(MIN_RANGE, min(RANGE, -(-(high - low + 1) // parts)))
    return [(start, min(start + width - 1, high)) for start in range(low, high + 1, width)]


def audit_range(first: int, last: int, options: Options) -> ChunkResult:
    """Check the selected dossiers whose id is in [first, last]: their CSV lines and tally."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER)
    tally = Tally()
    # Whole rows: `convert.document` reads columns besides the content (history dates,
    # tutor, company), and a deferred one would cost a query per row.
    signatures = Prefetch("signatures", Signature.objects.only("dossier", *RECORD_COLUMNS))
    selected = (
        rows(options)
        .filter(pk__lte=last)
        .order_by("pk")
        .prefetch_related(signatures, "claims", "facilitator_logs")
    )
    if options.refresh_summaries:
        # The summary names the company as its organisation is named now.
        selected = selected.select_related("company")
    after = first - 1
    while True:
        start = time.perf_counter()
        batch = list(selected.filter(pk__gt=after)[:BATCH])
        if not batch:
            break
        tutor_load.prefetch(batch)  # TUT-05's other contracts: one query per batch
        tally.seconds["read"] += time.perf_counter() - start
        refreshed = []
        for row in batch:
            read = audit_row(row, options.as_of, writer, tally)
            if read is not None and options.refresh_summaries:
                refreshed.append((row, *read))
        if refreshed:
            start = time.perf_counter()
            refresh_summaries(refreshed)
            tally.seconds["summaries"] += time.perf_counter() - start
        after = batch[-1].pk
        if len(batch) < BATCH:
            break
    return ChunkResult(out.getvalue(), tally)


def audit_row(row: Dossier, as_of: dt.date, writer, tally: Tally) -> tuple[dict, Report] | None:
    """Write the row's findings to `writer` and count them; returns the document read and
    its report (None when it could not be read or checked)."""
    tally.checked += 1
    ident = identity(row)
    clock = time.perf_counter()
    try:
        document = convert.document(row)
        mark = time.perf_counter()
        tally.seconds["build"] += mark - clock
        dossier = parse_dossier(document)
        clock, mark = mark, time.perf_counter()
        tally.seconds["parse"] += mark - clock
    except InvalidDossier as exc:
        unreadable(ident, format_message(exc, row.content), writer, tally)
        return None
    except DatabaseError:
        raise  # the database, not the dossier: the audit stops and says so
    except Exception:
        # A content that is not even an object (written by hand in the database…): the
        # audit says so for this dossier and goes on with the others.
        logger.exception("dossier %s : contenu illisible", row.pk)
        unreadable(ident, "le contenu enregistré n'est pas un dossier lisible", writer, tally)
        return None
    try:
        report = check(dossier, as_of=as_of)
    except Exception:
        logger.exception("dossier %s : la vérification a échoué", row.pk)
        tally.failed += 1
        tally.findings[(FAILED_RULE, Severity.BLOQUANT.value)] += 1
        message = "la vérification de ce dossier a échoué (erreur du programme, à signaler)"
        writer.writerow([*ident, FAILED_RULE, Severity.BLOQUANT.value, message, "le dossier", ""])
        return None
    clock, mark = mark, time.perf_counter()
    tally.seconds["check"] += mark - clock
    severities = set()
    for finding in report.findings:
        severity = finding.severity.value
        severities.add(severity)
        tally.findings[(finding.rule, severity)] += 1
        writer.writerow(
            [
                *ident,
                finding.rule,
                severity,
                finding.message,
                where(finding.path, document),
                STAGE_LABELS[CATALOGUE[finding.rule].stage.value],
            ]
        )
    tally.with_bloquant += Severity.BLOQUANT.value in severities
    tally.with_alerte += Severity.ALERTE.value in severities
    tally.seconds["write"] += time.perf_counter() - mark
    return document, report


def unreadable(ident: list, message: str, writer, tally: Tally) -> None:
    tally.unreadable += 1
    tally.findings[(FORMAT_RULE, Severity.BLOQUANT.value)] += 1
    writer.writerow([*ident, FORMAT_RULE, Severity.BLOQUANT.value, message, "le dossier", ""])


def identity(row: Dossier) -> list:
    """The first columns of the row's lines: id, OPCO reference, company, learner
    ("NOM Prénom"), state; read defensively, the content may be anything."""
    content = row.content if isinstance(row.content, dict) else {}
    company = content.get("company") if isinstance(content.get("company"), dict) else {}
    learner = content.get("learner") if isinstance(content.get("learner"), dict) else {}
    first, last = str(learner.get("first_name") or ""), str(learner.get("last_name") or "")
    try:
        state = Status(row.status).label
    except ValueError:
        state = row.status
    return [
        row.pk,
        row.reference,
        str(company.get("name") or ""),
        display_name(first, last),
        state,
    ]


def format_message(exc: InvalidDossier, content: Any) -> str:
    """Why a stored document is refused, each bad field named in words."""
    document = content if isinstance(content, dict) else None
    said = []
    for error in exc.errors[:SHOWN_ERRORS]:
        try:
            place = where(error.path, document)
        except Exception:  # a path the wording does not know: name the dossier
            place = "le dossier"
        said.append(f"{place} : {error.message}")
    more = len(exc.errors) - SHOWN_ERRORS
    tail = f" (et {more} autre(s) erreur(s))" if more > 0 else ""
    return "dossier enregistré illisible, " + " ; ".join(said) + tail


def refresh_summaries(read: list[tuple[Dossier, dict, Report]]) -> None:
    """Write the summary columns the documents give (`parcours.dossiers.summary`) from the
    documents and reports just read, one bulk update per batch: after a change of the
    rules or their parameters, the lists count the findings of today's rules. The columns
    of the history (submission and decision dates) are left as they are."""
    from parcours.dossiers.summary import CONTENT_COLUMNS, summary_fields

    for row, document, report in read:
        fields = summary_fields(document, row.status, report=report, company_name=row.company.name)
        for column, value in fields.items():
            setattr(row, column, value)
    Dossier.objects.bulk_update([row for row, _, _ in read], CONTENT_COLUMNS)
