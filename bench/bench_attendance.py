"""Attendance (issue [4]): writing one signature on a dossier that already holds 1,000
records, through `parcours.attendance.actions.sign_session` (permission checks, the
dossier row locked, the chain appended, the history event); and verifying a chain of
10,000 records (pure domain, `chain_breaks`).

    python -m bench bench_attendance

The database is a throw-away test database the bench creates: SQLite (a file in a
temporary directory) by default, PostgreSQL when DATABASE_URL is set (Django's test
database `test_<name>`, created and destroyed here). Targets: p95 of one write < 50 ms;
verifying 10,000 records < 1 s.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.timing import median, summary, timings, verdict

PREFILLED = 1_000
WRITES = 60
CHAIN = 10_000
VERIFY_RUNS = 5
TARGET_WRITE_P95_S = 0.050
TARGET_VERIFY_S = 1.0


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def _records(count: int) -> list[dict]:
    from parcours.domain.attendance import next_record_fields

    start = dt.datetime(2027, 1, 4, 8, 30, tzinfo=dt.UTC)
    records, previous = [], None
    for n in range(count):
        previous = next_record_fields(
            previous,
            session=f"S{n // 2 + 1}",
            signer="learner" if n % 2 == 0 else "trainer",
            signer_name="Nadia Exemple" if n % 2 == 0 else "Marc Petit",
            trainer=None if n % 2 == 0 else "F1",
            presence="present",
            method="account",
            signed_at=start + dt.timedelta(hours=n),
        )
        records.append(previous)
    return records


def bench_verify() -> bool:
    from parcours.domain.attendance import chain_breaks

    records = _records(CHAIN)
    assert chain_breaks(records) == []
    times = timings(lambda: chain_breaks(records), VERIFY_RUNS)
    tampered = [dict(r) for r in records]
    tampered[CHAIN // 2]["signer_name"] = "Quelqu'un d'autre"
    assert [b.seq for b in chain_breaks(tampered)] == [CHAIN // 2 + 1]
    ok = median(times) < TARGET_VERIFY_S
    print(
        f"verify a chain of {CHAIN:,} records (pure domain, chain_breaks): {summary(times)}\n"
        f"  target < {TARGET_VERIFY_S:.0f} s: {verdict(ok)}"
    )
    return ok


# --- the database ---------------------------------------------------------------------------


def _setup_django(tmp: Path) -> tuple[str, object]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parcours.settings")
    os.environ.setdefault("SECRET_KEY", "bench-" + "k" * 50)
    os.environ.setdefault("PRIVATE_MEDIA_ROOT", str(tmp / "private_media"))
    import django

    django.setup()
    from django.db import connection

    if connection.vendor == "sqlite":  # a file, as in production, not an in-memory database
        connection.settings_dict["TEST"]["NAME"] = str(tmp / "bench.sqlite3")
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    return connection.vendor, name


def _world(sessions: int):
    """A running dossier with `sessions` internal sessions in the past (trainer F1 mapped
    to a trainer account), its learner and trainer."""
    import json

    from django.utils import timezone

    from parcours.accounts.enums import Role
    from parcours.accounts.models import User
    from parcours.dossiers import convert
    from parcours.dossiers.models import Dossier
    from parcours.organisations.models import Kind, Organisation

    example = Path(__file__).resolve().parents[2] / "shared/examples/gestionnaire-paie-valide.json"
    data = json.loads(example.read_text(encoding="utf-8"))
    company = Organisation.objects.create(
        kind=Kind.COMPANY,
        name="Cabinet Exemple",
        siret=data["company"]["siret"],
        address=data["company"]["address"],
        representative_name="Claire Martin",
        representative_role="Gérante",
    )
    learner = User.objects.create(
        username="nadia", first_name="Nadia", last_name="Exemple", role=Role.LEARNER,
        organisation=company,
    )  # fmt: skip
    trainer = User.objects.create(
        username="marc", first_name="Marc", last_name="Petit", role=Role.TRAINER,
        organisation=company,
    )  # fmt: skip
    first = timezone.localdate() - dt.timedelta(days=sessions + 10)
    data["sessions"] = [
        {"id": f"S{n + 1}", "module": "M2", "date": (first + dt.timedelta(days=n)).isoformat(),
         "hours": 3.5, "start_time": "09:00", "end_time": "12:30"}
        for n in range(sessions)
    ]  # fmt: skip
    row = Dossier(company=company, status="running", learner=learner)
    convert.apply_document(row, data)
    row.trainer_accounts = {"F1": trainer.pk}
    row.save()
    row.trainers.set([trainer])
    return row, learner, trainer


def _prefill(row, learner, trainer, count: int) -> None:
    """`count` records written directly (bulk, chained like the actions do), not timed."""
    from parcours.attendance.models import Signature
    from parcours.dossiers.models import Dossier

    rows = []
    for n, r in enumerate(_records(count)):
        rows.append(
            Signature(
                dossier=row,
                seq=r["seq"],
                session_id=r["session"],
                signer=r["signer"],
                signer_user=learner if n % 2 == 0 else trainer,
                signer_name=r["signer_name"],
                trainer_ref=r.get("trainer") or "",
                presence="present",
                method="account",
                signed_at=r["signed_at"],
                previous_hash=r["previous_hash"],
                hash=r["hash"],
            )  # fmt: skip
        )
    Signature.objects.bulk_create(rows, batch_size=500)
    last = rows[-1]
    Dossier.objects.filter(pk=row.pk).update(attendance_head=last.hash, attendance_count=last.seq)
    row.refresh_from_db()


def bench_write() -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        vendor, name = _setup_django(Path(tmp))
        from django.db import connection

        from parcours.attendance import actions as attendance
        from parcours.attendance.verify import verify_dossier

        try:
            sessions = PREFILLED // 2 + WRITES
            row, learner, trainer = _world(sessions)
            _prefill(row, learner, trainer, PREFILLED)
            free = iter(range(PREFILLED // 2 + 1, sessions + 1))

            def write():
                n = next(free)
                attendance.sign_session(row, learner, f"S{n}", signer="learner")

            times = timings(write, WRITES - 1, warmup=1)
            start = time.perf_counter()
            whole = verify_dossier(row) == []
            verified = time.perf_counter() - start
        finally:
            connection.creation.destroy_test_db(name, verbosity=0)
    worst = p95(times)
    ok = worst < TARGET_WRITE_P95_S
    print(
        f"write one signature (sign_session) on a dossier holding {PREFILLED:,} records, "
        f"{vendor} test database:\n"
        f"  median {median(times) * 1000:.1f} ms, p95 {worst * 1000:.1f} ms "
        f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}, {len(times)} writes)\n"
        f"  target p95 < {TARGET_WRITE_P95_S * 1000:.0f} ms: {verdict(ok)}\n"
        f"  then verify_dossier on the database ({PREFILLED + WRITES:,} records): "
        f"{verified * 1000:.0f} ms, chain {'whole' if whole else 'BROKEN'}"
    )
    return ok and whole


def run() -> bool:
    verified = bench_verify()
    written = bench_write()
    return verified and written


if __name__ == "__main__":
    from bench.timing import machine

    print(machine())
    raise SystemExit(0 if run() else 1)
