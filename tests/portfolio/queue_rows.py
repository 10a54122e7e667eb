"""Many dossiers quickly for the queue's tests: copies of the world's dossier row (same
document, same people) whose summary columns each test sets as it needs, written with
bulk_create (the summary columns are what the queue reads; the documents are not parsed)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from parcours.dossiers.models import Dossier


def clones(world, n: int, **columns) -> list[Dossier]:
    """`n` copies of `world.dossier`; a column's value may be a function of the index
    (`learner_name=lambda i: f"NOM{i}"`) or a constant."""
    base = world.dossier
    rows = []
    for i in range(n):
        row = Dossier(
            company_id=base.company_id,
            facilitator_id=base.facilitator_id,
            tutor_id=base.tutor_id,
            learner_id=base.learner_id,
            status=base.status,
            content=base.content,
            trainer_accounts=base.trainer_accounts,
        )
        for name in ("learner_name", "company_name", "search_text", "start_date", "age_band"):
            setattr(row, name, getattr(base, name))
        for name, value in columns.items():
            setattr(row, name, value(i) if callable(value) else value)
        rows.append(row)
    made = Dossier.objects.bulk_create(rows)
    trainers = list(base.trainers.all())
    through = Dossier.trainers.through
    through.objects.bulk_create(
        [through(dossier_id=row.pk, user_id=t.pk) for row in made for t in trainers]
    )
    return made


def moment(day: int, hour: int = 9) -> dt.datetime:
    """A submission moment in October 2026 (timezone-aware)."""
    return timezone.make_aware(dt.datetime(2026, 10, day, hour))
