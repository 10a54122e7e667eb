"""GET /api/opco/dossiers: the queue's filters and keyset pages for the OPCO's programs."""

from __future__ import annotations

import pytest

from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from tests import factories
from tests.portfolio.queue_rows import clones, moment

pytestmark = pytest.mark.django_db


def _get(client, user, **params):
    token = factories.token_for(user)
    return client.get("/api/opco/dossiers", params, HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def rows(world):
    Dossier.objects.filter(pk=world.dossier.pk).delete()
    return clones(
        world,
        7,
        status=lambda i: Status.SUBMITTED if i < 5 else Status.RUNNING,
        submitted_at=lambda i: moment(10 - i),
        benefits=lambda i: "aah,rsa" if i == 0 else "",
    )


def test_pages_follow_each_other_without_gap_or_overlap(client, world, rows):
    opco = world.users["opco_staff"]
    first = _get(client, opco, status="submitted", limit=3).json()
    assert first["sort"] == "submitted" and first["previous"] is None
    second = _get(client, opco, status="submitted", limit=3, after=first["next"]).json()
    ids = [i["id"] for i in first["items"] + second["items"]]
    assert ids == [r.pk for r in sorted(rows[:5], key=lambda r: r.submitted_at)]
    assert second["next"] is None and second["previous"]


def test_without_filter_every_dossier_the_opco_sees(client, world, rows):
    Dossier.objects.filter(pk=rows[6].pk).update(status=Status.DRAFT)
    items = _get(client, world.users["opco_staff"]).json()["items"]
    assert {i["id"] for i in items} == {r.pk for r in rows[:6]}


def test_an_item_carries_the_summary(client, world, rows):
    item = _get(client, world.users["opco_staff"], sort="-submitted").json()["items"][0]
    assert item["id"] == rows[0].pk
    assert item["benefits"] == ["aah", "rsa"]
    assert item["learner_name"] == "EXEMPLE Nadia"


def test_a_bad_filter_is_a_422_naming_the_field(client, world, rows):
    response = _get(client, world.users["opco_staff"], age_band="centenaire")
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["path"] == "age_band" and "centenaire" in error["message"]


@pytest.mark.parametrize("role", ["company_admin", "facilitator", "tutor", "trainer", "learner"])
def test_the_other_roles_are_refused(client, world, rows, role):
    response = _get(client, world.users[role])
    assert response.status_code == 403
    assert response.json()["detail"] == "Réservé aux conseillers OPCO."
