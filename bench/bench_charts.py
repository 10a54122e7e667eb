"""Progress charts (issue [5]): one competence's chart drawn as SVG by matplotlib (warm:
after untimed drawings; its CPU time is printed too, the machine being shared), and the
seven charts of the example dossier (what a review's paper draws; the « Progression » page
keeps each drawn chart in memory). Target: one chart < 50 ms (median).

    python -m bench bench_charts
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from bench.timing import median, summary, timings, verdict

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "shared" / "examples" / "gestionnaire-paie-valide.json"
)
RUNS = 40
TARGET_S = 0.050


def followed() -> dict:
    """The example with its three reviews held and two module evaluations."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    ids = [c["id"] for c in data["competences"]]
    for review, day, level in zip(data["reviews"], ("2027-02-25", "2027-06-24", "2027-12-20"),
                                  (1, 2, 3), strict=True):  # fmt: skip
        review.update(held_date=day, scores=[{"competence": c, "level": level} for c in ids])
    data["evaluations"] = [
        {"module": m["id"], "date": m["end"],
         "evaluator": {"name": "Marc Petit", "quality": "formateur"},
         "results": [{"competence": c, "level": 2} for c in m["competences"]]}
        for m in data["modules"][:2]
    ]  # fmt: skip
    return data


def _wall_and_cpu(action, runs: int, warmup: int) -> tuple[list[float], list[float]]:
    for _ in range(warmup):
        action()
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def run() -> bool:
    start = time.perf_counter()
    from parcours.domain.charts import competence_chart, legend_svg
    from parcours.domain.loading import parse_dossier
    from parcours.domain.progress import progress

    print(f"imports (matplotlib…): {time.perf_counter() - start:.3f} s, not timed below")
    series = progress(parse_dossier(followed()))
    first = time.perf_counter()
    competence_chart(series[0])
    print(f"first chart of the process (cold): {time.perf_counter() - first:.3f} s")
    legend = time.perf_counter()
    legend_svg()
    print(f"legend (drawn once per process): {time.perf_counter() - legend:.3f} s")
    one, cpu = _wall_and_cpu(lambda: competence_chart(series[0]), RUNS, warmup=3)
    ok = median(one) < TARGET_S
    print(f"one competence's chart (5 points): {summary(one)}; "
          f"target < {TARGET_S * 1000:.0f} ms: {verdict(ok)}")  # fmt: skip
    print(f"  its CPU time (what the machine's load does not inflate): median "
          f"{median(cpu) * 1000:.1f} ms")  # fmt: skip
    every = timings(lambda: [competence_chart(cp) for cp in series], 10, warmup=1)
    print(f"the {len(series)} charts of the dossier: {summary(every)}")
    return ok
