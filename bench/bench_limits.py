"""Bounded inputs (issue [6]): the checker's cost on the largest dossiers the format
accepts, at half and full size (linear: the cost per MB of input stays the same), and the
refusal of what the review sent (40,000 positioning entries: 98 s before the bounds, a
quadratic 6.5 s at 10,000). Targets: the largest accepted dossier read and checked in < 2 s,
its cost per MB at most twice the half one's; the 40,000 entries refused in < 0.5 s.

    python -m bench bench_limits
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from bench.timing import median, summary, timings, verdict
from parcours.domain.dossier import MAX_COMPETENCES, MAX_MODULES, MAX_SESSIONS
from parcours.domain.loading import InvalidDossier, parse_dossier
from parcours.domain.rules import check

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "shared" / "examples" / "gestionnaire-paie-valide.json"
)
RUNS = 5


def largest(scale: float) -> str:
    """Every list at `scale` of its bound: competences, positioning, modules covering every
    competence, sequences, sessions, 100 reviews scoring every competence."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    nc, nm, ns = (int(n * scale) for n in (MAX_COMPETENCES, MAX_MODULES, MAX_SESSIONS))
    start = dt.date.fromisoformat(data["contract"]["action_start"])
    ids = [f"C{i}" for i in range(nc)]
    first = data["competences"][0]
    data["competences"] = [
        dict(first, id=c, statement=f"Être capable de traiter le cas {c} dans le service")
        for c in ids
    ]
    data["positioning"]["entries"] = [
        {"competence": c, "self_level": 1, "assessed_level": 1} for c in ids
    ]
    module = data["modules"][0]
    data["modules"] = [dict(module, id=f"M{i}", competences=ids, hours=5) for i in range(nm)]
    data["sequences"] = [{"module": f"M{i}", "calendar": [start.isoformat()]} for i in range(nm)]
    data["sessions"] = [
        {"id": f"S{i}", "module": f"M{i % nm}", "hours": 3.5,
         "date": (start + dt.timedelta(days=i % 300)).isoformat()}
        for i in range(ns)
    ]  # fmt: skip
    data["reviews"] = [
        {"id": f"B{i}", "kind": "suivi",
         "planned_date": (start + dt.timedelta(days=30 * (i % 12))).isoformat(),
         "scores": [{"competence": c, "level": 2} for c in ids]}
        for i in range(int(100 * scale))
    ]  # fmt: skip
    return json.dumps(data)


def review_attack() -> str:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    entry = {"competence": "C1", "self_level": 1, "assessed_level": 2, "comment": "x" * 20}
    data["positioning"]["entries"] = [entry] * 40_000
    return json.dumps(data)


def _refused(text: str) -> None:
    try:
        parse_dossier(text)
    except InvalidDossier:
        return
    raise AssertionError("accepted")


def run() -> bool:
    ok = True
    costs, sizes = {}, {}
    for scale in (0.5, 1.0):
        text = largest(scale)
        sizes[scale] = len(text) / 1e6
        costs[scale] = timings(lambda text=text: check(parse_dossier(text)), RUNS)
        print(f"largest dossier ×{scale} ({sizes[scale]:.1f} MB): {summary(costs[scale])}")
    # modules × competences and reviews × scores grow as scale²: compare the cost per MB.
    ratio = (median(costs[1.0]) / sizes[1.0]) / (median(costs[0.5]) / sizes[0.5])
    ok &= median(costs[1.0]) < 2.0 and ratio < 2
    print(f"cost per MB, full/half: {ratio:.2f} (< 2: linear) {verdict(ok)}")
    attack = review_attack()
    refused = timings(lambda: _refused(attack), RUNS)
    fast = median(refused) < 0.5
    print(f"40,000 positioning entries ({len(attack) / 1e6:.1f} MB) refused: {summary(refused)} "
          f"{verdict(fast)}")  # fmt: skip
    return ok and fast
