"""The figures of the experimentation's dashboard (issue 9), counted by the database.

Each figure is one aggregate query over the summary columns of the dossiers (or over their
transitions, or their funding claims), never a loop over rows, never the JSON document: the
page costs the same number of queries at 3 dossiers and at 100,000. `FIGURES` lists them in
the page's order; `table(key, dossiers)` computes one (the exports), `tables(dossiers)` all.
The tables themselves are plain data (`parcours.domain.dashboard`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Avg, Count, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from parcours.domain import text
from parcours.domain.dashboard import (
    BENEFIT_LABELS,
    DURATION_BANDS,
    HOURS_BANDS,
    Band,
    Line,
    Table,
    mean_of,
    median_of,
    month_label,
    percent,
    short_month,
    stock_by_month,
)
from parcours.domain.summary import AGE_BAND_LABELS, AGE_BANDS
from parcours.dossiers.enums import EventKind, Status
from parcours.dossiers.models import DossierEvent
from parcours.funding.models import FundingClaim, Kind, State

__all__ = ["FIGURES", "Counted", "Figure", "cached_tables", "table", "tables"]

# The states the OPCO sees, in the order of a contract's life.
STATES = (Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.ACCEPTED, Status.REFUSED,
          Status.RUNNING, Status.COMPLETED, Status.TERMINATED)  # fmt: skip
STATE_LABELS = {
    Status.SUBMITTED: "Soumis",
    Status.CHANGES_REQUESTED: "Modifications demandées",
    Status.ACCEPTED: "Acceptés",
    Status.REFUSED: "Refusés",
    Status.RUNNING: "En cours",
    Status.COMPLETED: "Terminés",
    Status.TERMINATED: "Rompus",
}
# A dossier whose latest submission got a decision: every state after « soumis ».
DECIDED = tuple(s for s in STATES if s != Status.SUBMITTED)
ENDED = (Status.COMPLETED, Status.TERMINATED)
MONTHS_SHOWN = 24
DECISION_DAYS = 20  # the OPCO's time to decide (convention), as the deadline column counts it
UNKNOWN = "non renseigné"


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


def _of(rows: QuerySet, dossiers: QuerySet, whole: bool) -> QuerySet:
    """The rows (transitions, claims) of the dossiers counted. `whole`: the dossiers are the
    OPCO's whole portfolio (every dossier but the drafts, no filter): a draft has no
    transition (none leads back to the draft) and no claim, so every row is one of them and
    the join to 100,000 dossiers is spared."""
    return rows if whole else rows.filter(dossier__in=dossiers.values("pk"))


def _q(field: str, band: Band) -> Q:
    q = Q()
    if band.low is not None:
        q &= Q(**{f"{field}__gt" if band.high_included else f"{field}__gte": band.low})
    if band.high is not None:
        q &= Q(**{f"{field}__lte" if band.high_included else f"{field}__lt": band.high})
    return q


def _count(q: Q) -> Count:
    return Count("pk", filter=q)


def _n(value) -> str:
    return text.number(value or 0, 1)


def _describe_counts(lines: list[Line], what: str) -> str:
    shown = [f"{line.label} : {_n(line.values[0])}" for line in lines if not line.total]
    return f"{what.capitalize()}. " + ("; ".join(shown) + "." if shown else "Aucun dossier.")


# --- states ---------------------------------------------------------------------------------


def current_states_aggregates() -> dict:
    return {s.value: _count(Q(status=s)) for s in STATES}


def current_states(counts: dict) -> Table:
    lines = [Line(STATE_LABELS[s], (counts.get(s, 0),), (("status", s),)) for s in STATES]
    lines.append(Line("Total", (sum(counts.get(s, 0) for s in STATES),), (), total=True))
    return Table("etats", "Dossiers par état aujourd'hui", ("État", "Dossiers"), tuple(lines),
                 _describe_counts(lines, "dossiers par état aujourd'hui"))  # fmt: skip


def _window_start(today: dt.date) -> dt.datetime:
    """The first instant of the first month shown (local time)."""
    month = today.year * 12 + today.month - 1 - (MONTHS_SHOWN - 1)
    first = dt.date(month // 12, month % 12 + 1, 1)
    return timezone.make_aware(dt.datetime.combine(first, dt.time.min))


def states_over_time(now: dict, dossiers: QuerySet, today: dt.date, whole: bool) -> Table:
    """The dossiers in each state at the end of each of the last `MONTHS_SHOWN` months: from
    today's counts (the same aggregates as « par état aujourd'hui »), back through the
    transitions of those months only, whatever the length of the history."""
    events = DossierEvent.objects.filter(kind=EventKind.TRANSITION, at__gte=_window_start(today))
    flows = (
        _of(events, dossiers, whole)
        .annotate(month=TruncMonth("at"))
        .values_list("month", "from_status", "to_status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    stock = stock_by_month(
        now,
        ((m.date() if isinstance(m, dt.datetime) else m, a, b, n) for m, a, b, n in flows),
        STATES,
        today,
    )
    lines = [
        Line(month_label(month), tuple(counts[s] for s in STATES), None, short=short_month(month))
        for month, counts in stock
    ]
    if stock:
        last_month, last = stock[-1]
        now = ", ".join(f"{_n(last[s])} {STATE_LABELS[s].lower()}" for s in STATES if last[s])
        first = month_label(stock[0][0])
        alt = (
            f"Dossiers par état à la fin de chaque mois, de {first} à "
            f"{month_label(last_month)}. En {month_label(last_month)} : {now or 'aucun'}."
        )
    else:
        alt = "Aucun changement d'état enregistré."
    return Table(
        "etats-par-mois",
        "Dossiers par état, à la fin de chaque mois",
        ("Mois", *(STATE_LABELS[s] for s in STATES)),
        tuple(lines),
        alt,
        chart="stacked",
        note="D'après l'historique des dossiers : chaque changement d'état compte le mois où "
        f"il a eu lieu ; les {MONTHS_SHOWN} derniers mois au plus. Les dossiers en brouillon "
        "ne sont pas comptés.",
    )


# --- learners ---------------------------------------------------------------------------------


def ages_aggregates() -> dict:
    return {**{b: _count(Q(age_band=b)) for b in AGE_BANDS}, "unknown": _count(Q(age_band=""))}


def ages(counts: dict) -> Table:
    lines = [Line(AGE_BAND_LABELS[b], (counts[b],), (("age_band", b),)) for b in AGE_BANDS]
    if counts["unknown"]:
        lines.append(Line(UNKNOWN.capitalize(), (counts["unknown"],), None))
    return Table("ages", "Salariés par tranche d'âge (au début du contrat)",
                 ("Tranche d'âge", "Salariés"), tuple(lines),
                 _describe_counts(lines, "salariés par tranche d'âge"))  # fmt: skip


def _has_benefit(code: str) -> Q:
    return (Q(benefits=code) | Q(benefits__startswith=f"{code},")
            | Q(benefits__endswith=f",{code}") | Q(benefits__contains=f",{code},"))  # fmt: skip


def situation_aggregates() -> dict:
    return {
        "yes": _count(Q(job_seeker=True)),
        "no": _count(Q(job_seeker=False)),
        "unknown": _count(Q(job_seeker__isnull=True)),
        "none": _count(Q(benefits="")),
        **{f"b_{code}": _count(_has_benefit(code)) for code in BENEFIT_LABELS},
    }


def situation(counts: dict) -> Table:
    lines = [
        Line("Demandeurs d'emploi", (counts["yes"],), (("job_seeker", "oui"),)),
        Line("Non demandeurs d'emploi", (counts["no"],), (("job_seeker", "non"),)),
    ]
    if counts["unknown"]:
        lines.append(Line("Demandeur d'emploi : non renseigné", (counts["unknown"],), None))
    lines += [Line(f"Bénéficiaires : {label}", (counts[f"b_{code}"],), (("benefit", code),))
              for code, label in BENEFIT_LABELS.items()]  # fmt: skip
    lines.append(Line("Sans minimum social", (counts["none"],), None))
    return Table("situation", "Situation des salariés : demandeurs d'emploi et minima sociaux",
                 ("Situation", "Salariés"), tuple(lines),
                 _describe_counts(lines, "situation des salariés"),
                 note="Un salarié peut percevoir plusieurs minima sociaux : il compte dans "
                 "chacun.")  # fmt: skip


# --- contracts and hours ----------------------------------------------------------------------


def _band_filters(band: Band, low_name: str, high_name: str) -> tuple[tuple[str, str], ...]:
    # The queue's minimum and maximum are both included: an excluded bound moves by the
    # columns' precision (hundredths).
    out = []
    if band.low is not None:
        out.append((low_name, _bound(band.low + (0.01 if band.high_included else 0))))
    if band.high is not None:
        out.append((high_name, _bound(band.high - (0 if band.high_included else 0.01))))
    return tuple(out)


def _bound(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def durations_aggregates() -> dict:
    return {
        **{b.code: _count(_q("duration_months", b)) for b in DURATION_BANDS},
        "unknown": _count(Q(duration_months__isnull=True)),
    }


def durations(counts: dict) -> Table:
    lines = [Line(b.label, (counts[b.code],), _band_filters(b, "duration_min", "duration_max"))
             for b in DURATION_BANDS]  # fmt: skip
    if counts["unknown"]:
        lines.append(Line(UNKNOWN.capitalize(), (counts["unknown"],), None))
    return Table("durees", "Durée des contrats", ("Durée", "Contrats"), tuple(lines),
                 _describe_counts(lines, "contrats par durée"))  # fmt: skip


HOURS = (
    ("training_hours", "Formation"),
    ("afest_hours", "AFEST"),
    ("support_hours", "Accompagnement"),
    ("total_hours", "Total du parcours"),
)


def hours_aggregates() -> dict:
    aggregates = {}
    for column, _ in HOURS:
        aggregates |= {
            f"{column}_sum": Sum(column), f"{column}_avg": Avg(column),
            f"{column}_min": Min(column), f"{column}_max": Max(column),
            f"{column}_n": Count(column),
        }  # fmt: skip
    return aggregates


def hours(got: dict) -> Table:
    lines = []
    for column, label in HOURS:
        values = tuple(
            round(got[f"{column}_{k}"], 1) if got[f"{column}_{k}"] is not None else None
            for k in ("sum", "avg", "min", "max")
        )
        lines.append(Line(label, (*values, got[f"{column}_n"]), ()))
    alt = (
        "Heures moyennes par dossier : "
        + "; ".join(f"{line.label.lower()} {_n(line.values[1])} h" for line in lines)
        + "."
    )
    return Table("heures", "Heures de formation, d'AFEST et d'accompagnement",
                 ("Heures", "Somme", "Moyenne par dossier", "Minimum", "Maximum",
                  "Dossiers renseignés"),
                 tuple(lines), alt, chart_column=1, units=("h", "h", "h", "h", ""),
                 note="Le graphique montre la moyenne par dossier. « Accompagnement » : "
                 "l'accompagnement et les évaluations, avec les heures du tiers "
                 "facilitateur.")  # fmt: skip


def hours_spread_aggregates() -> dict:
    return {
        **{b.code: _count(_q("total_hours", b)) for b in HOURS_BANDS},
        "unknown": _count(Q(total_hours__isnull=True)),
    }


def hours_spread(counts: dict) -> Table:
    lines = [Line(b.label, (counts[b.code],), _band_filters(b, "hours_min", "hours_max"))
             for b in HOURS_BANDS]  # fmt: skip
    if counts["unknown"]:
        lines.append(Line(UNKNOWN.capitalize(), (counts["unknown"],), None))
    return Table("heures-repartition", "Répartition des dossiers par heures de parcours",
                 ("Heures du parcours", "Dossiers"), tuple(lines),
                 _describe_counts(lines, "dossiers par heures de parcours"))  # fmt: skip


# --- outcomes ---------------------------------------------------------------------------------


def outcomes_aggregates() -> dict:
    return {f"{band or 'unknown'}_{status.value}": _count(Q(age_band=band, status=status))
            for band in (*AGE_BANDS, "") for status in ENDED}  # fmt: skip


def outcomes(got: dict) -> Table:
    """Completion and rupture rates, overall and by age band: completed / (completed +
    terminated) among the contracts that ended."""
    counts = {band: {s: got[f"{band or 'unknown'}_{s.value}"] for s in ENDED}
              for band in (*AGE_BANDS, "")}  # fmt: skip
    ended = (("status", Status.COMPLETED), ("status", Status.TERMINATED))

    def line(label, c, filters, total=False):
        done, broken = c[Status.COMPLETED], c[Status.TERMINATED]
        return Line(label, (percent(done, done + broken), percent(broken, done + broken), done,
                            broken), filters, total=total)  # fmt: skip

    lines = [line(AGE_BAND_LABELS[b], counts[b], (*ended, ("age_band", b))) for b in AGE_BANDS]
    if counts.get(""):
        lines.append(line(f"Âge {UNKNOWN}", counts[""], None))
    total = {s: sum(c[s] for c in counts.values()) for s in ENDED}
    lines.append(line("Tous les contrats terminés ou rompus", total, ended, total=True))
    whole = lines[-1].values
    alt = (f"Parmi les {_n(total[Status.COMPLETED] + total[Status.TERMINATED])} contrats "
           f"arrivés à leur fin, {_n(total[Status.COMPLETED])} sont allés à leur terme et "
           f"{_n(total[Status.TERMINATED])} ont été rompus : taux d'achèvement "
           f"{_n(whole[0])} %, taux de rupture {_n(whole[1])} %. Par tranche d'âge : "
           + "; ".join(f"{ln.label} {_n(ln.values[0])} %" for ln in lines[:-1]
                       if ln.values[0] is not None) + ".")  # fmt: skip
    return Table("achevement", "Achèvement et ruptures des contrats",
                 ("Tranche d'âge", "Taux d'achèvement", "Taux de rupture", "Terminés",
                  "Rompus"),
                 tuple(lines), alt, units=("%", "%", "", ""),
                 note="Taux d'achèvement : contrats allés à leur terme parmi les contrats "
                 "terminés ou rompus. Le graphique montre le taux d'achèvement.")  # fmt: skip


WITH_COMPETENCES = (Status.RUNNING, Status.COMPLETED, Status.TERMINATED)


def competences_aggregates() -> dict:
    out = {}
    for s in WITH_COMPETENCES:
        out |= {f"{s.value}_n": _count(Q(status=s)),
                f"{s.value}_t": Sum("competences_targeted", filter=Q(status=s)),
                f"{s.value}_a": Sum("competences_acquired", filter=Q(status=s))}  # fmt: skip
    return out


def competences(sums: dict) -> Table:
    shown = WITH_COMPETENCES
    got = {s: (sums[f"{s.value}_n"], sums[f"{s.value}_t"] or 0, sums[f"{s.value}_a"] or 0)
           for s in shown}  # fmt: skip

    def line(label, n, targeted, acquired, filters, total=False):
        return Line(label, (percent(acquired, targeted), acquired, targeted, n), filters,
                    total=total)  # fmt: skip

    lines = [line(STATE_LABELS[s], *got.get(s, (0, 0, 0)), (("status", s),)) for s in shown]
    sums = [sum(v[i] for v in got.values()) for i in range(3)]
    lines.append(line("Ensemble", *sums, tuple(("status", s) for s in shown), total=True))
    alt = (f"Compétences acquises sur compétences visées : {_n(lines[-1].values[0])} % en "
           "tout; " + "; ".join(f"{ln.label.lower()} {_n(ln.values[0])} %" for ln in lines[:-1])
           + ".")  # fmt: skip
    return Table("competences", "Compétences acquises et compétences visées",
                 ("État", "Part acquise", "Compétences acquises", "Compétences visées",
                  "Dossiers"),
                 tuple(lines), alt, units=("%", "", "", ""),
                 note="Acquises : d'après l'attestation de fin de contrat, ou le dernier bilan "
                 "tenu. Le graphique montre la part acquise.")  # fmt: skip


# --- decisions --------------------------------------------------------------------------------


def decision_times(dossiers: QuerySet, today: dt.date, whole: bool) -> Table:
    """Days from the latest submission to its decision, by month of submission: average,
    median and share decided within the 20 days. Counted as a distribution of whole days per
    month (a few hundred groups at most), the median computed here: SQLite has no median."""
    rows = (
        dossiers.filter(submitted_at__isnull=False, decided_at__isnull=False)
        .annotate(month=TruncMonth("submitted_at"),
                  days=TruncDate("decided_at") - TruncDate("submitted_at"))
        .values_list("month", "days").annotate(n=Count("pk")).order_by()
    )  # fmt: skip
    months: dict[dt.date, dict[float, int]] = defaultdict(lambda: defaultdict(int))
    every: dict[float, int] = defaultdict(int)
    for month, days, n in rows:
        day = month.date() if isinstance(month, dt.datetime) else month
        value = days.days if isinstance(days, dt.timedelta) else float(days or 0)
        months[day][value] += n
        every[value] += n

    def line(label, counts, filters, total=False, short=""):
        n = sum(counts.values())
        quick = sum(c for d, c in counts.items() if d <= DECISION_DAYS)
        return Line(label, (median_of(counts), mean_of(counts), percent(quick, n), n), filters,
                    total=total, short=short)  # fmt: skip

    decided = tuple(("status", s) for s in DECIDED)
    lines = []
    for month in sorted(months)[-MONTHS_SHOWN:]:
        last = (dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
                - dt.timedelta(days=1))  # fmt: skip
        filters = (*decided, ("submitted_from", month.isoformat()),
                   ("submitted_to", last.isoformat()))  # fmt: skip
        lines.append(line(month_label(month), months[month], filters, short=short_month(month)))
    lines.append(line("Toutes les décisions", every, decided, total=True))
    whole = lines[-1].values
    alt = (f"{_n(whole[3])} décisions : délai médian {_n(whole[0])} jours, moyen {_n(whole[1])} "
           f"jours; {_n(whole[2])} % prises en {DECISION_DAYS} jours ou moins."
           if whole[3] else "Aucune décision enregistrée.")  # fmt: skip
    return Table("delais", "Délai entre la soumission et la décision de l'OPCO",
                 ("Mois de soumission", "Délai médian", "Délai moyen",
                  f"Décidés en {DECISION_DAYS} jours ou moins", "Décisions"),
                 tuple(lines), alt, chart="columns", units=("j", "j", "%", ""),
                 note="Pour la dernière soumission de chaque dossier décidé (accord, refus "
                 "ou demande de modifications), en jours de calendrier. Le graphique montre "
                 "le délai médian.")  # fmt: skip


# --- money ------------------------------------------------------------------------------------

CLAIM_GROUPS = (
    ("Premier versement", (Kind.FIRST_PAYMENT,)),
    ("Second versement", (Kind.FINAL_PAYMENT,)),
    ("Factures du tiers facilitateur", (Kind.FACILITATOR_INVOICE_1, Kind.FACILITATOR_INVOICE_2)),
)
CLAIM_STATES = (
    (State.DUE, "Dues, à demander"),
    (State.CLAIMED, "Demandées"),
    (State.PAID, "Payées"),
    (State.REJECTED, "Rejetées"),
)


def funding(dossiers: QuerySet, today: dt.date, whole: bool) -> Table:
    rows = (_of(FundingClaim.objects.all(), dossiers, whole)
            .values_list("state", "kind").annotate(n=Count("pk"), amount=Sum("amount"))
            .order_by())  # fmt: skip
    got = {(state, kind): (n, float(amount or 0)) for state, kind, n, amount in rows}
    lines = []
    for state, label in CLAIM_STATES:
        amounts = [sum(got.get((state, k), (0, 0.0))[1] for k in kinds)
                   for _, kinds in CLAIM_GROUPS]  # fmt: skip
        n = sum(got.get((state, k), (0, 0.0))[0] for _, kinds in CLAIM_GROUPS for k in kinds)
        lines.append(Line(label, (round(sum(amounts), 2), *map(lambda a: round(a, 2), amounts),
                                  n), None))  # fmt: skip
    alt = (
        "Montants des demandes de paiement : "
        + "; ".join(f"{line.label.lower()} {text.euros(line.values[0])}" for line in lines)
        + "."
    )
    return Table("financement", "Financement : sommes dues, demandées et payées",
                 ("Demandes de paiement", "Montant total", *(g for g, _ in CLAIM_GROUPS),
                  "Nombre de demandes"),
                 tuple(lines), alt, units=("€", "€", "€", "€", ""),
                 note="Montants hors taxes. « Dues, à demander » : devenues dues d'après les "
                 "faits du dossier, pas encore demandées. Le graphique montre le montant "
                 "total.")  # fmt: skip


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
