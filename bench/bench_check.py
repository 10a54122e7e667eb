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


WORDS = (
    "client", "cabinet", "dossier", "salarié", "bulletin", "contrat", "déclaration", "logiciel",
    "procédure", "conformité", "équipe", "service", "atelier", "chantier", "magasin", "stock",
    "commande", "fournisseur", "facture", "planning", "sécurité", "qualité", "accueil", "vente",
)  # fmt: skip


def words(rng: random.Random, count: int) -> str:
    """A few words and a number: no two dossiers share a wording (the text caches miss,
    as with real dossiers)."""
    return " ".join(rng.choice(WORDS) for _ in range(count)) + f" n° {rng.randrange(10**6)}"


def vary(base: dict, rng: random.Random) -> dict:
    """One plausible dossier from an example, as varied as real ones: dates shifted by any
    number of days (the calendar caches miss), its own wording for every competence, module
    and séquence, a varied number of modules and competences, other hours and lengths."""
    data = shift_dates(copy.deepcopy(base), rng.randint(-1500, 1500))
    for module in data["modules"]:
        module["hours"] = round(module["hours"] * rng.uniform(0.6, 1.6), 1)
        module["title"] = f"{module['title']} : {words(rng, 2)}"
        if module.get("objective") and rng.random() < 0.9:
            module["objective"] = f"{module['objective']} du {words(rng, 3)}"
    used = {s["module"] for key in ("sequences", "sessions") for s in data.get(key) or []}
    extra_modules = rng.choice([0, 0, 1, 2, 4, 8])
    for n in range(extra_modules):  # more modules: more rows for the PAR and VOL rules
        copy_of = copy.deepcopy(rng.choice(data["modules"]))
        copy_of.update(
            id=f"MX{n}",
            title=f"Module complémentaire {words(rng, 2)}",
            hours=round(rng.uniform(7, 70), 1),
        )
        data["modules"].append(copy_of)
    if extra_modules == 0 and rng.random() < 0.4:  # fewer modules: one not referenced goes
        removable = [m for m in data["modules"] if m["id"] not in used]
        if removable and len(data["modules"]) > 2:
            data["modules"].remove(rng.choice(removable))
    for sequence in data.get("sequences") or []:
        sequence["general_objective"] = f"{sequence['general_objective']} : {words(rng, 2)}"
    kept = data["competences"][: rng.randint(max(1, len(data["competences"]) - 3), 13)]
    for competence in kept:
        competence["statement"] = f"{competence['statement']} du {words(rng, 3)}"
    for n in range(rng.choice([0, 0, 0, 1, 3, 6])):
        kept.append(
            {
                "id": f"X{n}",
                "statement": f"Être capable de traiter le cas particulier du {words(rng, 3)}",
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


def clear_caches() -> list[str]:
    """Empty every cache of the domain (functools caches of every loaded module of
    `parcours.domain`): each round starts cold. Returns their names."""
    import importlib
    import pkgutil

    import parcours.domain

    for module in pkgutil.walk_packages(parcours.domain.__path__, "parcours.domain."):
        if "documents" not in module.name:  # the papers (Typst, python-docx) are not the checker
            importlib.import_module(module.name)
    cleared = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("parcours.domain") or module is None:
            continue
        for attr, value in vars(module).items():
            if (
                callable(getattr(value, "cache_clear", None))
                and getattr(value, "__module__", None) == name
            ):
                value.cache_clear()
                cleared.append(f"{name}.{attr}")
    return cleared


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
    caches = clear_caches()
    print(
        f"each round starts with the {len(caches)} caches of the domain empty: {', '.join(caches)}"
    )
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
