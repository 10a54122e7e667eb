"""The figures of the experimentation's dashboard (issue 9), counted by the database.

Each figure is one aggregate query over the summary columns of the dossiers (or over their
transitions, or their funding claims), never a loop over rows, never the JSON document: the
page costs the same number of queries at 3 dossiers and at 100,000. The figures read from
the summary columns alone are counted together, in one scan (`dashboard_counts`); the others
take one query each (`dashboard_history`). `FIGURES` lists them in the page's order;
`table(key, dossiers)` computes one, `tables(dossiers)` all, `cached_tables` keeps them a
while. The tables themselves are plain data (`parcours.domain.dashboard`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Max, QuerySet
from django.utils import timezone

from parcours.domain.dashboard import Table
from parcours.dossiers.models import DossierEvent
from parcours.lessons.dashboard import lessons
from parcours.portfolio.dashboard_counts import (
    STATES,
    ages,
    ages_aggregates,
    competences,
    competences_aggregates,
    current_states,
    current_states_aggregates,
    durations,
    durations_aggregates,
    hours,
    hours_aggregates,
    hours_spread,
    hours_spread_aggregates,
    outcomes,
    outcomes_aggregates,
    situation,
    situation_aggregates,
)
from parcours.portfolio.dashboard_history import decision_times, funding, states_over_time

__all__ = ["FIGURES", "STATES", "Counted", "Figure", "cached_tables", "table", "tables"]


@dataclass(frozen=True)
class Figure:
    """A figure: `build` counts it with its own query; or `aggregates` names the aggregates
    over the dossiers it reads (one row) and `from_aggregates` makes the table of them, so
    that the page counts all such figures in one scan of the dossiers."""

    key: str
    title: str
    build: Callable[[QuerySet, dt.date, bool], Table] | None = None
    aggregates: Callable[[], dict] | None = None
    from_aggregates: Callable[..., Table] | None = None
    # `from_aggregates(aggregates, dossiers, today, whole)`: it queries more (transitions).
    uses_dossiers: bool = False

    def compute(self, dossiers: QuerySet, today: dt.date, whole: bool = False) -> Table:
        if self.build is not None:
            return self.build(dossiers, today, whole)
        return self.table_of(dossiers.aggregate(**self.aggregates()), dossiers, today, whole)

    def table_of(self, got: dict, dossiers: QuerySet, today: dt.date, whole: bool) -> Table:
        if self.uses_dossiers:
            return self.from_aggregates(got, dossiers, today, whole)
        return self.from_aggregates(got)


FIGURES = (
    Figure("etats", "Dossiers par état aujourd'hui", None, current_states_aggregates,
           current_states),
    Figure("etats-par-mois", "Dossiers par état, à la fin de chaque mois", None,
           current_states_aggregates, states_over_time, uses_dossiers=True),
    Figure("ages", "Salariés par tranche d'âge", None, ages_aggregates, ages),
    Figure("situation", "Demandeurs d'emploi et minima sociaux", None, situation_aggregates,
           situation),
    Figure("durees", "Durée des contrats", None, durations_aggregates, durations),
    Figure("heures", "Heures de formation, d'AFEST et d'accompagnement", None, hours_aggregates,
           hours),
    Figure("heures-repartition", "Répartition par heures de parcours", None,
           hours_spread_aggregates, hours_spread),
    Figure("achevement", "Achèvement et ruptures", None, outcomes_aggregates, outcomes),
    Figure("competences", "Compétences acquises et visées", None, competences_aggregates,
           competences),
    Figure("delais", "Délai de décision", decision_times),
    Figure("financement", "Financement", funding),
    Figure("retours", "Retours d'expérience", lessons),
)  # fmt: skip
BY_KEY = {f.key: f for f in FIGURES}


def table(key: str, dossiers: QuerySet, today: dt.date | None = None) -> Table:
    """One figure (KeyError if `key` names none)."""
    return BY_KEY[key].compute(dossiers, today or timezone.localdate())


def tables(dossiers: QuerySet, today: dt.date | None = None, whole: bool = False) -> list[Table]:
    """Every figure; those read from aggregates over the dossiers in one query together.
    `whole`: `dossiers` is the OPCO's whole portfolio, unfiltered (see `_of`)."""
    today = today or timezone.localdate()
    merged = {}
    for i, f in enumerate(FIGURES):
        if f.aggregates is not None:
            merged |= {f"f{i}_{name}": a for name, a in f.aggregates().items()}
    got = dossiers.aggregate(**merged) if merged else {}
    out = []
    for i, f in enumerate(FIGURES):
        if f.aggregates is None:
            out.append(f.compute(dossiers, today, whole))
        else:
            prefix = f"f{i}_"
            mine = {k[len(prefix) :]: v for k, v in got.items() if k.startswith(prefix)}
            out.append(f.table_of(mine, dossiers, today, whole))
    return out


# Figures younger than this are served as they are, even if a dossier changed since: on a
# busy national portfolio some dossier changes every few seconds, and counting 100,000
# dossiers costs a few hundred milliseconds. Older ones are counted again if anything
# changed (every save, transition and claim writes a history event), else kept.
FRESH_SECONDS = 60
# At most this old in any case: a change that writes no history event (`manage.py
# refresh_summaries` after a change of parameters) shows after this.
CACHE_SECONDS = 600


@dataclass(frozen=True)
class Counted:
    tables: list[Table]
    at: dt.datetime  # when they were counted (the page says it)
    stamp: tuple


def _stamp(dossiers: QuerySet) -> tuple:
    # Two lookups on primary keys: the newest history event and the newest dossier.
    return (
        DossierEvent.objects.aggregate(m=Max("pk"))["m"],
        dossiers.model.objects.aggregate(m=Max("pk"))["m"],
    )


def cached_tables(
    dossiers: QuerySet, filters_key: str, today: dt.date | None = None, whole: bool = False
) -> Counted:
    """`tables(dossiers)` kept in Django's cache for the same filters (`filters_key` must
    say everything that selects `dossiers`): served as they are for `FRESH_SECONDS`, then
    while nothing changed, for `CACHE_SECONDS` at most."""
    today = today or timezone.localdate()
    digest = hashlib.sha256(f"{filters_key}|{today}".encode()).hexdigest()
    key = f"portfolio-dashboard:{digest}"
    now = timezone.now()
    found = cache.get(key)
    if found is not None and (now - found.at).total_seconds() < FRESH_SECONDS:
        return found
    stamp = _stamp(dossiers)
    if found is not None and found.stamp == stamp:
        return found
    found = Counted(tables(dossiers, today, whole), now, stamp)
    cache.set(key, found, CACHE_SECONDS)
    return found
