"""The audit's work on the task queue (django-tasks, database backend): one task per range
of dossier ids, run by `manage.py db_worker` on any machine that shares the database."""

from __future__ import annotations

from django_tasks import task


@task()
def audit_chunk(chunk_id: int) -> int:
    """Check one chunk of an audit run and keep its lines in the database; returns the
    number of dossiers checked."""
    from parcours.audit.distributed import run_chunk

    return run_chunk(chunk_id)
