"""Summary columns (issue 9): what keeping them costs.

- one save of a section through `parcours.dossiers.actions.update_section` (permission
  checks, validation, the versioned UPDATE, the history) and, within it, the summary's
  refresh (`summary.refresh_summary`: the document read back, the rules checked, one UPDATE);
- `summary.refresh_rows` over many stored dossiers (`manage.py refresh_summaries`, the
  backfill migration): dossiers per second;
- the pure `domain.summary.summarize` (the engine's check included) per dossier.

    python -m bench bench_summary

A throw-away test database (SQLite file by default, PostgreSQL when DATABASE_URL is set).
Targets: the refresh adds < 20 ms (median) to a save; refresh_rows > 100 dossiers/s.
"""

from __future__ import annotations

import copy
import json
import tempfile
import time
from pathlib import Path

from bench.bench_attendance import _setup_django
from bench.timing import median, summary, timings, verdict

EXAMPLE = Path(__file__).resolve().parents[2] / "shared/examples/gestionnaire-paie-valide.json"
SAVES = 40
ROWS = 2_000
PER_COMPANY = 5
TARGET_REFRESH_S = 0.020
TARGET_ROWS_PER_S = 100


def bench_pure() -> bool:
    from parcours.domain.loading import parse_dossier
    from parcours.domain.summary import summarize

    dossier = parse_dossier(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    times = timings(lambda: summarize(dossier), 200, warmup=5)
    print(f"summarize one dossier (pure, rules checked): {median(times) * 1000:.2f} ms median")
    return True


def _company_and_admin():
    from parcours.accounts.enums import Role
    from parcours.accounts.models import User
    from parcours.organisations.models import Kind, Organisation

    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    Organisation.objects.create(kind=Kind.OPCO, name="Atlas", siret="85129663200017")
    company = Organisation.objects.create(
        kind=Kind.COMPANY, name=data["company"]["name"], siret=data["company"]["siret"],
        address=data["company"]["address"], representative_name="Claire Martin",
        representative_role="Gérante",
    )  # fmt: skip
    admin = User.objects.create(
        username="admin", first_name="Claire", last_name="Martin", role=Role.COMPANY_ADMIN,
        organisation=company,
    )  # fmt: skip
    return data, company, admin


def _rows(data: dict, count: int) -> None:
    """`count` dossiers written directly (bulk, not timed), each its own learner, by
    companies of PER_COMPANY (a company's dossiers are read for its tutors' load), half of
    them submitted."""
    from parcours.dossiers import convert
    from parcours.dossiers.models import Dossier
    from parcours.organisations.models import Kind, Organisation

    companies = Organisation.objects.bulk_create(
        Organisation(kind=Kind.COMPANY, name=f"Entreprise {n}", siret=f"{n:014d}")
        for n in range(count // PER_COMPANY + 1)
    )
    rows = []
    for n in range(count):
        company = companies[n // PER_COMPANY]
        d = copy.deepcopy(data)
        d["company"] = company.as_party()
        d["learner"]["last_name"] = f"Apprenant{n}"
        row = Dossier(company=company, status="submitted" if n % 2 else "draft")
        convert.apply_document(row, d)
        rows.append(row)
    Dossier.objects.bulk_create(rows, batch_size=500)


def bench_database() -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        vendor, name = _setup_django(Path(tmp))
        from django.db import connection, transaction

        from parcours.dossiers import actions
        from parcours.dossiers.models import Dossier
        from parcours.dossiers.summary import refresh_rows, refresh_summary

        try:
            data, company, admin = _company_and_admin()
            d = copy.deepcopy(data)
            d["company"] = company.as_party()
            del d["opco"], d["facilitator"]
            row = actions.create_dossier(admin, company, d)
            names = iter(range(10 * SAVES))

            def save():
                learner = {**row.content["learner"], "first_name": f"Nadia{next(names)}"}
                actions.update_section(row, admin, "learner", learner, row.version)

            saves = timings(save, SAVES, warmup=2)

            # Inside one transaction, as in a save (each alone would time its own commit,
            # which the save pays once for everything).
            with transaction.atomic():
                refreshes = timings(lambda: refresh_summary(row, events=False), SAVES, warmup=2)
            _rows(data, ROWS)
            start = time.perf_counter()
            count = refresh_rows(Dossier.objects.all())
            bulk = time.perf_counter() - start
        finally:
            connection.creation.destroy_test_db(name, verbosity=0)
    rate = count / bulk
    ok = median(refreshes) < TARGET_REFRESH_S and rate > TARGET_ROWS_PER_S
    print(
        f"save the learner section (update_section, {vendor}): {summary(saves)}\n"
        f"  of which the summary's refresh (refresh_summary): {summary(refreshes)}\n"
        f"  target refresh < {TARGET_REFRESH_S * 1000:.0f} ms: "
        f"{verdict(median(refreshes) < TARGET_REFRESH_S)}\n"
        f"refresh_rows over {count:,} dossiers: {bulk:.1f} s, {rate:,.0f} dossiers/s\n"
        f"  target > {TARGET_ROWS_PER_S} dossiers/s: {verdict(rate > TARGET_ROWS_PER_S)}"
    )
    return ok


def run() -> bool:
    return all([bench_pure(), bench_database()])
