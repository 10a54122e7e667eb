"""parcours's benchmark suite: `python -m bench` (or `make bench`).

Every `bench/bench_*.py` module exposes `run()`; the runner calls them in turn
after printing the machine. Helpers shared by the benchmarks live in `bench.timing`.
"""
