"""Work on the dossiers run by the task queue (django-tasks: the database backend and its
worker `manage.py db_worker`; the immediate backend in tests)."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_summary_later(dossier_id: int) -> bool:
    """Recompute one row's summary columns (`summary.refresh_summary`) after a write that
    changes its findings but must stay fast (a signature: reading every record of a long
    attendance chain and checking the rules would multiply its cost by eight). False when
    the row is gone."""
    from parcours.dossiers.models import Dossier
    from parcours.dossiers.summary import refresh_summary

    row = Dossier.objects.filter(pk=dossier_id).first()
    if row is None:
        return False
    refresh_summary(row, events=False)
    return True
