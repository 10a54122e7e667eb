"""The checker's speed: dossiers per second on one core, and `parcours check FILE` wall time.

Targets (SPEC.md, issue 1): parse + check at least 1,000 dossiers/s on one core; one
`parcours check FILE`, interpreter start-up included, under 0.5 s (median).
"""

from __future__ import annotations

import copy
import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from bench.timing import REPO, median, summary, timings, verdict

EXAMPLES = Path(os.environ.get("PARCOURS_EXAMPLES", REPO.parent / "shared" / "examples"))
DOSSIERS = 10_000
ROUNDS = 3
CLI_RUNS = 15
TARGET_PER_SECOND = 1_000
TARGET_CLI_SECONDS = 0.5
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def examples() -> list[dict]:
    paths = sorted(p for p in EXAMPLES.glob("*.json") if p.stem != "expected")
    return [json.loads(p.read_text(encoding="utf-8")) for p in paths]


def shift_dates(value, days: int):
    """The same JSON value with every ISO date moved by `days`."""
    import datetime as dt

    if isinstance(value, dict):
        return {k: shift_dates(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [shift_dates(v, days) for v in value]
    if isinstance(value, str) and DATE.match(value):
        return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
    return value


def vary(base: dict, rng: random.Random) -> dict:
    """One plausible dossier from an example: other dates, hours and référentiel size."""
    data = shift_dates(copy.deepcopy(base), 7 * rng.randint(-150, 150))
    for module in data["modules"]:
        module["hours"] = round(module["hours"] * rng.uniform(0.6, 1.6), 1)
    kept = data["competences"][: rng.randint(max(1, len(data["competences"]) - 3), 13)]
    for n in range(rng.choice([0, 0, 0, 1, 3, 6])):
        kept.append(
            {
                "id": f"X{n}",
                "statement": f"Être capable de traiter le cas particulier {n} du cabinet",
                "importance": "accessoire",
                "level": rng.randint(1, 4),
            }
        )
    data["competences"] = kept
    if rng.random() < 0.3:  # another action length: DUR, CTR, BIL and ALT findings
        import datetime as dt

        end = dt.date.fromisoformat(data["contract"]["action_end"])
        end += dt.timedelta(days=rng.randint(-200, 150))
        data["contract"]["action_end"] = data["contract"]["end_date"] = end.isoformat()
    data["status"] = rng.choice(["draft", "submitted", "accepted", "running", "completed"])
    return data


def generate(count: int, seed: int = 2026) -> list[bytes]:
    rng = random.Random(seed)
    bases = examples()
    return [json.dumps(vary(rng.choice(bases), rng)).encode() for _ in range(count)]


def clear_caches() -> None:
    from parcours.domain import calendar

    for name in ("public_holidays", "working_days", "working_days_per_month"):
        getattr(calendar, name).cache_clear()


def throughput(raw: list[bytes]) -> tuple[float, float, Counter]:
    """Dossiers per wall-clock second and per CPU second for parse + check of all of `raw`,
    and the rules that fired. CPU time is what one core gives when other processes share
    the machine; wall time is what a user waits."""
    from parcours.domain.loading import parse_dossier
    from parcours.domain.rules import check

    clear_caches()
    fired: Counter = Counter()
    start, cpu = time.perf_counter(), time.process_time()
    for document in raw:
        report = check(parse_dossier(document))
        fired.update(f.rule for f in report.findings)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return len(raw) / wall, len(raw) / cpu, fired


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core}"
    return "not pinned"


def cli_command(path: Path) -> list[str]:
    script = Path(sys.executable).with_name("parcours")
    if script.exists():
        return [str(script), "check", str(path)]
    return [sys.executable, "-m", "parcours.cli", "check", str(path)]


def run_cli(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, check=False)
    if result.returncode not in (0, 1):
        raise RuntimeError(result.stderr.decode())


def run() -> bool:
    allowed = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    print(f"generating {DOSSIERS:,} dossiers from {EXAMPLES} (not timed)…", flush=True)
    raw = generate(DOSSIERS)
    pinned = pin_to_one_core()
    walls, cpus, fired = [], [], Counter()
    for _ in range(ROUNDS):
        wall, cpu, fired = throughput(raw)
        walls.append(wall)
        cpus.append(cpu)
    if allowed is not None:
        os.sched_setaffinity(0, allowed)
    rate, cpu_rate = median(walls), median(cpus)
    print(
        f"parse + check of {DOSSIERS:,} dossiers, one core ({pinned}), median of {ROUNDS} rounds:"
        f"\n  {rate:,.0f} dossiers/s wall ({', '.join(f'{r:,.0f}' for r in walls)})"
        f"\n  {cpu_rate:,.0f} dossiers/s of CPU time ({', '.join(f'{r:,.0f}' for r in cpus)})"
        f"\n  target >= {TARGET_PER_SECOND:,}/s: wall {verdict(rate >= TARGET_PER_SECOND)}, "
        f"CPU {verdict(cpu_rate >= TARGET_PER_SECOND)}"
    )
    print(f"  findings per rule (variety check): {dict(sorted(fired.items()))}")

    example = EXAMPLES / "gestionnaire-paie-valide.json"
    command = cli_command(example)
    baseline = timings(lambda: run_cli([sys.executable, "-c", "pass"]), CLI_RUNS)
    cli_walls = timings(lambda: run_cli(command), CLI_RUNS)
    print(f"interpreter alone (python -c pass): {summary(baseline)}")
    shown = " ".join([Path(command[0]).name, *command[1:]])
    cli = median(cli_walls)
    print(
        f"`{shown}`: {summary(cli_walls)} target < {TARGET_CLI_SECONDS} s: "
        f"{verdict(cli < TARGET_CLI_SECONDS)}"
    )
    return rate >= TARGET_PER_SECOND and cli < TARGET_CLI_SECONDS
