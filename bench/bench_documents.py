"""Benchmark of the papers (issues [3] and [12]): the convention as PDF (Typst) warm and
cold, the whole set of the demo dossier on one core, and the manual path it replaces: the
DOCX of the same convention converted by LibreOffice (`soffice --headless --convert-to pdf`),
timed in the same run when LibreOffice is installed. Medians of RUNS runs.

    python -m bench documents

Typst remembers what it laid out: the same paper rendered again costs a fraction of a new
one. The figures that count are « new »: each run renders the convention (or the set) of a
dossier whose learner has another name, so nothing comes from that memory; « again » (the
same dossier each time) is printed beside it. « Cold » is the first convention of a fresh
process, the imports timed apart: the first download after a server start. The whole set
runs in one process with all its threads pinned to one core (Typst's own included).
Wall-clock times, with CPU medians, since the machine may be shared (its load is on the
machine line).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from itertools import count
from pathlib import Path

from bench.timing import machine, summary, verdict
from parcours.domain.documents import render_document
from parcours.domain.documents.batch import render_all
from parcours.domain.documents.pdf import warm_up
from parcours.domain.loading import parse_dossier

DEMO = Path(__file__).resolve().parents[2] / "shared" / "examples" / "gestionnaire-paie-valide.json"
RUNS = 15
TARGET_COLD_S, TARGET_SET_S, GOAL_SET_S = 0.3, 0.5, 0.2
TARGET_SPEEDUP, GOAL_SPEEDUP = 20.0, 50.0

_names = count(1)


def _fresh_dossier():
    """The demo dossier with a learner's name never rendered before in this process."""
    raw = DEMO.read_text(encoding="utf-8").replace('"Exemple"', f'"Exemple-{next(_names)}"')
    return parse_dossier(raw.encode())


def _times(fn, runs: int = RUNS) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run (fn() prepares, the callable it returns is
    timed)."""
    wall, cpu = [], []
    for _ in range(runs):
        action = fn()
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


_COLD = """
import time
t0 = time.perf_counter()
from pathlib import Path
from parcours.domain.documents import render_document
from parcours.domain.loading import parse_dossier
import typst
dossier = parse_dossier(Path({demo!r}).read_bytes())
t1 = time.perf_counter()
render_document(dossier, "convention", "pdf")
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def _cold() -> tuple[float, float]:
    """(imports, first convention) seconds in a fresh interpreter: the median of 5."""
    runs = []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", _COLD.format(demo=str(DEMO))],
            check=True, capture_output=True, text=True, timeout=120,
        ).stdout.split()  # fmt: skip
        runs.append((float(out[0]), float(out[1])))
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def _threads() -> list[int]:
    """This process's threads: Typst's own start with its first paper, before the pinning."""
    try:
        return [int(t) for t in os.listdir("/proc/self/task")]
    except OSError:
        return [0]


@contextmanager
def _one_core():
    """Every thread of this process (Typst's included) on one CPU, where Linux allows it:
    pinning the calling thread alone would leave Typst's threads on the other cores."""
    try:
        before = os.sched_getaffinity(0)
        for tid in _threads():
            os.sched_setaffinity(tid, {min(before)})
    except (AttributeError, OSError):
        yield False
        return
    try:
        yield True
    finally:
        for tid in _threads():
            os.sched_setaffinity(tid, before)


def _whole_set(dossier, formats=("pdf", "docx")) -> int:
    return sum(1 for p in render_all(dossier, formats, workers=1) if p.content is not None)


def _set_names(dossier) -> str:
    """What « the whole set » is: every file the papers page offers for the dossier (each
    paper that is ready, in each format it exists in), e.g. « convention (pdf, docx) »."""
    names: dict[str, list[str]] = {}
    for p in render_all(dossier, ("pdf", "docx"), workers=1):
        if p.content is not None:
            stem, fmt = p.filename.rsplit(".", 1)
            names.setdefault(stem, []).append(fmt)
    return ", ".join(f"{stem} ({', '.join(fmts)})" for stem, fmts in names.items())


