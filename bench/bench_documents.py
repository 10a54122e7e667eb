"""Benchmark of issue [3]: the whole set of documents of the demo dossier, the convention
alone (PDF, WeasyPrint), and the manual path used today: a DOCX of the same convention
converted by `libreoffice --headless --convert-to pdf`. Medians of RUNS runs each.

    python -m bench.bench_documents

The times are wall-clock; the convention's CPU time is printed too, since on a shared
machine (see the load on the machine line) the wall-clock median moves a lot between
runs. "Cold" is the first convention of a fresh process (after the imports, timed
apart): the price of the first download after a server start; the targets are on the
warm medians, the steady state of a long-lived process.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.timing import machine, summary
from parcours.domain.documents import render_document
from parcours.domain.documents.batch import cores, render_all
from parcours.domain.loading import parse_dossier

DEMO = Path(__file__).resolve().parents[2] / "shared" / "examples" / "gestionnaire-paie-valide.json"
RUNS = 5
TARGET_SET_S, TARGET_SPEEDUP = 3.0, 5.0


def _times(fn, runs: int = RUNS) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def _median(fn, runs: int = RUNS) -> float:
    return statistics.median(_times(fn, runs)[0])


_COLD = """
import time
t0 = time.perf_counter()
from pathlib import Path
from parcours.domain.documents import render_document
from parcours.domain.loading import parse_dossier
dossier = parse_dossier(Path({demo!r}).read_bytes())
t1 = time.perf_counter()
render_document(dossier, "convention", "pdf")
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def _cold() -> tuple[float, float]:
    """(imports, first convention) seconds in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", _COLD.format(demo=str(DEMO))],
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout.split()  # fmt: skip
    return float(out[0]), float(out[1])


def _whole_set(dossier) -> int:
    return sum(1 for p in render_all(dossier) if p.content is not None)


def _libreoffice(docx: bytes) -> float | None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
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

        convert()  # first start creates the profile; not counted
        return _median(convert)


def run() -> bool:
    print(machine())
    imports, cold = _cold()
    dossier = parse_dossier(DEMO.read_bytes())
    render_document(dossier, "convention", "pdf")  # warm-up: fonts, stylesheet
    files = _whole_set(dossier)
    whole_times, _ = _times(lambda: _whole_set(dossier))
    whole = statistics.median(whole_times)
    conv_times, conv_cpu = _times(lambda: render_document(dossier, "convention", "pdf"))
    convention = statistics.median(conv_times)
    office = _libreoffice(render_document(dossier, "convention", "docx"))
    results = {"files": files, "whole_set_s": whole, "convention_pdf_s": convention,
               "convention_cold_s": cold, "libreoffice_convention_s": office}  # fmt: skip
    print(f"documents: whole set of the demo dossier ({files} files, {cores()} core(s) for "
          f"the worker processes): {summary(whole_times)} (target < {TARGET_SET_S} s)")  # fmt: skip
    print(f"documents: convention PDF (WeasyPrint), warm: {summary(conv_times)}, "
          f"CPU median {statistics.median(conv_cpu):.3f} s")  # fmt: skip
    print(f"documents: convention PDF, cold (first of a fresh process): {cold:.3f} s, "
          f"after {imports:.3f} s of imports")  # fmt: skip
    if office is None:
        print("documents: libreoffice not found, comparison skipped")
    else:
        speedup = office / convention
        results["speedup"] = speedup
        print(f"documents: convention DOCX -> PDF (libreoffice --headless): median {office:.3f} s;"
              f" WeasyPrint is {speedup:.1f}x faster warm (target >= {TARGET_SPEEDUP}x), "
              f"{office / cold:.1f}x cold")  # fmt: skip
    ok = whole < TARGET_SET_S and results.get("speedup", 0) >= TARGET_SPEEDUP
    print(f"documents: targets {'met' if ok else 'NOT met'}: {results}")
    return ok


if __name__ == "__main__":
    run()
