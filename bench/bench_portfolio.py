"""The OPCO's portfolio under load: `python -m bench portfolio --dossiers 100000`.

For each size: a scratch PostgreSQL database `parcours_bench_<N>` on 127.0.0.1 (trust
authentication; created, migrated and seeded with `manage.py seed` unless it already holds
N dossiers), gunicorn on loopback (DEBUG off, persistent connections), then locust headless
for a bounded time: 10 OPCO instructors (logged in once each) on the queue's first page, a
deep page by its cursor, a search, the dashboard and one-page summaries. Prints p50/p95 per
page and the verdict against the target (p95 < 300 ms at 100,000 dossiers).

Options (after the bench's name): --dossiers 10000,100000  --users 10  --duration 60
--warmup 15  --workers 5 (default 2 × cores + 1)  --skip dashboard (pages left out)
--database-url postgres://… (an already seeded database: nothing is created or seeded).
"""

from __future__ import annotations

import argparse
import base64
import csv
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.timing import REPO, load_average, machine, verdict

TARGET_P95_MS = 300
SERVER = "127.0.0.1"
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench portfolio")
    parser.add_argument("--dossiers", default="100000", help="sizes, comma-separated")
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load per size")
    parser.add_argument(
        "--warmup", type=int, default=15, help="seconds of load before, not counted"
    )
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--database-url", help="use this seeded database as it is")
    parser.add_argument(
        "--skip", default="", help="pages left out, e.g. dashboard,summary (locust_portfolio)"
    )
    known, _ = parser.parse_known_args(argv)
    return known


def psql(sql: str, database: str = "postgres") -> str:
    out = subprocess.run(
        ["psql", "-h", SERVER, "-U", "postgres", "-d", database, "-AtXq", "-c", sql],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return out.stdout.strip()


def manage(url: str, *args: str, env: dict | None = None) -> None:
    environment = {**os.environ, "DATABASE_URL": url, **(env or {})}
    subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=environment, check=True)


def prepared(n: int) -> str:
    """The URL of a database holding exactly n seeded dossiers (made when needed)."""
    name = f"parcours_bench_{n}"
    url = f"postgres://postgres@{SERVER}:5432/{name}"
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
    count = None
    if exists:
        try:
            count = int(psql("SELECT count(*) FROM dossiers_dossier", name))
        except subprocess.CalledProcessError:
            count = None
    if count == n:
        print(f"base {name} : déjà {n} dossiers, pas de nouvel ensemencement", flush=True)
        manage(url, "migrate", "-v0")
        psql("ANALYZE", name)
        return url
    if exists:
        psql(f'DROP DATABASE "{name}"')
    psql(f'CREATE DATABASE "{name}"')
    manage(url, "migrate", "-v0")
    started = time.perf_counter()
    manage(url, "seed", "--dossiers", str(n), "--batch", "2000")
    print(f"seed {n} : {time.perf_counter() - started:.0f} s (migrations à part)", flush=True)
    psql("VACUUM ANALYZE", name)
    return url


