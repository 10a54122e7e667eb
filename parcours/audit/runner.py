"""The audit on this machine: ranges of dossier ids shared among worker processes, a progress
bar on stderr, the CSV written whole or not at all."""

from __future__ import annotations

import csv
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.db import connections
from tqdm import tqdm

from parcours.audit.audit import (
    DELIMITER,
    HEADER,
    ChunkResult,
    Options,
    Tally,
    audit_range,
    pk_ranges,
    rows,
)


def default_workers() -> int:
    return os.cpu_count() or 1


def _audit(args: tuple[int, int, Options]) -> ChunkResult:
    return audit_range(*args)


def results(options: Options, workers: int, ranges: list[tuple[int, int]]) -> Iterator:
    """Each range's result, in id order whatever the number of workers (the same file with
    1 or 8 processes)."""
    jobs = [(first, last, options) for first, last in ranges]
    if workers <= 1:
        yield from map(_audit, jobs)
        return
    # A forked process must not share the parent's database connection: each opens its own.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        yield from pool.imap(_audit, jobs)


def write_csv(path: Path, parts: Iterable[str]) -> None:
    """The file at `path`: the header, then each part; written beside it under another name
    and renamed at the end, so that an interrupted audit leaves no half file."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        # The BOM makes spreadsheets read the accents right.
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as out:
            csv.writer(out, delimiter=DELIMITER).writerow(HEADER)
            for part in parts:
                out.write(part)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run(
    options: Options,
    output: Path,
    workers: int | None = None,
    progress: bool = True,
    width: int | None = None,
) -> tuple[Tally, float, int]:
    """Audit the selected dossiers into `output` in ranges of `width` ids (by default, a
    few ranges per process); returns the tally, the seconds spent and the number of
    processes used."""
    start = time.perf_counter()
    total = rows(options).count()
    workers = workers or default_workers()
    # Several ranges per process: one slower range does not leave the others idle.
    ranges = pk_ranges(options, width, parts=4 * workers)
    workers = max(1, min(workers, len(ranges)))
    tally = Tally()
    bar = tqdm(total=total, unit=" dossiers", desc="Audit", file=sys.stderr, disable=not progress)

    def parts() -> Iterator[str]:
        for result in results(options, workers, ranges):
            tally.add(result.tally)
            bar.update(result.tally.checked)
            yield result.csv

    with bar:
        write_csv(output, parts())
    return tally, time.perf_counter() - start, workers
