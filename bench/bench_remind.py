"""Reminders (issue [5]): `parcours remind` over 10,000 running dossiers, each a 12-month
contract with 60 half-day sessions, its past sessions signed (learner, and trainer for the
interne and AFEST ones) except the last two, every person with an e-mail address.

    python -m bench bench_remind

The database is a throw-away SQLite file the bench seeds with bulk inserts (about 10,000
dossiers, 16,000 accounts, 350,000 attendance records). Timed: the whole run
(`parcours.reminders.remind.remind`: the to-do lists recomputed for every dossier, the new
reminders recorded, one e-mail per person queued on the database task backend), first with
nothing sent yet (each person gets an e-mail), then the same day again (nothing new).
Target: under 30 s.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import time
from pathlib import Path

from bench.timing import median, verdict

DOSSIERS = 10_000
SESSIONS = 60
COMPANIES = 200
FACILITATORS = 20
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
TARGET_S = 30.0
TODAY = dt.date(2027, 6, 15)
START = dt.date(2027, 1, 4)
MODULES = ("M1", "M2", "M4", "M2", "M1", "M3")  # externe, interne, AFEST, interne, …
INTERNAL = {"M2", "M4", "M5"}


def _setup_django(tmp: Path) -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parcours.settings")
    os.environ.setdefault("SECRET_KEY", "bench-" + "k" * 50)
    os.environ.setdefault("PRIVATE_MEDIA_ROOT", str(tmp / "private_media"))
    os.environ["TASKS_BACKEND"] = "database"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    if connection.vendor == "sqlite":  # a file, as in production, not an in-memory database
        connection.settings_dict["TEST"]["NAME"] = str(tmp / "bench-remind.sqlite3")
    return connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)


def _sessions() -> list[dict]:
    """60 half-days, one every 4 or 5 days from the start, the module in turn."""
    return [
        {
            "id": f"S{n + 1}",
            "module": MODULES[n % len(MODULES)],
            "date": (START + dt.timedelta(days=7 + n * 5)).isoformat(),
            "hours": 3.5,
            "start_time": "09:00",
            "end_time": "12:30",
        }
        for n in range(SESSIONS)
    ]


def _seed() -> None:
    from django.db import connection, transaction

    from parcours.accounts.enums import Role
    from parcours.accounts.models import User
    from parcours.dossiers.models import Dossier
    from parcours.organisations.models import Kind, Organisation

    example = Path(__file__).resolve().parents[2] / "shared/examples/gestionnaire-paie-valide.json"
    data = json.loads(example.read_text(encoding="utf-8"))
    data["status"] = "running"
    data["sessions"] = _sessions()
    signed = [s for s in data["sessions"] if s["date"] < TODAY.isoformat()][:-2]
    with transaction.atomic():
        opco = Organisation.objects.create(kind=Kind.OPCO, name="Atlas", siret="85129663200017")
        helpers = Organisation.objects.bulk_create(
            Organisation(kind=Kind.FACILITATOR, name=f"Facilitateur {n}", siret="52345679600011")
            for n in range(FACILITATORS)
        )
        companies = Organisation.objects.bulk_create(
            Organisation(kind=Kind.COMPANY, name=f"Entreprise {n}", siret="44306184100047")
            for n in range(COMPANIES)
        )
        through = Organisation.facilitators.through
        through.objects.bulk_create(
            through(from_organisation_id=c.pk, to_organisation_id=helpers[n % FACILITATORS].pk)
            for n, c in enumerate(companies)
        )

        def person(name, role, org):
            email = f"{name}@exemple.fr"
            return User(username=name, email=email, first_name=name, last_name="Test",
                        role=role, organisation_id=org.pk, password="!")  # fmt: skip

        people = [person("opco", Role.OPCO_STAFF, opco)]
        people += [person(f"fac{n}", Role.FACILITATOR, h) for n, h in enumerate(helpers)]
        people += [person(f"admin{n}", Role.COMPANY_ADMIN, c) for n, c in enumerate(companies)]
        learners = [
            person(f"learner{n}", Role.LEARNER, companies[n % COMPANIES]) for n in range(DOSSIERS)
        ]
        tutors = [
            person(f"tutor{n}", Role.TUTOR, companies[n % COMPANIES])
            for n in range(DOSSIERS // 3 + 1)
        ]
        trainers = [
            person(f"trainer{n}", Role.TRAINER, companies[n % COMPANIES])
            for n in range(DOSSIERS // 5)
        ]
        User.objects.bulk_create(people + learners + tutors + trainers, batch_size=2000)
        ids = dict(User.objects.values_list("username", "pk"))
        rows = []
        for n in range(DOSSIERS):
            company = companies[n % COMPANIES]
            content = dict(data, company=company.as_party())
            rows.append(
                Dossier(
                    company_id=company.pk,
                    status="running",
                    content=content,
                    learner_id=ids[f"learner{n}"],
                    tutor_id=ids[f"tutor{n // 3}"],
                    trainer_accounts={"F1": ids[f"trainer{n // 5}"]},
                    agreement_number=f"ACC-{n}",
                    agreement_date=dt.date(2026, 12, 15),
                )
            )
        Dossier.objects.bulk_create(rows, batch_size=500)
        dossier_ids = list(Dossier.objects.order_by("pk").values_list("pk", flat=True))
        signed_at = dt.datetime(2027, 1, 11, 12, 0, tzinfo=dt.UTC).isoformat(" ")
        lines = []
        for s in signed:
            lines.append((s["id"], "learner", "Nadia Exemple", ""))
            if s["module"] in INTERNAL:
                lines.append((s["id"], "trainer", "Marc Petit", "F1"))
        columns = (
            "dossier_id, seq, session_id, signer, signer_name, trainer_ref, presence, "
            "absence_reason, method, signed_at, recorded_by_name, evidence_path, "
            "evidence_content_type, evidence_sha256, previous_hash, hash"
        )
        sql = f"INSERT INTO attendance_signature ({columns}) VALUES ({', '.join(['%s'] * 16)})"
        with connection.cursor() as cursor:
            for pk in dossier_ids:
                cursor.executemany(
                    sql,
                    [
                        (
                            pk,
                            seq,
                            session,
                            signer,
                            name,
                            trainer,
                            "present",
                            "",
                            "account",
                            signed_at,
                            "",
                            "",
                            "",
                            "",
                            "a" * 64,
                            "b" * 64,
                        )
                        for seq, (session, signer, name, trainer) in enumerate(lines, 1)
                    ],  # fmt: skip
                )
        Dossier.objects.update(attendance_count=len(lines), attendance_head="b" * 64)


def run() -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        name = _setup_django(Path(tmp))
        from django.db import connection

        from parcours.reminders.models import Reminder
        from parcours.reminders.remind import remind

        try:
            start = time.perf_counter()
            _seed()
            seeded = time.perf_counter() - start
            from django_tasks_db.models import DBTaskResult

            from parcours.attendance.models import Signature

            records = Signature.objects.count()
            first, again, cpu_first, cpu_again = [], [], [], []
            for _ in range(RUNS):
                Reminder.objects.all().delete()
                DBTaskResult.objects.all().delete()
                start, cpu = time.perf_counter(), time.process_time()
                summary = remind(TODAY)
                first.append(time.perf_counter() - start)
                cpu_first.append(time.process_time() - cpu)
                start, cpu = time.perf_counter(), time.process_time()
                repeat = remind(TODAY)
                again.append(time.perf_counter() - start)
                cpu_again.append(time.process_time() - cpu)
                assert repeat.emails == 0 and summary.emails > 0
            queued = DBTaskResult.objects.count()
        finally:
            connection.creation.destroy_test_db(name, verbosity=0)
    ok = median(first) < TARGET_S and median(again) < TARGET_S
    print(
        f"parcours remind over {DOSSIERS:,} running dossiers ({SESSIONS} sessions each, "
        f"{records:,} attendance records; seeded in {seeded:.0f} s), sqlite:\n"
        f"  first run of the day: median {median(first):.1f} s (min {min(first):.1f}, "
        f"max {max(first):.1f}, {RUNS} runs; CPU {median(cpu_first):.1f} s): "
        f"{summary.new:,} reminders, {summary.emails:,} e-mails queued ({queued:,} tasks)\n"
        f"  same day again: median {median(again):.1f} s (CPU {median(cpu_again):.1f} s; "
        "nothing new)\n"
        f"  target < {TARGET_S:.0f} s: {verdict(ok)}"
    )
    return ok
