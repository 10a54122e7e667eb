"""Where the portfolio's pages spend their time, one request at a time, in this process:
`python -m bench.portfolio_profile --database-url postgres://postgres@127.0.0.1/parcours_bench_100000`

For each page of the load test (bench/locust_portfolio.py): the median time of a few
requests through Django's test client (no network, no other user), the number of SQL
queries, and the slowest queries with their time; `--explain` adds PostgreSQL's plan
(EXPLAIN ANALYZE) of the slowest one. What `python -m bench portfolio` cannot say: under
load, a slow page and a busy machine look alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

# Every state the OPCO sees, as bench/locust_portfolio.py asks for them.
STATES = ("submitted", "changes_requested", "accepted", "refused", "running", "completed",
          "terminated")  # fmt: skip


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.portfolio_profile")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--explain", action="store_true")
    opts = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = opts.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parcours.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.bench_portfolio import config
    from bench.timing import machine
    from parcours.accounts.models import User

    print(machine())
    import tempfile
    from pathlib import Path
    from urllib.parse import urlencode

    with tempfile.TemporaryDirectory() as tmp:
        cfg = config(opts.database_url, Path(tmp) / "c.json")
    client = Client()
    client.force_login(User.objects.get(username=cfg["username"]))
    sent = [("status", s) for s in STATES]
    pages = {
        "file : page 1 (soumis)": "/opco/",
        "file : tous, tri par salarié": "/opco/?" + urlencode(sent + [("sort", "learner")]),
        "file : page profonde (curseur)": "/opco/?"
        + urlencode(sent + [("sort", "learner"), ("after", cfg["cursors"][2])]),
        "recherche": "/opco/?" + urlencode(sent + [("q", cfg["search"][0][0])]),
        "tableau de bord": "/opco/tableau-de-bord/",
        "synthèse d'un dossier": f"/opco/dossiers/{cfg['summaries'][0]}/synthese/",
    }
    for name, url in pages.items():
        times = []
        for _ in range(opts.runs):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        slow = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
        sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        print(
            f"\n{name}: médiane {statistics.median(times) * 1000:.0f} ms, "
            f"{len(queries.captured_queries)} requêtes SQL ({sql_ms:.0f} ms), "
            f"{len(response.content) // 1024} Kio"
        )
        for q in slow:
            print(f"  {float(q['time']) * 1000:7.1f} ms  {q['sql'][:300]}")
        if opts.explain and slow and float(slow[0]["time"]) > 0.02:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slow[0]["sql"])
                plan = "\n".join("    " + r[0] for r in cursor.fetchall())
            print(plan)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
