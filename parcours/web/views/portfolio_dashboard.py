"""The OPCO's dashboard of the experimentation (issue 9): the figures of
`parcours.portfolio.dashboard` under the queue's filters, each drawn (SVG), described in
words and given as a table whose lines link to the queue with the filters that select the
dossiers behind them; every table exports as CSV or Excel."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from parcours.accounts.enums import Role
from parcours.domain import charts, text
from parcours.domain.dashboard import Line, Table
from parcours.domain.dashboard_charts import chart_svg
from parcours.dossiers import perms
from parcours.portfolio import dashboard as figures
from parcours.portfolio.dashboard import STATES
from parcours.portfolio.filters import PortfolioFilterForm, apply_filters
from parcours.web.views.common import role_label

FORMATS = {"csv", "xlsx"}
ALL = "tout"  # the export of every table, one sheet each (Excel only)
UNIT_WORDS = {"h": "h", "%": "%", "€": "€", "j": "jours"}


def _opco_only(user):
    if user.role != Role.OPCO_STAFF:
        raise PermissionDenied("Réservé aux conseillers OPCO.")


def _filtered(request):
    """The form of the queue's filters bound to the request, and the dossiers it selects
    among those the user sees. A field in error is left out (the page says so)."""
    form = PortfolioFilterForm(request.GET or None, user=request.user)
    dossiers = perms.visible_dossiers(request.user)
    if form.is_bound:
        form.is_valid()
        dossiers = apply_filters(dossiers, form.cleaned_data)
    return form, dossiers


def _page_params(request, form) -> list[tuple[str, str]]:
    """The request's filter parameters that the form accepted, as (name, value) pairs."""
    if not form.is_bound:
        return []
    return [
        (name, value)
        for name in form.fields
        if name not in form.errors
        for value in request.GET.getlist(name)
        if value != ""
    ]


def _narrowed(name: str, have: list[str], want: list[str]) -> list[str]:
    """Both the page and a line filter on `name`: the values that satisfy both (the line
    counts dossiers inside the page's filters)."""
    if name.endswith(("_min", "_max", "_from", "_to")):
        pick = max if name.endswith(("_min", "_from")) else min
        try:
            return [pick(have[0], want[0], key=float if name.endswith(("_min", "_max")) else str)]
        except (ValueError, IndexError):
            return []
    return [v for v in want if v in have]


def _ranges_hold(merged: dict[str, list[str]]) -> bool:
    for low, high, kind in (("duration_min", "duration_max", float),
                            ("hours_min", "hours_max", float),
                            ("start_from", "start_to", str),
                            ("submitted_from", "submitted_to", str)):  # fmt: skip
        if merged.get(low) and merged.get(high):
            try:
                if kind(merged[low][0]) > kind(merged[high][0]):
                    return False
            except ValueError:
                return False
    return True


def _queue_link(page: list[tuple[str, str]], line: Line) -> str:
    """The queue's URL listing the dossiers behind `line`: the page's filters narrowed by the
    line's own; "" when the queue has no filter saying it, or when both cannot hold (the
    line counts nothing)."""
    if line.filters is None:
        return ""
    if any(name not in PortfolioFilterForm.base_fields for name, _ in line.filters):
        return ""
    merged: dict[str, list[str]] = {}
    for name, value in page:
        merged.setdefault(name, []).append(value)
    own: dict[str, list[str]] = {}
    for name, value in line.filters:
        own.setdefault(name, []).append(value)
    for name, values in own.items():
        merged[name] = _narrowed(name, merged[name], values) if name in merged else values
        if not merged[name]:
            return ""
    if not _ranges_hold(merged):
        return ""
    params = [(n, v) for n, values in merged.items() for v in values]
    if not params:
        # Without any parameter the queue shows only the dossiers waiting for a decision.
        params = [("status", s) for s in STATES]
    return reverse("web:opco_queue") + "?" + urlencode(params)


