"""The OPCO's CSV export streamed at scale: `python -m bench export --dossiers 100000`.

The database of `python -m bench portfolio` (`parcours_bench_<N>`, seeded when missing),
gunicorn with ONE worker on loopback (so that its memory is the export's), an OPCO
instructor logged in, then the export of every dossier the OPCO sees (all states but the
drafts) read as it streams. Prints the rows, the time to the first byte and to the end
(target: 100,000 rows in under 30 s), and the worker's resident memory before and at its
peak during the download, sampled every 50 ms (target: flat, i.e. it grows by much less
than the file's size — a list built in memory would grow with it).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.bench_portfolio import prepared, start_server, stop
from bench.timing import machine, verdict

TARGET_SECONDS_PER_100K = 30
STATES = ("submitted", "changes_requested", "accepted", "refused", "running", "completed",
          "terminated")  # fmt: skip
MIB = 1024 * 1024


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench export")
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--database-url", help="use this seeded database as it is")
    known, _ = parser.parse_known_args(argv)
    return known


class Sampler(threading.Thread):
    """The largest resident set size of a process, sampled until stopped."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        import psutil  # locust's dependency

        self.process = psutil.Process(pid)
        self.peak = self.process.memory_info().rss
        self.running = True

    def run(self):
        while self.running:
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.05)


def logged_in(host: str):
    import requests  # locust's dependency

    session = requests.Session()
    page = session.get(host + "/connexion/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    session.post(
        host + "/connexion/",
        data={"username": "seed-opco-1", "password": "demo-parcours",
              "csrfmiddlewaretoken": token},
        headers={"Referer": host + "/connexion/"},
    )  # fmt: skip
    assert "sessionid" in session.cookies, "connexion refusée"
    return session


class Counting(io.RawIOBase):
    """The response's bytes as a file, counting them and the time of the first one."""

    def __init__(self, chunks):
        self.chunks, self.size, self.first, self.rest = chunks, 0, None, b""

    def readable(self):
        return True

    def readinto(self, buffer):
        while not self.rest:
            chunk = next(self.chunks, None)
            if chunk is None:
                return 0
            if self.first is None:
                self.first = time.perf_counter()
            self.rest = chunk
        n = min(len(buffer), len(self.rest))
        buffer[:n], self.rest = self.rest[:n], self.rest[n:]
        self.size += n
        return n


def export(host: str, worker_pid: int) -> dict:
    session = logged_in(host)
    session.get(host + "/opco/")  # the worker's imports and caches, before measuring
    sampler = Sampler(worker_pid)
    before = sampler.peak
    sampler.start()
    start = time.perf_counter()
    query = "&".join(f"status={s}" for s in STATES)
    response = session.get(f"{host}/opco/file/export.csv?{query}", stream=True)
    assert response.status_code == 200, response.status_code
    raw = Counting(response.iter_content(chunk_size=64 * 1024))
    text = io.TextIOWrapper(io.BufferedReader(raw), encoding="utf-8-sig", newline="")
    rows = sum(1 for _ in csv.reader(text, delimiter=";")) - 1  # the header line
    end = time.perf_counter()
    sampler.running = False
    sampler.join()
    return {
        "rows": rows,
        "bytes": raw.size,
        "first_byte": (raw.first or end) - start,
        "seconds": end - start,
        "rss_before": before,
        "rss_peak": sampler.peak,
    }


def run(argv: list[str] | None = None) -> bool:
    argv = sys.argv[1:] if argv is None else argv
    opts = options(argv)
    if "export" not in argv and "bench_export" not in argv and "--dossiers" not in argv:
        opts.dossiers = 10_000  # part of `python -m bench` (every bench): a smaller run
    url = opts.database_url or prepared(opts.dossiers)
    with tempfile.TemporaryDirectory(prefix="parcours-bench-") as tmp:
        server, host = start_server(url, 1, Path(tmp))
        try:
            import psutil

            worker = psutil.Process(server.pid).children()[0].pid
            result = export(host, worker)
        finally:
            stop(server)
    rows, seconds = result["rows"], result["seconds"]
    growth = (result["rss_peak"] - result["rss_before"]) / MIB
    per_100k = seconds * 100_000 / rows if rows else float("inf")
    print(
        f"export CSV de {rows} dossiers ({result['bytes'] / MIB:.1f} Mio) : premier octet "
        f"en {result['first_byte']:.2f} s, fin en {seconds:.1f} s ({rows / seconds:.0f} "
        f"lignes/s ; {per_100k:.1f} s pour 100 000 lignes)"
    )
    print(
        f"mémoire du worker gunicorn : {result['rss_before'] / MIB:.0f} Mio avant, "
        f"{result['rss_peak'] / MIB:.0f} Mio au plus haut (+{growth:.1f} Mio pour un "
        f"fichier de {result['bytes'] / MIB:.1f} Mio)"
    )
    fast = per_100k < TARGET_SECONDS_PER_100K
    flat = growth < max(20.0, result["bytes"] / MIB / 4)
    print(f"100 000 lignes en moins de {TARGET_SECONDS_PER_100K} s : {verdict(fast)}")
    print(f"mémoire plate (croissance bien moindre que le fichier) : {verdict(flat)}")
    return fast and flat


if __name__ == "__main__":
    print(machine())
    sys.exit(0 if run() else 1)
