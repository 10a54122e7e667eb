"""The suite runs at one date (tests/conftest.py), whatever the calendar says."""

import datetime as dt

from django.utils import timezone

from parcours.domain.rules.engine import check
from tests.conftest import TEST_TODAY


def test_today_is_the_pinned_date_for_python_and_django(pinned_today):
    assert pinned_today == TEST_TODAY
    assert dt.date.today() == TEST_TODAY
    assert timezone.localdate() == TEST_TODAY


def test_the_engine_judges_at_the_pinned_date(valid_dossier_data):
    from parcours.domain.loading import parse_dossier

    data = {key: value for key, value in valid_dossier_data.items() if key != "as_of"}
    assert check(parse_dossier(data)).as_of == TEST_TODAY
