"""The same file whatever the number of processes, and through the task queue: immediate
backend (tests), and the database backend with one run of its worker."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from parcours.audit import distributed, runner
from parcours.audit.audit import Options
from parcours.audit.models import AuditChunk, AuditRun
from tests.audit.conftest import TODAY, read_csv

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_same_file_with_one_and_two_processes(base, tmp_path):
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    # Ranges of 2 ids: several ranges, shared by the two processes.
    tally_one, _, used_one = runner.run(Options(TODAY), one, workers=1, progress=False, width=2)
    tally_two, _, used_two = runner.run(Options(TODAY), two, workers=2, progress=False, width=2)
    assert (used_one, used_two) == (1, 2)
    assert one.read_bytes() == two.read_bytes()
    assert tally_two.checked == tally_one.checked == 5
    assert tally_two.findings == tally_one.findings
    assert len(read_csv(two)) > 5


@pytest.mark.django_db
def test_via_tasks_immediate_gives_the_same_file(base, tmp_path, capsys):
    local, queued = tmp_path / "local.csv", tmp_path / "queued.csv"
    runner.run(Options(TODAY), local, progress=False)
    call_command("audit", via_tasks=True, wait=True, output=queued, no_progress=True,
                 as_of=TODAY)  # fmt: skip
    said = capsys.readouterr().out
    assert said.startswith("Audit n° ") and "Audit terminé : 5 dossiers vérifiés" in said
    assert queued.read_bytes() == local.read_bytes()
    assert AuditRun.objects.get().collected_at is not None


# The worker closes its database connection when done: outside a test transaction.
@pytest.mark.django_db(transaction=True)
def test_database_backend_and_one_worker_run(base, tmp_path, settings, capsys):
    settings.TASKS = DATABASE_TASKS
    local, queued = tmp_path / "local.csv", tmp_path / "queued.csv"
    runner.run(Options(TODAY), local, progress=False)
    run = distributed.start(Options(TODAY), width=2)
    assert run.chunk_count >= 3 and distributed.pending(run) == run.chunk_count
    # Before any worker ran: not finished, said in French, exit 1.
    with pytest.raises(SystemExit) as exit:
        call_command("audit", collect=run.pk, output=queued, no_progress=True)
    assert exit.value.code == 1
    assert "n'est pas terminé" in capsys.readouterr().err
    call_command("db_worker", batch=True, no_startup_delay=True)
    assert distributed.pending(run) == 0
    call_command("audit", collect=run.pk, output=queued, no_progress=True)
    assert "Audit terminé : 5 dossiers vérifiés" in capsys.readouterr().out
    assert queued.read_bytes() == local.read_bytes()
    assert AuditChunk.objects.filter(run=run).exclude(csv="").exists()


@pytest.mark.django_db
def test_collect_of_an_unknown_run(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit:
        call_command("audit", collect=999, output=tmp_path / "a.csv", no_progress=True)
    assert exit.value.code == 2
    assert "l'audit n° 999 n'existe pas" in capsys.readouterr().err
