"""The queue, its exports, the API list and every role's home list cost the same number of
SQL queries with 3 dossiers as with 30 (one bound for both sizes): nothing is read row by
row. The dossiers are running ones (the states where every role has something to do)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from parcours.portfolio.models import InstructorNote
from tests import factories
from tests.portfolio.queue_rows import clones, moment

pytestmark = pytest.mark.django_db
SIZES = (3, 30)


@pytest.fixture(params=SIZES, ids=lambda n: f"{n}-dossiers")
def many(request, world):
    Dossier.objects.filter(pk=world.dossier.pk).update(status=Status.RUNNING)
    n = request.param
    half = n // 2
    clones(world, half, status=Status.RUNNING)
    rows = clones(
        world, n - half - 1, status=Status.SUBMITTED, submitted_at=lambda i: moment(1 + i)
    )
    Dossier.objects.filter(pk__in=[r.pk for r in rows[::2]]).update(
        assigned_to=world.users["opco_staff"]
    )
    for row in rows:
        InstructorNote.objects.create(dossier=row, author=world.users["opco_staff"], text="n")
    assert Dossier.objects.count() == n
    factories.add_sessions(world.dossier)
    return world


QUEUE_PARAMS = [
    {},
    {"q": "exemple", "status": ["submitted", "running"], "sort": "-assigned"},
    {"assigned_to": "moi", "bloquant_min": "0", "age_band": "21-25", "sort": "deadline"},
]


@pytest.mark.parametrize("params", QUEUE_PARAMS)
def test_the_queue(login, many, django_assert_max_num_queries, params):
    client = login(many.users["opco_staff"])
    # The unfiltered page adds its other to-do: the newest history event (its cache key),
    # then, when not cached yet, the ruptures to acknowledge (at most 30 dossiers).
    with django_assert_max_num_queries(11):
        response = client.get(reverse("web:opco_queue"), params)
    assert response.status_code == 200


def test_the_queue_s_second_page(login, many, django_assert_max_num_queries):
    from parcours.portfolio.queue import page_of

    first = page_of(Dossier.objects.exclude(status="draft"), "learner", size=2)
    client = login(many.users["opco_staff"])
    with django_assert_max_num_queries(10):
        response = client.get(
            reverse("web:opco_queue"), {"q": "", "sort": "learner", "after": first.next_cursor}
        )
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["web:opco_export_csv", "web:opco_export_xlsx"])
def test_the_exports(login, many, django_assert_max_num_queries, name):
    client = login(many.users["opco_staff"])
    with django_assert_max_num_queries(5):
        response = client.get(reverse(name), {"q": ""})
        body = b"".join(response.streaming_content)
    assert body


def test_the_api_list(many, client, django_assert_max_num_queries):
    token = factories.token_for(many.users["opco_staff"])
    with django_assert_max_num_queries(6):
        response = client.get(
            "/api/opco/dossiers", {"limit": 2}, HTTP_AUTHORIZATION=f"Bearer {token}"
        )
    assert response.status_code == 200


def test_the_review_page_with_its_notes(login, many, django_assert_max_num_queries):
    row = Dossier.objects.filter(status=Status.SUBMITTED).first() or many.dossier
    client = login(many.users["opco_staff"])
    with django_assert_max_num_queries(22):
        response = client.get(reverse("web:opco_review", args=[row.pk]))
    assert response.status_code == 200


# The learner's and the trainer's home also read « Mes prochaines séances » from the sheets
# of at most 5 live contracts (lists.HOME_ROWS): more, but still bounded.
HOME_BOUNDS = {"company_admin": 9, "facilitator": 9, "tutor": 8, "trainer": 39, "learner": 39}


@pytest.mark.parametrize("role", list(HOME_BOUNDS))
def test_every_role_s_home_list(login, many, django_assert_max_num_queries, role):
    client = login(many.users[role])
    with django_assert_max_num_queries(HOME_BOUNDS[role]):
        response = client.get(reverse("web:dashboard"))
    assert response.status_code == 200
