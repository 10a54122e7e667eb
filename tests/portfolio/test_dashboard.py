"""The OPCO's dashboard of the experimentation: its figures count what the summary
columns, the transitions and the funding claims say; each line links to the queue with
filters that select exactly the dossiers it counts; exports; constant query count."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from html import unescape
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.cache import cache
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from parcours.dossiers import perms
from parcours.dossiers.enums import EventKind, Status
from parcours.dossiers.models import Dossier, DossierEvent
from parcours.funding.models import FundingClaim, Kind, State
from parcours.portfolio import dashboard as figures
from parcours.portfolio.filters import PortfolioFilterForm, apply_filters
from tests import factories

URL = reverse("web:opco_dashboard")
TZ = timezone.get_current_timezone()


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TZ)


# Each: status, summary columns. Ages, situations, durations and outcomes chosen so that
# every band holds a known number.
ROWS = [
    (Status.SUBMITTED, {"age_band": "lt21", "job_seeker": True, "benefits": "aah,rsa",
                        "duration_months": 6.0, "total_hours": 140.0,
                        "submitted_at": _at(dt.date(2026, 11, 2))}),
    (Status.ACCEPTED, {"age_band": "lt21", "job_seeker": False, "benefits": "rsa",
                       "duration_months": 12.0, "total_hours": 300.0,
                       "submitted_at": _at(dt.date(2026, 10, 1)),
                       "decided_at": _at(dt.date(2026, 10, 11))}),
    (Status.COMPLETED, {"age_band": "26-29", "job_seeker": True, "benefits": "",
                        "duration_months": 12.01, "total_hours": 450.0,
                        "competences_targeted": 10, "competences_acquired": 8,
                        "submitted_at": _at(dt.date(2026, 10, 20)),
                        "decided_at": _at(dt.date(2026, 11, 19))}),
    (Status.TERMINATED, {"age_band": "26-29", "job_seeker": None, "benefits": "ass",
                         "duration_months": 24.0, "total_hours": 600.0,
                         "competences_targeted": 6, "competences_acquired": 3,
                         "submitted_at": _at(dt.date(2026, 10, 3)),
                         "decided_at": _at(dt.date(2026, 10, 5))}),
    (Status.COMPLETED, {"age_band": "45+", "job_seeker": False, "benefits": "cui_exit",
                        "duration_months": 40.0, "total_hours": None,
                        "competences_targeted": 4, "competences_acquired": 4,
                        "submitted_at": _at(dt.date(2025, 3, 3)),
                        "decided_at": _at(dt.date(2025, 3, 13))}),
]  # fmt: skip


@pytest.fixture(autouse=True)
def fresh_cache():
    # The figures are cached by (filters, newest event, newest dossier): ids start again in
    # each test's database, so one test's figures must not be served to the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    return factories.world()


@pytest.fixture
def opco(world):
    return world.users["opco_staff"]


def _make(world, status, columns) -> Dossier:
    row = factories.dossier(world.company, status)
    Dossier.objects.filter(pk=row.pk).update(**columns)
    return row


@pytest.fixture
def rows(world):
    made = [_make(world, status, columns) for status, columns in ROWS]
    # The world's own dossier is a draft: the OPCO never sees it, the figures never count it.
    Dossier.objects.filter(pk=world.dossier.pk).update(age_band="lt21", job_seeker=True)
    return made


def _visible(opco):
    return perms.visible_dossiers(opco)


def _lines(table):
    return {line.label: line for line in table.lines}


def test_learners_by_age_and_situation(rows, opco):
    ages = _lines(figures.table("ages", _visible(opco)))
    assert ages["moins de 21 ans"].values == (2,)
    assert ages["26 à 29 ans"].values == (2,)
    assert ages["45 ans et plus"].values == (1,)
    assert ages["30 à 44 ans"].values == (0,)
    situation = _lines(figures.table("situation", _visible(opco)))
    assert situation["Demandeurs d'emploi"].values == (2,)
    assert situation["Non demandeurs d'emploi"].values == (2,)
    assert situation["Demandeur d'emploi : non renseigné"].values == (1,)
    assert situation["Bénéficiaires : RSA"].values == (2,)  # "aah,rsa" and "rsa"
    assert situation["Bénéficiaires : AAH"].values == (1,)
    assert situation["Bénéficiaires : ASS"].values == (1,)
    assert situation["Sans minimum social"].values == (1,)


def test_durations_put_a_whole_number_of_months_in_the_band_it_ends(rows, opco):
    durations = _lines(figures.table("durees", _visible(opco)))
    assert durations["6 mois ou moins"].values == (1,)
    assert durations["plus de 6 mois à 12 mois"].values == (1,)  # 12.0
    assert durations["plus de 12 mois à 18 mois"].values == (1,)  # 12.01
    assert durations["plus de 18 mois à 24 mois"].values == (1,)
    assert durations["plus de 36 mois"].values == (1,)


def test_hours_sum_average_and_spread(rows, opco):
    total = _lines(figures.table("heures", _visible(opco)))["Total du parcours"]
    assert total.values == (1490.0, 372.5, 140.0, 600.0, 4)
    spread = _lines(figures.table("heures-repartition", _visible(opco)))
    assert spread["moins de 150 h"].values == (1,)
    assert spread["de 300 à moins de 450 h"].values == (1,)
    assert spread["Non renseigné"].values == (1,)


def test_completion_and_rupture_rates(rows, opco):
    outcomes = _lines(figures.table("achevement", _visible(opco)))
    every = outcomes["Tous les contrats terminés ou rompus"]
    assert every.values == (66.7, 33.3, 2, 1)
    assert outcomes["26 à 29 ans"].values == (50.0, 50.0, 1, 1)
    assert outcomes["moins de 21 ans"].values == (None, None, 0, 0)


def test_competences_acquired_against_targeted(rows, opco):
    lines = _lines(figures.table("competences", _visible(opco)))
    assert lines["Terminés"].values == (85.7, 12, 14, 2)
    assert lines["Rompus"].values == (50.0, 3, 6, 1)
    assert lines["Ensemble"].values == (75.0, 15, 20, 3)


def test_time_to_decision_by_month_of_submission(rows, opco):
    lines = _lines(figures.table("delais", _visible(opco)))
    # October: 10, 30 and 2 days; the submitted dossier has no decision yet.
    assert lines["octobre 2026"].values == (10, 14.0, 66.7, 3)
    assert lines["mars 2025"].values == (10, 10.0, 100.0, 1)
    assert lines["Toutes les décisions"].values == (10, 13.0, 75.0, 4)
    assert "novembre 2026" not in lines


def test_states_over_time_from_the_transitions(world, opco):
    row = _make(world, Status.ACCEPTED, {})
    for day, before, after in [
        (dt.date(2026, 9, 30), Status.DRAFT, Status.SUBMITTED),
        (dt.date(2026, 10, 8), Status.SUBMITTED, Status.CHANGES_REQUESTED),
        (dt.date(2026, 10, 9), Status.CHANGES_REQUESTED, Status.SUBMITTED),
        (dt.date(2026, 11, 3), Status.SUBMITTED, Status.ACCEPTED),
    ]:
        event = DossierEvent.objects.create(dossier=row, kind=EventKind.TRANSITION,
                                            from_status=before, to_status=after)  # fmt: skip
        DossierEvent.objects.filter(pk=event.pk).update(at=_at(day))
    table = figures.table("etats-par-mois", _visible(opco))
    columns = table.columns
    months = {line.label: dict(zip(columns[1:], line.values, strict=True)) for line in table.lines}
    assert list(months) == ["septembre 2026", "octobre 2026", "novembre 2026"]
    assert months["septembre 2026"]["Soumis"] == 1
    assert months["octobre 2026"]["Soumis"] == 1
    assert months["octobre 2026"]["Modifications demandées"] == 0
    assert months["novembre 2026"]["Soumis"] == 0 and months["novembre 2026"]["Acceptés"] == 1


def test_funding_due_claimed_and_paid(rows, opco, world):
    first, second = rows[2], rows[3]
    FundingClaim.objects.create(
        dossier=first,
        kind=Kind.FIRST_PAYMENT,
        amount=Decimal("1500"),
        state=State.PAID,
        due_on=dt.date(2026, 9, 1),
    )
    FundingClaim.objects.create(
        dossier=first,
        kind=Kind.FINAL_PAYMENT,
        amount=Decimal("1500"),
        state=State.CLAIMED,
        due_on=dt.date(2026, 11, 1),
    )
    FundingClaim.objects.create(
        dossier=second,
        kind=Kind.FACILITATOR_INVOICE_1,
        amount=Decimal("700.50"),
        state=State.DUE,
        due_on=dt.date(2026, 11, 1),
    )
    # A claim of a dossier the filters leave out is not counted.
    FundingClaim.objects.create(dossier=world.dossier, kind=Kind.FIRST_PAYMENT,
                                amount=Decimal("9999"), state=State.PAID,
                                due_on=dt.date(2026, 9, 1))  # fmt: skip
    lines = _lines(figures.table("financement", _visible(opco)))
    assert lines["Payées"].values == (1500.0, 1500.0, 0, 0, 1)
    assert lines["Demandées"].values == (1500.0, 0, 1500.0, 0, 1)
    assert lines["Dues, à demander"].values == (700.5, 0, 0, 700.5, 1)


def test_the_whole_portfolio_counts_the_same_without_joining(rows, opco, world):
    # Drafts have no transition and no claim: the unfiltered figures read every transition
    # and every claim without joining them to the dossiers, and must count the same.
    DossierEvent.objects.create(
        dossier=rows[1],
        kind=EventKind.TRANSITION,
        from_status=Status.SUBMITTED,
        to_status=Status.ACCEPTED,
    )
    FundingClaim.objects.create(dossier=rows[2], kind=Kind.FIRST_PAYMENT, amount=Decimal(1500),
                                state=State.PAID, due_on=dt.date(2026, 9, 1))  # fmt: skip
    visible = _visible(opco)
    assert figures.tables(visible, whole=True) == figures.tables(visible)


# --- the page -------------------------------------------------------------------------------


def _count_of(line) -> int:
    # The column counting dossiers: the only one in most tables, the last in some.
    return line.values[-1] if len(line.values) > 1 else line.values[0]


def _dossiers_behind(link: str, opco):
    params = QueryDict(urlsplit(link).query)
    form = PortfolioFilterForm(params, user=opco)
    assert form.is_valid(), form.errors
    return apply_filters(_visible(opco), form.cleaned_data)


@pytest.mark.parametrize("query", [
    "", "?age_band=26-29", "?status=completed&status=terminated", "?duration_min=12&benefit=rsa",
    "?submitted_from=2026-10-02",
    "?hours_min=200&benefit=aucun",
])  # fmt: skip
def test_each_line_links_to_the_very_dossiers_it_counts(rows, opco, login, query):
    response = login(opco).get(URL + query)
    assert response.status_code == 200
    checked = 0
    for view in response.context["figures"]:
        table = view["table"]
        if table.key in ("heures", "financement", "etats-par-mois"):
            continue  # sums and amounts, not counts of dossiers
        for row in view["rows"]:
            if not row["link"]:
                continue
            line = row["line"]
            expected = (line.values[2] + line.values[3] if table.key == "achevement"
                        else _count_of(line))  # fmt: skip
            assert _dossiers_behind(row["link"], opco).count() == expected, (table.key, line)
            checked += 1
    assert checked >= 15


def test_the_page_draws_describes_and_tabulates_each_figure(rows, opco, login):
    response = login(opco).get(URL)
    html = unescape(response.content.decode())
    assert "Indicateurs de l'expérimentation" in html
    assert 'aria-labelledby="alt-ages"' in html and 'id="alt-ages"' in html
    assert "Salariés par tranche d'âge. moins de 21 ans : 2" in html
    assert html.count("<table") == len(figures.FIGURES)
    assert 'href="/opco/?status=completed&status=terminated&age_band=26-29"' in html
    assert 'aria-current="page">Indicateurs</a>' in html


def test_filters_narrow_every_figure(rows, opco, login):
    response = login(opco).get(URL + "?age_band=lt21")
    tables = {v["table"].key: v["table"] for v in response.context["figures"]}
    assert _lines(tables["etats"])["Total"].values == (2,)
    assert _lines(tables["situation"])["Bénéficiaires : RSA"].values == (2,)
    assert _lines(tables["achevement"])["Tous les contrats terminés ou rompus"].values[2:] == (0, 0)
    # A line's link keeps the page's filters.
    links = [r["link"] for v in response.context["figures"] if v["table"].key == "durees"
             for r in v["rows"] if r["link"]]  # fmt: skip
    assert all("age_band=lt21" in link for link in links)


def test_a_bad_filter_is_said_in_french_and_left_out(rows, opco, login):
    response = login(opco).get(URL + "?duration_min=abc&age_band=lt21")
    html = response.content.decode()
    assert "Certains filtres sont mal remplis" in html
    tables = {v["table"].key: v["table"] for v in response.context["figures"]}
    assert _lines(tables["etats"])["Total"].values == (2,)  # age_band still applies


def test_others_than_the_opco_are_refused(world, login):
    for role in ("company_admin", "facilitator", "tutor", "learner"):
        assert login(world.users[role]).get(URL).status_code == 403


def test_figures_are_kept_a_minute_then_counted_again_if_a_dossier_changed(
    rows, opco, login, world
):
    client = login(opco)

    def counted():
        response = client.get(URL)
        tables = {v["table"].key: v["table"] for v in response.context["figures"]}
        return _lines(tables["etats"]), response.context["counted_at"]

    assert counted()[0]["Total"].values == (5,)
    assert "Chiffres comptés le 22/11/2026 à 10:" in unescape(client.get(URL).content.decode())
    DossierEvent.objects.create(
        dossier=rows[0],
        kind=EventKind.TRANSITION,
        from_status=Status.SUBMITTED,
        to_status=Status.ACCEPTED,
    )
    Dossier.objects.filter(pk=rows[0].pk).update(status=Status.ACCEPTED)
    assert counted()[0]["Acceptés"].values == (1,)  # within the minute: as counted
    now = timezone.now()
    with time_machine.travel(now + dt.timedelta(seconds=figures.FRESH_SECONDS + 5)):
        client = login(opco)
        lines, first = counted()
        assert lines["Acceptés"].values == (2,)  # a change since: counted again
    with time_machine.travel(now + dt.timedelta(seconds=3 * figures.FRESH_SECONDS)):
        client = login(opco)
        lines, second = counted()
        assert second == first  # nothing changed since: kept, not counted again


# --- exports --------------------------------------------------------------------------------


def _export(key, fmt):
    return reverse("web:opco_dashboard_export", args=[key, fmt])


def test_csv_export_of_one_table(rows, opco, login):
    response = login(opco).get(_export("ages", "csv") + "?status=completed")
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    got = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert got[0] == ["Tranche d'âge", "Salariés"]
    assert ["26 à 29 ans", "1"] in got and ["45 ans et plus", "1"] in got


def test_xlsx_exports_keep_numbers_as_numbers(rows, opco, login):
    client = login(opco)
    book = load_workbook(io.BytesIO(client.get(_export("heures", "xlsx")).content))
    sheet = book["heures"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "Heures de formation, d'AFEST et d'accompagnement"
    assert values[3][:2] == ("Heures", "Somme (h)")[:2] or values[3][:2] == ["Heures", "Somme (h)"]
    total = next(r for r in values if r[0] == "Total du parcours")
    assert total[1] == 1490.0 and isinstance(total[5], int)
    every = load_workbook(
        io.BytesIO(client.get(_export("tout", "xlsx") + "?age_band=lt21").content)
    )
    assert every.sheetnames == [f.key for f in figures.FIGURES]
    assert every["ages"]["A2"].value == "Filtres : Âge du salarié : moins de 21 ans."


@pytest.mark.parametrize("key, fmt", [("inconnu", "csv"), ("ages", "pdf"), ("tout", "csv")])
def test_unknown_exports_are_404(opco, login, key, fmt):
    assert login(opco).get(_export(key, fmt)).status_code == 404


# --- cost -----------------------------------------------------------------------------------


QUERIES = 12  # 11, and one for the lessons learned (parcours.lessons.dashboard)


@pytest.mark.parametrize("extra", [0, 25])
def test_query_count_does_not_grow_with_the_dossiers(world, opco, login, extra,
                                                     django_assert_max_num_queries):  # fmt: skip
    for status, columns in ROWS:
        _make(world, status, columns)
    for i in range(extra):
        _make(world, (Status.SUBMITTED, Status.COMPLETED, Status.RUNNING)[i % 3],
              {"age_band": "30-44", "submitted_at": _at(dt.date(2026, 1 + i % 10, 5)),
               "decided_at": _at(dt.date(2026, 1 + i % 10, 5 + i))})  # fmt: skip
    client = login(opco)
    client.get(URL)  # the session and the account, read once
    cache.clear()
    # Session, account, the filter form's choices (3), the cache's stamp (2), then one scan
    # of the dossiers and one query each for transitions, decisions, claims and lessons.
    with django_assert_max_num_queries(QUERIES):
        assert client.get(URL + "?age_band=30-44&status=completed").status_code == 200
    cache.clear()
    with django_assert_max_num_queries(QUERIES):
        assert client.get(_export("tout", "xlsx")).status_code == 200
    # Again: the figures come from the cache.
    with django_assert_max_num_queries(QUERIES - 5):
        assert client.get(_export("ages", "csv")).status_code == 200
