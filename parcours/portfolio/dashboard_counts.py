"""The dashboard's figures read from one row of aggregates over the dossiers' summary
columns (`parcours.portfolio.dashboard` counts them all in one scan): states today, learners,
durations, hours, completion and ruptures, competences. Each figure is a pair: its
aggregates (`*_aggregates()`, conditional counts and sums) and its table made of them."""

from __future__ import annotations

from django.db.models import Avg, Count, Max, Min, Q, Sum

from parcours.domain import text
from parcours.domain.dashboard import (
    BENEFIT_LABELS,
    DURATION_BANDS,
    HOURS_BANDS,
    Band,
    Line,
    Table,
    percent,
)
from parcours.domain.summary import AGE_BAND_LABELS, AGE_BANDS
from parcours.dossiers.enums import Status

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
UNKNOWN = "non renseigné"


def _q(field: str, band: Band) -> Q:
    q = Q()
    if band.low is not None:
        q &= Q(**{f"{field}__gt" if band.high_included else f"{field}__gte": band.low})
    if band.high is not None:
        q &= Q(**{f"{field}__lte" if band.high_included else f"{field}__lt": band.high})
    return q


def _count(q: Q) -> Count:
    return Count("pk", filter=q)


def num(value) -> str:
    """A figure as a sentence says it: « 1 234,5 »."""
    return text.number(value or 0, 1)


def _describe_counts(lines: list[Line], what: str) -> str:
    shown = [f"{line.label} : {num(line.values[0])}" for line in lines if not line.total]
    return f"{what.capitalize()}. " + ("; ".join(shown) + "." if shown else "Aucun dossier.")


# --- states ---------------------------------------------------------------------------------


def current_states_aggregates() -> dict:
    return {s.value: _count(Q(status=s)) for s in STATES}


def current_states(counts: dict) -> Table:
    lines = [Line(STATE_LABELS[s], (counts.get(s, 0),), (("status", s),)) for s in STATES]
    lines.append(Line("Total", (sum(counts.get(s, 0) for s in STATES),), (), total=True))
    return Table("etats", "Dossiers par état aujourd'hui", ("État", "Dossiers"), tuple(lines),
                 _describe_counts(lines, "dossiers par état aujourd'hui"))  # fmt: skip


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
    lines.append(Line("Sans minimum social", (counts["none"],), (("benefit", "aucun"),)))
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
        + "; ".join(f"{line.label.lower()} {num(line.values[1])} h" for line in lines)
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
    alt = (f"Parmi les {num(total[Status.COMPLETED] + total[Status.TERMINATED])} contrats "
           f"arrivés à leur fin, {num(total[Status.COMPLETED])} sont allés à leur terme et "
           f"{num(total[Status.TERMINATED])} ont été rompus : taux d'achèvement "
           f"{num(whole[0])} %, taux de rupture {num(whole[1])} %. Par tranche d'âge : "
           + "; ".join(f"{ln.label} {num(ln.values[0])} %" for ln in lines[:-1]
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
    alt = (f"Compétences acquises sur compétences visées : {num(lines[-1].values[0])} % en "
           "tout; " + "; ".join(f"{ln.label.lower()} {num(ln.values[0])} %" for ln in lines[:-1])
           + ".")  # fmt: skip
    return Table("competences", "Compétences acquises et compétences visées",
                 ("État", "Part acquise", "Compétences acquises", "Compétences visées",
                  "Dossiers"),
                 tuple(lines), alt, units=("%", "", "", ""),
                 note="Acquises : d'après l'attestation de fin de contrat, ou le dernier bilan "
                 "tenu. Le graphique montre la part acquise.")  # fmt: skip
