"""The audit spread over machines: a run cut into chunks of dossier ids, one task of the
queue per chunk (`parcours.audit.tasks`), each chunk's lines kept in the database, and the
CSV assembled from them once every chunk is done (`audit --collect RUN`)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from tqdm import tqdm

from parcours.audit.audit import RANGE, Options, Tally, audit_range, pk_ranges
from parcours.audit.models import AuditChunk, AuditRun
from parcours.audit.runner import write_csv


class NotFinished(Exception):
    """Some chunks of the run are not done yet."""

    def __init__(self, run: AuditRun, pending: int):
        self.run, self.pending = run, pending
        super().__init__(
            f"l'audit n° {run.pk} n'est pas terminé : {pending} morceau(x) sur "
            f"{run.chunk_count} restent à vérifier (les processus `manage.py db_worker` "
            "sont-ils lancés ?)"
        )


def start(options: Options, width: int = RANGE) -> AuditRun:
    """Record the run and its chunks, then queue one task per chunk."""
    from parcours.audit.tasks import audit_chunk

    ranges = pk_ranges(options, width)
    with transaction.atomic():
        run = AuditRun.objects.create(
            as_of=options.as_of,
            statuses=list(options.statuses),
            since=options.since,
            refresh_summaries=options.refresh_summaries,
            chunk_count=len(ranges),
        )
        AuditChunk.objects.bulk_create(
            AuditChunk(run=run, index=i, first_pk=first, last_pk=last)
            for i, (first, last) in enumerate(ranges)
        )
    # Queued once the chunks are committed, so that a worker elsewhere finds them.
    for chunk_id in run.chunks.order_by("index").values_list("pk", flat=True):
        audit_chunk.enqueue(chunk_id)
    return run


def options_of(run: AuditRun) -> Options:
    return Options(
        as_of=run.as_of,
        statuses=tuple(run.statuses),
        since=run.since,
        refresh_summaries=run.refresh_summaries,
    )


def run_chunk(chunk_id: int) -> int:
    """Check the chunk's dossiers and keep its lines and counts (a chunk run twice keeps
    the last result)."""
    chunk = AuditChunk.objects.select_related("run").get(pk=chunk_id)
    result = audit_range(chunk.first_pk, chunk.last_pk, options_of(chunk.run))
    AuditChunk.objects.filter(pk=chunk_id).update(
        csv=result.csv, counts=result.tally.as_json(), done_at=timezone.now()
    )
    return result.tally.checked


def pending(run: AuditRun) -> int:
    return run.chunks.filter(done_at__isnull=True).count()


def wait(run: AuditRun, progress: bool = True, poll: float = 2.0) -> None:
    """Until every chunk of the run is done, with a progress bar of the chunks on stderr."""
    bar = tqdm(
        total=run.chunk_count, unit=" morceaux", desc=f"Audit n° {run.pk}", file=sys.stderr,
        disable=not progress,
    )  # fmt: skip
    with bar:
        while True:
            left = pending(run)
            bar.update(run.chunk_count - left - bar.n)
            if not left:
                return
            time.sleep(poll)


def collect(run: AuditRun, output: Path) -> tuple[Tally, float]:
    """Assemble the run's CSV into `output` (chunks in id order); returns the tally and the
    seconds from the start of the run to its last chunk. NotFinished if a chunk is left."""
    left = pending(run)
    if left:
        raise NotFinished(run, left)
    tally = Tally()
    for counts in run.chunks.values_list("counts", flat=True).iterator(chunk_size=200):
        tally.add(Tally.from_json(counts))
    parts = run.chunks.order_by("index").values_list("csv", flat=True)
    write_csv(output, parts.iterator(chunk_size=20))
    last = run.chunks.aggregate(last=Max("done_at"))["last"] or run.created_at
    AuditRun.objects.filter(pk=run.pk).update(collected_at=timezone.now())
    return tally, (last - run.created_at).total_seconds()
