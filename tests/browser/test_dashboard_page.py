"""The OPCO's « Indicateurs » page in a browser, at 1280 px and 390 px: axe-clean, no
horizontal scroll on a phone, every chart named by its text alternative; a filter applied
from the form narrows the figures, and a table line leads to the queue listing the dossiers
it counts. Screenshots kept in the notes (/work/notes/shots/portfolio-dashboard-*.png)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from parcours.dossiers.enums import EventKind, Status
from parcours.dossiers.models import DossierEvent
from parcours.funding.models import FundingClaim, Kind, State
from tests import factories
from tests.browser.test_closing_pages import checked
from tests.browser.test_full_journey import log_in
from tests.portfolio.test_dashboard import ROWS, _at, _make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _history(row, steps):
    for day, before, after in steps:
        event = DossierEvent.objects.create(dossier=row, kind=EventKind.TRANSITION,
                                            from_status=before, to_status=after)  # fmt: skip
        DossierEvent.objects.filter(pk=event.pk).update(at=_at(day))


def test_the_dashboard_reads_well_and_leads_to_the_dossiers(live_server, browser_page):
    cache.clear()  # figures are cached by ids, which start again in this database
    world = factories.world()
    rows = [_make(world, status, columns) for status, columns in ROWS]
    D = dt.date
    _history(rows[0], [(D(2026, 11, 2), Status.DRAFT, Status.SUBMITTED)])
    _history(rows[1], [(D(2026, 10, 1), Status.DRAFT, Status.SUBMITTED),
                       (D(2026, 10, 11), Status.SUBMITTED, Status.ACCEPTED)])  # fmt: skip
    _history(rows[2], [(D(2026, 6, 20), Status.DRAFT, Status.SUBMITTED),
                       (D(2026, 7, 1), Status.SUBMITTED, Status.ACCEPTED),
                       (D(2026, 7, 15), Status.ACCEPTED, Status.RUNNING),
                       (D(2026, 11, 19), Status.RUNNING, Status.COMPLETED)])  # fmt: skip
    _history(rows[3], [(D(2026, 8, 3), Status.DRAFT, Status.SUBMITTED),
                       (D(2026, 8, 5), Status.SUBMITTED, Status.ACCEPTED),
                       (D(2026, 9, 1), Status.ACCEPTED, Status.RUNNING),
                       (D(2026, 10, 28), Status.RUNNING, Status.TERMINATED)])  # fmt: skip
    FundingClaim.objects.create(
        dossier=rows[2],
        kind=Kind.FIRST_PAYMENT,
        amount=Decimal(1500),
        state=State.PAID,
        due_on=D(2026, 9, 1),
    )
    FundingClaim.objects.create(dossier=rows[2], kind=Kind.FINAL_PAYMENT, amount=Decimal(1500),
                                state=State.CLAIMED, due_on=D(2026, 11, 20))  # fmt: skip
    page, base = browser_page, live_server.url
    log_in(page, base, world.users["opco_staff"].username)
    page.get_by_role("link", name="Indicateurs").click()
    expect(page.get_by_role("heading", name="Indicateurs de l'expérimentation")).to_be_visible()
    charts = page.locator("svg[role=img]")
    assert charts.count() >= 8
    for i in range(charts.count()):
        alt_id = charts.nth(i).get_attribute("aria-labelledby")
        assert page.locator(f"#{alt_id}").inner_text().strip()
    checked(page, "portfolio-dashboard")

    # A filter from the form narrows every figure.
    page.get_by_text("Plus de filtres").click()
    page.get_by_label("Âge du salarié").select_option("26-29")
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page.locator("#etats")).to_contain_text("Total")
    expect(page.locator("#etats .dash-total td")).to_have_text("2")

    # A line leads to the queue listing the dossiers it counts.
    page.locator("#achevement").get_by_role("link", name="26 à 29 ans").click()
    expect(page.get_by_role("heading", name="File d'instruction")).to_be_visible()
    assert "age_band=26-29" in page.url and "status=terminated" in page.url
    expect(page.locator("table tbody tr")).to_have_count(2)
