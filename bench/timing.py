"""Shared helpers: the machine's description, repeated timings and their median."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "processeur inconnu"


def ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return None


def load_average() -> str:
    try:
        return "load " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "load unknown"


def machine() -> str:
    ram = ram_gib()
    return (
        f"machine: {cpu_model()}, {os.cpu_count()} cores, "
        f"{f'{ram:.1f} GiB RAM' if ram else 'RAM unknown'}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}, "
        f"{load_average()}"
    )


def timings(action: Callable[[], object], runs: int, warmup: int = 1) -> list[float]:
    """Wall-clock seconds of `runs` calls of action, after `warmup` untimed calls."""
    for _ in range(warmup):
        action()
    result = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        result.append(time.perf_counter() - start)
    return result


def median(values: list[float]) -> float:
    return statistics.median(values)


def summary(values: list[float]) -> str:
    """'median 0.412 s (min 0.398, max 0.517, 15 runs)'"""
    return (
        f"median {median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f}, "
        f"{len(values)} runs)"
    )


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"
