"""Keyset pages (`parcours.portfolio.queue`): every sort in both directions gives the order
Python's sort gives (empty values last), walking pages forward and back covers every row
once, ties on the sort value included, and a cursor that does not read starts over."""

from __future__ import annotations

import datetime as dt

import pytest

from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from parcours.portfolio.queue import SORTS, decode_cursor, encode_cursor, page_of
from tests.portfolio.queue_rows import clones, moment

pytestmark = pytest.mark.django_db

# Few distinct values and some empty ones: ties and NULLs on every sort column.
VALUES = {
    "learner_name": lambda i: ["BERNARD Léa", "ADAM Paul", "", "ADAM Paul"][i % 4],
    "company_name": lambda i: ["Zeta", "Alpha", "Mu"][i % 3],
    "start_date": lambda i: None if i % 5 == 0 else dt.date(2027, 1, 1 + i % 3),
    "duration_months": lambda i: None if i % 7 == 0 else 6 + i % 4,
    "total_hours": lambda i: None if i % 6 == 0 else 150.5 + i % 3,
    "training_share": lambda i: 15 + i % 2 * 2.5,
    "bloquant_count": lambda i: i % 3,
    "submitted_at": lambda i: None if i % 8 == 0 else moment(1 + i % 4),
    "decision_deadline": lambda i: None if i % 4 == 0 else dt.date(2026, 11, 1 + i % 2),
    "status": lambda i: [Status.SUBMITTED, Status.RUNNING][i % 2],
}


@pytest.fixture
def rows(world):
    # Only the copies: the world's own row is removed from the table (its instance stays).
    Dossier.objects.filter(pk=world.dossier.pk).delete()
    return clones(world, 23, **VALUES)


def _expected(key: str, desc: bool) -> list[int]:
    column = SORTS[key].column
    values = list(Dossier.objects.values_list(column, "pk"))
    filled = sorted((v for v in values if v[0] is not None), reverse=desc)
    empty = sorted((v for v in values if v[0] is None), key=lambda v: v[1], reverse=desc)
    return [pk for _, pk in filled + empty]


def _walk_forward(sort: str, size: int):
    pages, after = [], None
    while True:
        page = page_of(Dossier.objects.all(), sort, after=after, size=size)
        pages.append(page)
        if page.next_cursor is None:
            return pages
        after = page.next_cursor


SORT_KEYS = [k for k in SORTS if k not in ("assigned", "updated")]


@pytest.mark.parametrize("desc", [False, True])
@pytest.mark.parametrize("key", SORT_KEYS)
def test_walking_the_pages_forward_gives_every_row_once_in_order(rows, key, desc):
    sort = ("-" if desc else "") + key
    pages = _walk_forward(sort, size=5)
    seen = [row.pk for page in pages for row in page.rows]
    assert seen == _expected(key, desc)
    assert [len(p.rows) for p in pages] == [5, 5, 5, 5, 3]
    assert pages[0].previous_cursor is None
    assert all(p.previous_cursor for p in pages[1:])


@pytest.mark.parametrize("desc", [False, True])
@pytest.mark.parametrize("key", ["start", "submitted", "learner", "findings"])
def test_walking_back_from_the_last_page_gives_the_same_pages(rows, key, desc):
    sort = ("-" if desc else "") + key
    forward = _walk_forward(sort, size=5)
    before, back = forward[-1].previous_cursor, []
    while before:
        page = page_of(Dossier.objects.all(), sort, before=before, size=5)
        back.append([r.pk for r in page.rows])
        before = page.previous_cursor
    assert back[::-1] == [[r.pk for r in p.rows] for p in forward[:-1]]


def test_a_page_reached_backwards_offers_the_next_page(rows):
    forward = _walk_forward("start", size=5)
    page = page_of(Dossier.objects.all(), "start", before=forward[2].previous_cursor, size=5)
    assert [r.pk for r in page.rows] == [r.pk for r in forward[1].rows]
    following = page_of(Dossier.objects.all(), "start", after=page.next_cursor, size=5)
    assert [r.pk for r in following.rows] == [r.pk for r in forward[2].rows]


def test_the_sort_by_instructor_follows_the_last_names(world, rows):
    from tests import factories

    zoe = factories.user("opco_staff", world.opco, last_name="Zorn")
    ana = factories.user("opco_staff", world.opco, last_name="Abel")
    Dossier.objects.filter(pk__in=[r.pk for r in rows[:3]]).update(assigned_to=zoe)
    Dossier.objects.filter(pk__in=[r.pk for r in rows[3:5]]).update(assigned_to=ana)
    pks = [r.pk for p in _walk_forward("assigned", 4) for r in p.rows]
    assert pks[:5] == sorted(r.pk for r in rows[3:5]) + sorted(r.pk for r in rows[:3])
    assert len(pks) == len(set(pks)) == 23


def test_rows_added_between_two_pages_neither_repeat_nor_shift_the_next_page(world, rows):
    first = page_of(Dossier.objects.all(), "submitted", size=5)
    expected = _expected("submitted", False)[5:10]
    clones(world, 1, submitted_at=moment(1, 0))  # sorts before every row already shown
    second = page_of(Dossier.objects.all(), "submitted", after=first.next_cursor, size=5)
    assert not {r.pk for r in first.rows} & {r.pk for r in second.rows}
    assert [r.pk for r in second.rows] == expected


def test_a_cursor_that_does_not_read_shows_the_first_page(rows):
    first = page_of(Dossier.objects.all(), "start", size=5)
    for bad in ("garbage", "eyJ4IjoxfQ", encode_cursor("pas une date", 3)):
        page = page_of(Dossier.objects.all(), "start", after=bad, size=5)
        assert [r.pk for r in page.rows] == [r.pk for r in first.rows]


def test_an_unknown_sort_falls_back_on_the_oldest_submission_first(rows):
    page = page_of(Dossier.objects.all(), "nimporte", size=50)
    assert [r.pk for r in page.rows] == _expected("submitted", False)


def test_a_cursor_keeps_its_value_type(rows):
    sort = SORTS["submitted"]
    at = moment(3, 14)
    assert decode_cursor(encode_cursor(at, 12), sort) == (at, 12)
    assert decode_cursor(encode_cursor(None, 12), sort) == (None, 12)
    assert decode_cursor(encode_cursor(dt.date(2027, 1, 2), 5), SORTS["start"]) == (
        dt.date(2027, 1, 2),
        5,
    )
