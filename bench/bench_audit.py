"""The audit (issue 9): `manage.py audit` over N dossiers of a PostgreSQL scratch database.

    python -m bench audit --dossiers 100000 [--workers 2] [--keep]

The database (BENCH_AUDIT_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
parcours_bench_audit) is created, migrated and seeded when it does not hold N dossiers: the
shared examples and the demo dossier cloned with other learners, tutors and companies, in
every state; one in eight running with 60 sessions and ~40 attendance records (COPY). Timed:
the whole audit (count, ranges, every dossier read through `convert.document`, checked,
written to a CSV), with `--workers` processes (default: one per core). Printed: dossiers per
second, and where the processes' time went (database and document assembly, parse, rules,
writing). Target: 100,000 dossiers in under 2 minutes on 2 cores. `--keep` keeps the
database for the next run (seeding 100,000 takes a few minutes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench.timing import REPO, verdict

URL = os.environ.get(
    "BENCH_AUDIT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/parcours_bench_audit"
)
TARGET_PER_100K_S = 120.0
STATES = (
    "draft", "submitted", "changes_requested", "accepted", "refused", "running", "completed",
    "terminated",
)  # fmt: skip
TEMPLATES = (
    "gestionnaire-paie-valide", "volume-insuffisant", "alertes-redaction-et-formateur",
    "tuteur-surcharge-et-13-competences",
)  # fmt: skip
FIRST_NAMES = ("Nadia", "Lucas", "Inès", "Yanis", "Chloé", "Hugo", "Léa", "Karim", "Emma")
LAST_NAMES = ("Martin", "Bernard", "Petit", "Durand", "Leroy", "Moreau", "Garcia", "Roux")
COMPANIES = 500
SESSIONS = 60
MODULES = ("M1", "M2", "M4", "M2", "M1", "M3")
INTERNAL = {"M2", "M4"}


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench audit")
    parser.add_argument("--dossiers", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", action="store_true")
    known, _ = parser.parse_known_args(argv)
    return known


def _create_database() -> None:
    import psycopg

    name = URL.rsplit("/", 1)[1]
    with psycopg.connect(URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            c.execute(f'CREATE DATABASE "{name}"')


def _setup_django() -> None:
    os.environ["DATABASE_URL"] = URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parcours.settings")
    os.environ.setdefault("SECRET_KEY", "bench-" + "k" * 50)
    _create_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _templates() -> list[dict]:
    shared = REPO.parent / "shared" / "examples"
    found = [json.loads((shared / f"{n}.json").read_text(encoding="utf-8")) for n in TEMPLATES]
    demo = REPO / "parcours" / "fixtures" / "demo-dossier.json"
    return [*found, json.loads(demo.read_text(encoding="utf-8"))]


def _sessions(start: dt.date) -> list[dict]:
    return [
        {
            "id": f"S{n + 1}", "module": MODULES[n % len(MODULES)],
            "date": (start + dt.timedelta(days=7 + n * 5)).isoformat(), "hours": 3.5,
            "start_time": "09:00", "end_time": "12:30",
        }
        for n in range(SESSIONS)
    ]  # fmt: skip


def _seed(count: int) -> float:
    """`count` dossiers (and nothing else of the audit's kind): seconds spent."""
    from django.db import connection, transaction

    from parcours.attendance.models import Signature
    from parcours.dossiers.models import Dossier
    from parcours.organisations.models import Kind, Organisation

    start = time.perf_counter()
    Signature.objects.all().delete()
    Dossier.objects.all().delete()
    templates = _templates()
    companies = Organisation.objects.filter(kind=Kind.COMPANY).order_by("pk")[:COMPANIES]
    companies = list(companies) or Organisation.objects.bulk_create(
        Organisation(kind=Kind.COMPANY, name=f"Entreprise {n}", siret="44306184100047")
        for n in range(COMPANIES)
    )
    submitted = dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC)
    batch = []
    for n in range(count):
        data = json.loads(json.dumps(templates[n % len(templates)]))
        state = STATES[(n // len(templates)) % len(STATES)]
        company = companies[n % len(companies)]
        data["company"] = company.as_party()
        data["learner"]["first_name"] = FIRST_NAMES[n % len(FIRST_NAMES)]
        data["learner"]["last_name"] = f"{LAST_NAMES[n % len(LAST_NAMES)]}-{n}"
        data["tutor"]["name"] = f"Tuteur {n // 2}"  # two contracts per tutor
        data["status"] = state
        if state in ("running", "completed", "terminated"):
            data["sessions"] = _sessions(dt.date.fromisoformat(data["contract"]["start_date"]))
        sent = state != "draft"
        batch.append(
            Dossier(
                company_id=company.pk, status=state, content=data, reference=f"OPCO-{n}",
                first_submitted_at=submitted if sent else None,
                submitted_at=submitted if sent else None,
            )
        )  # fmt: skip
        if len(batch) == 1000:
            Dossier.objects.bulk_create(batch)
            batch = []
    Dossier.objects.bulk_create(batch)
    # Read before the COPY: the connection does nothing else while it copies.
    running = list(Dossier.objects.filter(status="running").values_list("pk", "content__sessions"))
    columns = (
        "dossier_id", "seq", "session_id", "signer", "signer_name", "trainer_ref", "presence",
        "absence_reason", "method", "signed_at", "recorded_by_name", "evidence_path",
        "evidence_content_type", "evidence_sha256", "previous_hash", "hash",
    )  # fmt: skip
    signed_at = dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)
    with transaction.atomic(), connection.cursor() as cursor:
        sql = f"COPY attendance_signature ({', '.join(columns)}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for pk, sessions in running:
                seq = 0
                for session in sessions[:30]:
                    signers = ["learner"] + (["trainer"] if session["module"] in INTERNAL else [])
                    for signer in signers:
                        seq += 1
                        copy.write_row((
                            pk, seq, session["id"], signer, "Signataire", "F1" if
                            signer == "trainer" else "", "present", "", "account", signed_at,
                            "", "", "", "", "a" * 64, "b" * 64,
                        ))  # fmt: skip
    return time.perf_counter() - start


def run() -> bool:
    args = _arguments(sys.argv[1:])
    _setup_django()
    from django.db import connection

    from parcours.attendance.models import Signature
    from parcours.audit import runner
    from parcours.audit.audit import Options
    from parcours.audit.report import time_spent
    from parcours.dossiers.models import Dossier

    seeded = 0.0
    if Dossier.objects.count() != args.dossiers or not Signature.objects.exists():
        seeded = _seed(args.dossiers)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # statistics for the planner, as autovacuum would
    records = Signature.objects.count()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            output = Path(tmp) / "audit.csv"
            cpu = _cpu_seconds()
            tally, seconds, used = runner.run(
                Options(as_of=dt.date(2027, 6, 15)), output, args.workers, progress=False
            )
            cpu = _cpu_seconds() - cpu
            size = output.stat().st_size
    finally:
        connection.close()
        if not args.keep:
            _drop_database()
    target = TARGET_PER_100K_S * args.dossiers / 100_000
    ok = seconds < target
    findings = sum(tally.findings.values())
    print(
        f"audit of {tally.checked:,} dossiers ({records:,} attendance records"
        + (f"; seeded in {seeded:.0f} s" if seeded else "; database kept from a previous run")
        + f"), PostgreSQL {connection.pg_version // 10000}, {used} processes:\n"
        f"  {seconds:.1f} s, {tally.checked / seconds:,.0f} dossiers/s; {findings:,} findings, "
        f"{tally.unreadable} unreadable, CSV {size / 1e6:.0f} MB\n"
        f"  CPU of the audit's processes (PostgreSQL's apart): {cpu:.1f} s, "
        f"{1000 * cpu / max(tally.checked, 1):.2f} ms per dossier\n"
        f"  {time_spent(tally)}\n"
        f"  target < {target:.0f} s ({TARGET_PER_100K_S:.0f} s per 100,000 on 2 cores): "
        f"{verdict(ok)}"
    )
    return ok


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the audit's workers)."""
    own, children = (
        resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _drop_database() -> None:
    import psycopg

    name = URL.rsplit("/", 1)[1]
    with psycopg.connect(URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}"')
