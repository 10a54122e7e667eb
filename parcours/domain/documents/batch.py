"""The whole set of a dossier's documents: one file per document, instance and format.

The papers are built in this process (cheap); rendering them (Typst, python-docx)
is spread over worker processes when more than one core is available, biggest papers
first, and done serially otherwise. Files come out in registry order either way.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from parcours.domain.documents import blocks
from parcours.domain.documents.registry import (
    DOCX,
    REGISTRY,
    DocumentNotReady,
    build_paper,
    file_stem,
    instances,
)
from parcours.domain.dossier import Dossier
from parcours.domain.figures import Figures


@dataclass(frozen=True)
class Produced:
    filename: str
    content: bytes | None  # None when not ready
    reason: str = ""


def render_one(job: tuple[blocks.Paper, str]) -> bytes:
    paper, fmt = job
    if fmt == DOCX:
        from parcours.domain.documents.docx import render_docx

        return render_docx(paper)
    from parcours.domain.documents.pdf import render_pdf

    return render_pdf(paper)


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _weight(job: tuple[blocks.Paper, str]) -> int:
    """Rough cost of a job, to start the longest ones first."""
    paper, fmt = job
    cells = sum(len(b.rows) for b in paper.blocks if isinstance(b, blocks.Table | blocks.Fields))
    return (len(paper.blocks) + cells) // (3 if fmt == DOCX else 1)


def _pool(jobs: int, workers: int | None) -> ProcessPoolExecutor | None:
    """Worker processes, forked so that they start with everything imported and warm;
    None (serial rendering) on one core, for one job, or in a threaded process
    (a web server), where forking is not safe."""
    workers = min(jobs, cores() if workers is None else workers)
    if workers < 2 or threading.active_count() > 1:
        return None
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    from parcours.domain.documents.pdf import fork_safe

    # Typst's own threads do not survive a fork (a child would wait for them forever):
    # once it has run in this process, render here, a paper takes a few milliseconds.
    if not fork_safe():
        return None
    try:
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    except OSError:
        return None


def _render(jobs: list[tuple[blocks.Paper, str]], workers: int | None) -> list[bytes]:
    pool = _pool(len(jobs), workers)
    if pool is None:
        return [render_one(job) for job in jobs]
    order = sorted(range(len(jobs)), key=lambda i: -_weight(jobs[i]))
    with pool:
        futures = {i: pool.submit(render_one, jobs[i]) for i in order}
        return [futures[i].result() for i in range(len(jobs))]


def render_all(
    dossier: Dossier,
    formats: tuple[str, ...] = ("pdf", "docx"),
    *,
    livret_sections=None,
    workers: int | None = None,
) -> Iterator[Produced]:
    """Every document in every requested format it exists in; those not ready yet come
    out with their reason instead of content. `workers`: processes to render with
    (default: one per available core; 1 renders in this process)."""
    f = Figures(dossier)
    plan: list[Produced | tuple[str, int]] = []  # not-ready entries, or (filename, job)
    jobs: list[tuple[blocks.Paper, str]] = []
    for t in REGISTRY.values():
        found = instances(dossier, t.name, f)
        if not found:
            plan.append(Produced(f"{t.name}.*", None, t.no_instance))
        for inst in found:
            stem = file_stem(t.name, inst.key)
            if not inst.ready:
                plan.append(Produced(f"{stem}.*", None, inst.reason))
                continue
            try:
                paper = build_paper(
                    dossier, t.name, index=inst.key, livret_sections=livret_sections, figures=f
                )
            except DocumentNotReady as exc:
                plan.append(Produced(f"{stem}.*", None, exc.reason))
                continue
            for fmt in (x for x in t.formats if x in formats):
                plan.append((f"{stem}.{fmt}", len(jobs)))
                jobs.append((paper, fmt))
    contents = _render(jobs, workers)
    for entry in plan:
        yield entry if isinstance(entry, Produced) else Produced(entry[0], contents[entry[1]])