def _cell(value, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "€":
        return text.euros(value)
    number = text.number(value, 1) if isinstance(value, float) else text.number(value, 0)
    return f"{number}\u00a0{UNIT_WORDS[unit]}" if unit else number


def _view(table: Table, page) -> dict:
    units = table.units or ("",) * (len(table.columns) - 1)
    svg = chart_svg(table)
    return {
        "table": table,
        "svg": mark_safe(charts.inline_svg(svg, labelled_by=f"alt-{table.key}")) if svg else "",  # noqa: S308 (our own SVG, text escaped by matplotlib)
        "rows": [
            {
                "line": line,
                "link": _queue_link(page, line),
                "cells": list(
                    zip(
                        table.columns[1:],
                        [_cell(v, u) for v, u in zip(line.values, units, strict=True)],
                        strict=True,
                    )
                ),
            }  # fmt: skip
            for line in table.lines
        ],
    }


def _key_figures(tables: dict[str, Table]) -> list[tuple[str, str]]:
    states, outcome = tables["etats"].lines, tables["achevement"].lines[-1]
    delays, money = tables["delais"].lines[-1], tables["financement"].lines
    paid = next(line for line in money if line.label == "Payées")
    return [
        ("Dossiers", _cell(states[-1].values[0], "")),
        ("En cours", _cell(next(ln for ln in states if ln.label == "En cours").values[0], "")),
        ("Taux d'achèvement", _cell(outcome.values[0], "%")),
        ("Délai médian de décision", _cell(delays.values[0], "j")),
        ("Payé", _cell(paid.values[0], "€")),
    ]


def _filters_key(request, page) -> str:
    # « Suivi par : moi » selects by the account asking: it is part of what is counted.
    mine = f"|{request.user.pk}" if ("assigned_to", "moi") in page else ""
    return urlencode(sorted(page)) + mine


@login_required
@require_GET
def dashboard(request):
    _opco_only(request.user)
    form, dossiers = _filtered(request)
    page = _page_params(request, form)
    counted = figures.cached_tables(dossiers, _filters_key(request, page), whole=not page)
    computed = counted.tables
    by_key = {t.key: t for t in computed}
    query = urlencode(page)
    return render(request, "web/portfolio/dashboard.html", {
        "form": form,
        "filtered": bool(page),
        "figures": [_view(t, page) for t in computed],
        "key_figures": _key_figures(by_key),
        "counted_at": timezone.localtime(counted.at),
        "query": f"?{query}" if query else "",
        "queue_url": _queue_link(page, Line("", (), ())),
        "nav": "opco_dashboard",
        "role_label": role_label(request.user),
    })  # fmt: skip


# --- exports ----------------------------------------------------------------------------------


def _headers(table: Table) -> list[str]:
    units = table.units or ("",) * (len(table.columns) - 1)
    return [table.columns[0]] + [
        f"{c} ({UNIT_WORDS[u]})" if u else c for c, u in zip(table.columns[1:], units, strict=True)
    ]


def _csv_number(value) -> str:
    # Excel in French reads a decimal comma; no thousands separator (it would be text).
    if value is None:
        return ""
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


def _csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(_headers(table))
    for line in table.lines:
        writer.writerow([line.label, *map(_csv_number, line.values)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _sheet_name(table: Table) -> str:
    return table.key[:31]


def _xlsx(tables: list[Table], filters: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table))
        sheet.column_dimensions["A"].width = 42
        for letter in "BCDEFGHI":
            sheet.column_dimensions[letter].width = 18
        title = WriteOnlyCell(sheet, table.title)
        title.font = Font(bold=True, size=12)
        sheet.append([title])
        sheet.append([filters])
        sheet.append([])
        header = []
        for name in _headers(table):
            cell = WriteOnlyCell(sheet, name)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for line in table.lines:
            sheet.append([line.label, *line.values])
        if table.note:
            sheet.append([])
            sheet.append([table.note])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _filters_said(form, page) -> str:
    if not page:
        return "Tous les dossiers (sans filtre)."
    said = []
    for name in dict(page):
        bf = form[name]
        values = [v for n, v in page if n == name]
        choices = {str(k): label for k, label in getattr(bf.field, "choices", None) or []}
        shown = ", ".join(str(choices.get(v, v)) for v in values)
        said.append(f"{bf.label} : {shown}")
    return "Filtres : " + " ; ".join(said) + "."


@login_required
@require_GET
def export(request, key, fmt):
    _opco_only(request.user)
    if (
        fmt not in FORMATS
        or (key != ALL and key not in figures.BY_KEY)
        or (key == ALL and fmt != "xlsx")
    ):
        raise Http404("Cet export n'existe pas.")
    form, dossiers = _filtered(request)
    page = _page_params(request, form)
    today = timezone.localdate()
    # The page's figures, usually still in the cache when one of its tables is exported.
    filters_key = _filters_key(request, page)
    computed = figures.cached_tables(dossiers, filters_key, today, whole=not page).tables
    chosen = computed if key == ALL else [t for t in computed if t.key == key]
    name = f"tableau-de-bord-{key}-{today.isoformat()}"
    if fmt == "csv":
        response = HttpResponse(_csv(chosen[0]), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            _xlsx(chosen, _filters_said(form, page)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
