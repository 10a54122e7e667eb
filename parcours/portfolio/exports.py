"""Exports of the OPCO's filtered list, exactly the dossiers the queue shows with the same
filters and in the same order: a CSV for Excel in French (« ; » between columns, a
byte-order mark so that Excel reads UTF-8, decimal commas, dates as 27/11/2026) and an XLSX
(numbers as numbers, dates as dates).

Both read the summary columns with `.values_list()` by chunks of 2,000 rows and write as
they read: the memory stays flat whatever the number of dossiers. The CSV is streamed to
the browser as it is written; the XLSX (a zip file, which can only be closed at the end) is
written by openpyxl's write-only mode to a temporary file, then streamed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.db.models.functions import TruncDate

from parcours.domain.summary import AGE_BAND_LABELS
from parcours.dossiers.enums import Status
from parcours.portfolio.filters import BENEFIT_LABELS
from parcours.portfolio.queue import parse_sort

CHUNK = 2000
STATUS_LABELS = dict(Status.choices)


def _yes_no(value):
    return "" if value is None else ("oui" if value else "non")


def _benefits(value: str) -> str:
    return ", ".join(BENEFIT_LABELS.get(code, code) for code in (value or "").split(",") if code)


def _name(first, last):
    return f"{first or ''} {last or ''}".strip()


def _day(column: str) -> TruncDate:
    """A moment's day in the project's time zone, computed by the database."""
    return TruncDate(column)


@dataclass(frozen=True)
class Column:
    header: str
    lookups: tuple  # names or expressions for `.values_list()`
    show: Callable | None = None  # the value as written (None: as read)


COLUMNS = (
    Column("N° de dossier OPCO", ("reference",)),
    Column("N° d'accord", ("agreement_number",)),
    Column("État", ("status",), lambda v: STATUS_LABELS.get(v, v)),
    Column("Salarié", ("learner_name",)),
    Column("Âge au début du contrat", ("learner_age",)),
    Column("Tranche d'âge", ("age_band",), lambda v: AGE_BAND_LABELS.get(v, "")),
    Column("Demandeur d'emploi", ("job_seeker",), _yes_no),
    Column("Minimums sociaux", ("benefits",), _benefits),
    Column("Entreprise", ("company_name",)),
    Column("SIRET", ("company__siret",)),
    Column("Tiers facilitateur", ("facilitator__name",), lambda v: v or ""),
    Column("Début du contrat", ("start_date",)),
    Column("Fin du contrat", ("end_date",)),
    Column("Durée (mois)", ("duration_months",)),
    Column("Heures de formation", ("training_hours",)),
    Column("Heures d'AFEST", ("afest_hours",)),
    Column("Heures d'accompagnement", ("support_hours",)),
    Column("Heures au total", ("total_hours",)),
    Column("Part de formation (%)", ("training_share",)),
    Column("Points bloquants", ("bloquant_count",)),
    Column("Alertes", ("alerte_count",)),
    Column("Compétences visées", ("competences_targeted",)),
    Column("Compétences acquises", ("competences_acquired",)),
    Column("Première soumission", (_day("first_submitted_at"),)),
    Column("Dernière soumission", (_day("submitted_at"),)),
    Column("Décision attendue avant le", ("decision_deadline",)),
    Column("Décision le", (_day("decided_at"),)),
    Column("Suivi par", ("assigned_to__first_name", "assigned_to__last_name"), _name),
)
HEADERS = [c.header for c in COLUMNS]
LOOKUPS = [lookup for c in COLUMNS for lookup in c.lookups]


def ordered(qs: QuerySet, sort: str | None) -> QuerySet:
    """The queue's order (empty values last, then the id), without its pagination."""
    sort_, desc = parse_sort(sort)
    column = F(sort_.column)
    first = column.desc(nulls_last=True) if desc else column.asc(nulls_last=True)
    return qs.order_by(first, "-pk" if desc else "pk")


def rows(qs: QuerySet, sort: str | None = None) -> Iterator[list]:
    """Each dossier of `qs` as the export's values (Python dates and numbers), read by
    chunks."""
    # Where each column's values sit in a row read, and how it is shown (precomputed: this
    # loop runs for every cell of a 100,000-row export).
    plan, i = [], 0
    for column in COLUMNS:
        n = len(column.lookups)
        plan.append((i, n, column.show))
        i += n
    for values in ordered(qs, sort).values_list(*LOOKUPS).iterator(chunk_size=CHUNK):
        yield [values[i] if show is None else show(*values[i : i + n]) for i, n, show in plan]


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        # Excel in French reads « 12,5 »; whole numbers without « ,0 ».
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return str(value)


LINES_PER_CHUNK = 500


def csv_lines(qs: QuerySet, sort: str | None = None) -> Iterator[str]:
    """The CSV by pieces of 500 lines (one piece per line would cost more in the server's
    plumbing than in writing the line)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(HEADERS)
    for n, values in enumerate(rows(qs, sort), 1):
        writer.writerow([_csv_text(v) for v in values])
        if n % LINES_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_file(qs: QuerySet, sort: str | None = None):
    """The workbook in a temporary file (positioned at its start; deleted when closed)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Dossiers")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for values in rows(qs, sort):
        line = []
        for value in values:
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "DD/MM/YYYY"
                line.append(cell)
            else:
                line.append(value)
        sheet.append(line)
    # Returned open: the response streams it, then closes (and so deletes) it.
    out = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    book.save(out)
    out.seek(0)
    return out
