"""The portfolio's search index: a trigram GIN index on PostgreSQL, nothing on SQLite."""

import pytest
from django.db import connection

from parcours.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def test_the_search_text_has_a_trigram_index_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (SQLite has no trigram index)")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'dossier_search_text_trgm'"
        )
        (definition,) = cursor.fetchone()
    assert "gin" in definition.lower() and "gin_trgm_ops" in definition


def test_the_sort_indexes_exist():
    with connection.cursor() as cursor:
        names = {
            name
            for name, info in connection.introspection.get_constraints(
                cursor, Dossier._meta.db_table
            ).items()
            if info["index"]
        }
    assert {
        "dossier_status_submitted", "dossier_status_deadline", "dossier_learner_name",
        "dossier_company_name", "dossier_start_date", "dossier_assigned_status",
        "dossier_bloquant_count", "dossier_alerte_count", "dossier_age_band",
    } <= names  # fmt: skip
