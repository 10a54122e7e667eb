"""DEC-01: the OPCO decides within 20 days of a complete submission, or the acceptance is
tacit (C. trav. D6325-2). `parcours remind` records each tacit acceptance once a day; the
queue shows each deadline (the `decision_deadline` summary column)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from parcours.domain.params import DEFAULT_PARAMETERS
from parcours.domain.rules.decision import decision_deadline
from parcours.domain.text import date as french_date
from parcours.dossiers import actions
from parcours.dossiers.enums import EventKind, Status
from parcours.dossiers.errors import StaleDossier
from parcours.dossiers.models import Dossier, DossierEvent
from parcours.dossiers.summary import refresh_summary

LEGAL_BASIS = "Code du travail, article D6325-2"


def deadline(submitted_at: dt.datetime, days: int = DEFAULT_PARAMETERS.opco_decision_days):
    """The last day the OPCO may decide on a dossier submitted at `submitted_at`."""
    return decision_deadline(timezone.localdate(submitted_at), days)


def overdue(today: dt.date, days: int = DEFAULT_PARAMETERS.opco_decision_days):
    """Submitted dossiers whose deadline has passed on `today` (indexed columns only)."""
    latest = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days), dt.time.min))
    return Dossier.objects.filter(status=Status.SUBMITTED, submitted_at__lt=latest)


@transaction.atomic
def record_tacit_acceptance(row: Dossier, today: dt.date) -> DossierEvent | None:
    """Accept the dossier as the law does when the OPCO kept silent: a transition by nobody,
    with its legal basis in the history. None when someone changed it meanwhile."""
    row = Dossier.objects.select_for_update().get(pk=row.pk)
    if row.status != Status.SUBMITTED or row.submitted_at is None:
        return None
    last_day = deadline(row.submitted_at)
    if today <= last_day:
        return None
    content = {**row.content, "status": Status.ACCEPTED}
    try:
        actions._write(row, row.version, summary=False, status=Status.ACCEPTED, content=content)
    except StaleDossier:
        return None
    event = DossierEvent.objects.create(
        dossier=row,
        actor=None,
        kind=EventKind.TRANSITION,
        from_status=Status.SUBMITTED,
        to_status=Status.ACCEPTED,
        version=row.version,
        comment=(
            f"Acceptation tacite : dossier transmis le {french_date(row.submitted_at)}, sans "
            f"décision de l'OPCO au {french_date(last_day)} (délai de "
            f"{DEFAULT_PARAMETERS.opco_decision_days} jours). La prise en charge est réputée "
            f"acceptée ({LEGAL_BASIS}). Le numéro d'accord reste à communiquer par l'OPCO."
        ),
    )
    refresh_summary(row)
    return event


def record_tacit_acceptances(today: dt.date, *, dry_run: bool = False) -> list[Dossier]:
    """Every overdue dossier accepted tacitly (or, `dry_run`, those that would be)."""
    rows = list(overdue(today).order_by("submitted_at", "pk"))
    if dry_run:
        return rows
    return [row for row in rows if record_tacit_acceptance(row, today) is not None]
