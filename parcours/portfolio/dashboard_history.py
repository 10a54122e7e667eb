"""The dashboard's figures read from more than the dossiers' summary columns, one query
each: the dossiers in each state month by month (their transitions), the time from
submission to decision (a distribution of days, for the median) and the funding claims."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from parcours.domain import text
from parcours.domain.dashboard import (
    Line,
    Table,
    mean_of,
    median_of,
    month_label,
    months_between,
    percent,
    short_month,
    stock_by_month,
)
from parcours.domain.params import DEFAULT_PARAMETERS
from parcours.dossiers.enums import EventKind
from parcours.dossiers.models import DossierEvent
from parcours.funding.models import FundingClaim, Kind, State
from parcours.portfolio.dashboard_counts import DECIDED, STATE_LABELS, STATES, num

MONTHS_SHOWN = 24
# The OPCO decides within this many days (C. trav. D6325-2), as the deadline column counts.
DECISION_DAYS = DEFAULT_PARAMETERS.opco_decision_days


def _of(rows: QuerySet, dossiers: QuerySet, whole: bool) -> QuerySet:
    """The rows (transitions, claims) of the dossiers counted. `whole`: the dossiers are the
    OPCO's whole portfolio (every dossier but the drafts, no filter): a draft has no
    transition (none leads back to the draft) and no claim, so every row is one of them and
    the join to 100,000 dossiers is spared."""
    return rows if whole else rows.filter(dossier__in=dossiers.values("pk"))


def _month_starts(today: dt.date) -> list[dt.datetime]:
    """The first instants (local time) of the last `MONTHS_SHOWN` months and of the next."""
    month = today.year * 12 + today.month - 1 - (MONTHS_SHOWN - 1)
    first = dt.date(month // 12, month % 12 + 1, 1)
    after = dt.date(today.year + today.month // 12, today.month % 12 + 1, 1)
    return [
        timezone.make_aware(dt.datetime.combine(day, dt.time.min))
        for day in months_between(first, after)
    ]


def states_over_time(now: dict, dossiers: QuerySet, today: dt.date, whole: bool) -> Table:
    """The dossiers in each state at the end of each of the last `MONTHS_SHOWN` months: from
    today's counts (the same aggregates as « par état aujourd'hui »), back through the
    transitions of those months only, whatever the length of the history. Counted per
    (from state, to state) with one conditional count per month: comparing `at` with the
    months' bounds costs less than truncating every event's date in the local time zone."""
    bounds = _month_starts(today)
    per_month = {
        f"m{i}": Count("pk", filter=Q(at__gte=start, at__lt=end))
        for i, (start, end) in enumerate(itertools.pairwise(bounds))
    }
    events = DossierEvent.objects.filter(kind=EventKind.TRANSITION, at__gte=bounds[0])
    rows = (
        _of(events, dossiers, whole)
        .values_list("from_status", "to_status")
        .annotate(**per_month)
        .order_by()
    )
    flows = [
        (bounds[i].date(), before, after, n)
        for before, after, *counts in rows
        for i, n in enumerate(counts)
        if n
    ]
    stock = stock_by_month(now, flows, STATES, today)
    lines = [
        Line(month_label(month), tuple(counts[s] for s in STATES), None, short=short_month(month))
        for month, counts in stock
    ]
    if stock:
        last_month, last = stock[-1]
        now = ", ".join(f"{num(last[s])} {STATE_LABELS[s].lower()}" for s in STATES if last[s])
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
    alt = (f"{num(whole[3])} décisions : délai médian {num(whole[0])} jours, moyen {num(whole[1])} "
           f"jours; {num(whole[2])} % prises en {DECISION_DAYS} jours ou moins."
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