def _libreoffice(docx: bytes) -> float | None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "convention.docx"
        source.write_bytes(docx)
        profile = f"-env:UserInstallation=file://{tmp}/profile"

        def convert():
            subprocess.run(
                [office, profile, "--headless", "--convert-to", "pdf", "--outdir", tmp,
                 str(source)],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
            assert (Path(tmp) / "convention.pdf").exists()

        convert()  # the first start creates the profile; not counted
        return statistics.median(_times(lambda: convert, 5)[0])


def run() -> bool:
    print(machine())
    imports, cold = _cold()
    warm_up()
    same = _fresh_dossier()
    again, again_cpu = _times(lambda: lambda: render_document(same, "convention", "pdf"))
    new, new_cpu = _times(
        lambda: (lambda d: lambda: render_document(d, "convention", "pdf"))(_fresh_dossier())
    )
    with _one_core() as pinned:
        files = _whole_set(same)
        set_new, set_cpu = _times(lambda: (lambda d: lambda: _whole_set(d))(_fresh_dossier()))
        set_again, _ = _times(lambda: lambda: _whole_set(same))
        pdfs = _whole_set(same, ("pdf",))
        pdf_new, pdf_cpu = _times(
            lambda: (lambda d: lambda: _whole_set(d, ("pdf",)))(_fresh_dossier())
        )
        docxs = _whole_set(same, ("docx",))
        docx_new, docx_cpu = _times(
            lambda: (lambda d: lambda: _whole_set(d, ("docx",)))(_fresh_dossier())
        )
    convention, whole = statistics.median(new), statistics.median(set_new)
    office = _libreoffice(render_document(same, "convention", "docx"))

    print(f"documents: convention PDF (Typst, PDF/A-2b + PDF/UA-1), a new dossier each run: "
          f"{summary(new)}, CPU median {statistics.median(new_cpu):.3f} s")  # fmt: skip
    print(f"documents: convention PDF, the same dossier again: {summary(again)}, "
          f"CPU median {statistics.median(again_cpu):.3f} s")  # fmt: skip
    cold_ok = cold < TARGET_COLD_S
    print(f"documents: convention PDF, cold (first paper of a fresh process, median of 5): "
          f"{cold:.3f} s after {imports:.3f} s of imports (target < {TARGET_COLD_S} s): "
          f"{verdict(cold_ok)}")  # fmt: skip
    core = "pinned to one core" if pinned else "one process (could not pin to one core)"
    set_ok = whole < TARGET_SET_S
    cpu_ok = statistics.median(set_cpu) < TARGET_SET_S
    print(f"documents: whole set of the demo dossier, PDF and DOCX ({files} files, {core}), "
          f"a new dossier each run: {summary(set_new)}, CPU median "
          f"{statistics.median(set_cpu):.3f} s (target < {TARGET_SET_S} s, goal "
          f"{GOAL_SET_S} s): wall {verdict(set_ok)}, CPU {verdict(cpu_ok)}")  # fmt: skip
    print(f"documents: the whole set is every file the papers page offers for the demo "
          f"dossier: {_set_names(same)}")  # fmt: skip
    print(f"documents: whole set, the same dossier again: {summary(set_again)}")
    print(f"documents: of which the PDFs alone (Typst, {pdfs} files), a new dossier each run: "
          f"{summary(pdf_new)}, CPU median {statistics.median(pdf_cpu):.3f} s")  # fmt: skip
    print(f"documents: of which the DOCX alone (python-docx, {docxs} files), a new dossier "
          f"each run: {summary(docx_new)}, "
          f"CPU median {statistics.median(docx_cpu):.3f} s")  # fmt: skip
    results = {"convention_pdf_s": convention, "convention_again_s": statistics.median(again),
               "convention_cold_s": cold, "imports_s": imports, "files": files,
               "whole_set_s": whole, "whole_set_cpu_s": statistics.median(set_cpu),
               "pdfs_only_s": statistics.median(pdf_new),
               "pdfs_only_cpu_s": statistics.median(pdf_cpu),
               "docx_only_s": statistics.median(docx_new),
               "docx_only_cpu_s": statistics.median(docx_cpu),
               "libreoffice_convention_s": office}  # fmt: skip
    speed_ok = True
    if office is None:
        print("documents: LibreOffice (soffice) is not installed on this machine: the "
              "comparison with its conversion of the convention's DOCX is skipped "
              "(apt-get install libreoffice-writer-nogui to run it)")  # fmt: skip
    else:
        speedup = office / convention
        results["speedup"] = speedup
        speed_ok = speedup >= TARGET_SPEEDUP
        print(f"documents: convention DOCX -> PDF (LibreOffice --headless): median "
              f"{office:.3f} s; Typst is {speedup:.0f}x faster warm on a new dossier "
              f"(target >= {TARGET_SPEEDUP:.0f}x, goal {GOAL_SPEEDUP:.0f}x), "
              f"{office / cold:.0f}x cold: {verdict(speed_ok)}")  # fmt: skip
    ok = cold_ok and set_ok and speed_ok
    print(f"documents: targets {'met' if ok else 'NOT met'}: {results}")
    return ok


if __name__ == "__main__":
    run()
