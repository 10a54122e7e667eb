"""Filling the summary columns of stored rows: the data migration (on the historical
model) and `manage.py refresh_summaries`, by chunks, in a bounded number of queries."""

import importlib

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from parcours.dossiers import actions
from parcours.dossiers.models import Dossier
from parcours.dossiers.summary import COLUMNS, refresh_rows
from tests import factories
from tests.dossiers_summary.test_actions import fresh, stored, version

pytestmark = pytest.mark.django_db

BLANK = {
    "learner_name": "", "company_name": "", "search_text": "", "learner_age": None,
    "age_band": "", "benefits": "", "training_hours": None, "total_hours": None,
    "bloquant_count": 0, "alerte_count": 0, "competences_targeted": 0,
    "first_submitted_at": None, "submitted_at": None, "status_changed_at": None,
}  # fmt: skip


def rows(world, count: int) -> list[Dossier]:
    """`count` dossiers of the world's company beside its own, one of them submitted, all
    with their columns blanked (as rows stored before the columns existed)."""
    made = [world.dossier] + [
        factories.dossier(world.company, data=factories.example("volume-insuffisant"))
        for _ in range(count - 1)
    ]
    actions.submit_dossier(made[0], world.users["company_admin"], version(made[0]))
    Dossier.objects.update(**BLANK)
    return made


def assert_all_fresh(made):
    for row in made:
        assert stored(row) == fresh(row)


def test_the_migration_fills_the_rows_through_the_historical_model(world):
    made = rows(world, 3)
    state = MigrationLoader(connection).project_state(("dossiers", "0005_backfill_summaries"))
    migration = importlib.import_module("parcours.dossiers.migrations.0005_backfill_summaries")
    migration.backfill(state.apps, None)
    assert_all_fresh(made)
    first = stored(made[0])
    assert first["submitted_at"] is not None and first["decision_deadline"] is not None
    assert stored(made[1])["bloquant_count"] == 2  # VOL-01 and VOL-03 of the example


def test_the_command_refreshes_every_row_by_chunks(world, capsys):
    made = rows(world, 5)
    call_command("refresh_summaries", "--chunk", "2", "--quiet")
    assert_all_fresh(made)
    assert "5 dossier(s) recalculé(s)" in capsys.readouterr().out


def test_the_command_can_keep_to_one_state(world):
    made = rows(world, 3)
    call_command("refresh_summaries", "--status", "submitted", "--quiet")
    assert stored(made[0]) == fresh(made[0])
    assert stored(made[1])["learner_name"] == ""  # a draft: left as it was


@pytest.mark.parametrize("args", [["--status", "envoye"], ["--chunk", "0"]])
def test_the_command_says_what_is_wrong(db, args):
    with pytest.raises(CommandError) as raised:
        call_command("refresh_summaries", *args, "--quiet")
    assert "état inconnu" in str(raised.value) or "--chunk" in str(raised.value)


@pytest.mark.parametrize("count", [3, 30])
def test_refreshing_costs_a_bounded_number_of_queries_per_row(
    world, count, django_assert_max_num_queries
):
    rows(world, count)
    # Per chunk: ids, rows, records, claims, logs, events, a transaction; per row: its
    # UPDATE and the tutor's other dossiers (convert.document's tutor load).
    with django_assert_max_num_queries(10 + 2 * count):
        assert refresh_rows(Dossier.objects.all(), chunk_size=500) == count
    assert set(COLUMNS) >= set(BLANK)


def test_a_document_the_model_refuses_still_gets_its_names(world):
    """A row stored before a change of the format: names and search, no figures."""
    row = world.dossier
    content = {**row.content, "modules": "pas une liste"}
    Dossier.objects.filter(pk=row.pk).update(content=content, **BLANK)
    refresh_rows(Dossier.objects.filter(pk=row.pk))
    columns = stored(row)
    assert columns["learner_name"] == "EXEMPLE Nadia"
    assert columns["company_name"] == world.company.name
    assert "nadia" in columns["search_text"]
    assert columns["total_hours"] is None and columns["bloquant_count"] == 0
    assert columns["status_changed_at"] is None  # no history for this factory-made row