def encode_cursor(value, pk: int) -> str:
    """As `parcours.portfolio.queue.encode_cursor` (the locust check « Page précédente »
    fails if the two ever differ: a cursor that does not read shows the first page)."""
    raw = json.dumps([value, pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def config(url: str, path: Path, skip: tuple[str, ...] = ()) -> dict:
    """What the locust users need, read from the database: the first instructor, cursors
    deep into the queue sorted by learner, learners' last names and dossier ids."""
    db = url.rsplit("/", 1)[1]
    sent = "status <> 'draft'"
    total = int(psql(f"SELECT count(*) FROM dossiers_dossier WHERE {sent}", db))
    cursors = []
    for fraction in (0.3, 0.5, 0.7, 0.9):
        row = psql(
            f"SELECT learner_name, id FROM dossiers_dossier WHERE {sent} AND learner_name "
            f"IS NOT NULL ORDER BY learner_name, id OFFSET {int(total * fraction)} LIMIT 1",
            db,
        )
        name, pk = row.rsplit("|", 1)
        cursors.append(encode_cursor(name, int(pk)))
    names = psql(
        f"SELECT learner_name FROM dossiers_dossier WHERE {sent} ORDER BY random() LIMIT 300", db
    ).splitlines()
    search = []
    for name in names:  # « NOM Prénom »: the last name, plain letters only
        last = name.split(" ")[0]
        if last.isascii() and last.isalpha() and len(last) > 3:
            search.append([last.lower(), last])
    ids = psql(
        f"SELECT id FROM dossiers_dossier WHERE {sent} ORDER BY random() LIMIT 500", db
    ).split()
    data = {
        "username": "seed-opco-1",
        "password": "demo-parcours",
        "cursors": cursors,
        "search": search[:50],
        "summaries": [int(i) for i in ids],
        "skip": list(skip),
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return data


def free_port() -> int:
    with socket.socket() as s:
        s.bind((SERVER, 0))
        return s.getsockname()[1]


def server_env(url: str, static: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "HTTPS": "false",
        "ALLOWED_HOSTS": SERVER,
        "CONN_MAX_AGE": "60",
        "STATIC_ROOT": str(static),
        "TASKS_BACKEND": "immediate",
    }


def start_server(url: str, workers: int, work: Path) -> tuple[subprocess.Popen, str]:
    env = server_env(url, work / "static")
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=REPO, env=env, check=True
    )
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "parcours.wsgi", "-b", f"{SERVER}:{port}", "-w", str(workers),
         "--log-level", "warning"],
        cwd=REPO, env=env, start_new_session=True,
    )  # fmt: skip
    host = f"http://{SERVER}:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(host + "/connexion/", timeout=2)
            return server, host
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise RuntimeError("gunicorn ne répond pas")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def load(host: str, cfg_path: Path, users: int, seconds: int, work: Path) -> list[dict]:
    prefix = work / "locust"
    subprocess.run(
        [str(BIN / "locust"), "-f", str(REPO / "bench" / "locust_portfolio.py"), "--headless",
         "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--host", host,
         "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
        cwd=REPO, env={**os.environ, "PARCOURS_LOCUST_CONFIG": str(cfg_path)},
        check=False, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def report(n: int, rows: list[dict], opts: argparse.Namespace) -> bool:
    skipped = f" (sans {opts.skip})" if opts.skip else ""
    print(
        f"\n{n} dossiers — {opts.users} utilisateurs, {opts.duration} s, gunicorn "
        f"{opts.workers} workers{skipped}",
        flush=True,
    )
    print(f"{'page':36} {'requêtes':>8} {'échecs':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    ok = True
    for row in rows:
        name = row["Name"]
        if name == "Aggregated" or name.startswith("connexion"):
            continue
        p95 = float(row["95%"])
        failures = int(row["Failure Count"])
        ok = ok and failures == 0 and p95 < TARGET_P95_MS
        print(
            f"{name:36} {row['Request Count']:>8} {failures:>6} {row['50%']:>7} "
            f"{row['95%']:>7} {row['99%']:>7}"
        )
    total = next((r for r in rows if r["Name"] == "Aggregated"), None)
    if total:
        print(f"débit : {float(total['Requests/s']):.1f} requêtes/s")
    # Another job on the machine shows as a slow page: say how busy it was.
    print(
        f"machine à la fin : {load_average()} (au-delà du nombre de cœurs, les pages "
        "attendent le processeur)"
    )
    print(f"p95 < {TARGET_P95_MS} ms sur chaque page, sans échec : {verdict(ok)}")
    return ok


def run(argv: list[str] | None = None) -> bool:
    argv = sys.argv[1:] if argv is None else argv
    opts = options(argv)
    if "portfolio" not in argv and "bench_portfolio" not in argv and "--dossiers" not in argv:
        # Part of `python -m bench` (every bench): a smaller run than the named one.
        opts.dossiers, opts.duration = "10000", 30
    random.seed(1)
    ok = True
    sizes = [0] if opts.database_url else [int(x) for x in opts.dossiers.split(",")]
    for n in sizes:
        url = opts.database_url or prepared(n)
        with tempfile.TemporaryDirectory(prefix="parcours-bench-") as tmp:
            work = Path(tmp)
            cfg_path = work / "locust.json"
            config(url, cfg_path, tuple(x for x in opts.skip.split(",") if x))
            db = url.rsplit("/", 1)[1]
            n = n or int(psql("SELECT count(*) FROM dossiers_dossier", db))
            server, host = start_server(url, opts.workers, work)
            try:
                # Each worker's first requests compile templates and fill caches: a first
                # run that is not counted, then the measured one.
                if opts.warmup:
                    load(host, cfg_path, opts.users, opts.warmup, work)
                rows = load(host, cfg_path, opts.users, opts.duration, work)
            finally:
                stop(server)
            ok = report(n, rows, opts) and ok
    return ok


if __name__ == "__main__":
    print(machine())
    sys.exit(0 if run() else 1)
