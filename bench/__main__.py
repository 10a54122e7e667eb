"""Run every benchmark module of this package (`bench/bench_*.py`), in name order."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from bench.timing import machine


def benchmark_modules() -> list[str]:
    here = Path(__file__).resolve().parent
    return sorted(f"bench.{p.stem}" for p in here.glob("bench_*.py"))


def main(names: list[str]) -> int:
    print(machine(), flush=True)
    failed = 0
    for name in benchmark_modules():
        short = name.removeprefix("bench.bench_")  # `python -m bench audit` runs bench_audit
        if names and not {name, name.removeprefix("bench."), short} & set(names):
            continue
        print(f"\n== {name}", flush=True)
        module = importlib.import_module(name)
        if module.run() is False:
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
