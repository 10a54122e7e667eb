"""The audit's summary in French, printed at the end of a run."""

from __future__ import annotations

from pathlib import Path

from parcours.audit.audit import FAILED_RULE, FORMAT_RULE, Tally
from parcours.domain.rules.base import CATALOGUE
from parcours.domain.text import number

SEVERITY_NAMES = {"bloquant": "bloquants", "alerte": "alertes", "info": "informations"}
SEVERITY_ORDER = {"bloquant": 0, "alerte": 1, "info": 2}
OTHER_TITLES = {
    FORMAT_RULE: "Dossier enregistré illisible (ne respecte plus le format)",
    FAILED_RULE: "La vérification du dossier a échoué",
}
STEP_NAMES = {
    "read": "lecture de la base",
    "build": "assemblage du document",
    "parse": "lecture du format",
    "check": "règles",
    "write": "écriture des lignes",
    "summaries": "colonnes de synthèse",
}


def duration(seconds: float) -> str:
    """72.4 -> '1 min 12 s', 3.214 -> '3,21 s'."""
    if seconds < 60:
        return f"{number(seconds, 2 if seconds < 10 else 1)} s"
    minutes, rest = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {rest:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def count(n: int, one: str, many: str) -> str:
    return f"{number(n, 0)} {one if n <= 1 else many}"


def summary(tally: Tally, seconds: float, output: Path | None, workers: int | None = None) -> str:
    """What the audit found, rule by rule, and how long it took."""
    rate = f"{number(tally.checked / seconds, 0)} dossiers par seconde" if seconds else ""
    by = f", {count(workers, 'processus', 'processus')}" if workers else ""
    lines = [
        f"Audit terminé : {count(tally.checked, 'dossier vérifié', 'dossiers vérifiés')} "
        f"en {duration(seconds)}" + (f" ({rate}{by})" if rate else "") + ".",
        f"Dossiers avec au moins un point bloquant : {number(tally.with_bloquant, 0)} ; "
        f"avec au moins une alerte : {number(tally.with_alerte, 0)} ; "
        f"illisibles : {number(tally.unreadable, 0)}"
        + (f" ; vérification en échec : {number(tally.failed, 0)}" if tally.failed else "")
        + ".",
    ]
    if tally.findings:
        totals = {s: 0 for s in SEVERITY_NAMES}
        for (_, severity), n in tally.findings.items():
            totals[severity] = totals.get(severity, 0) + n
        said = ", ".join(
            f"{SEVERITY_NAMES.get(s, s)} : {number(n, 0)}" for s, n in totals.items() if n
        )
        lines.append(f"Constats : {number(sum(totals.values()), 0)} ({said}). Par règle :")
        ordered = sorted(
            tally.findings.items(), key=lambda i: (SEVERITY_ORDER.get(i[0][1], 9), -i[1], i[0][0])
        )
        for (rule, severity), n in ordered:
            title = CATALOGUE[rule].title if rule in CATALOGUE else OTHER_TITLES.get(rule, "")
            lines.append(f"  {rule:<8} {severity:<9} {number(n, 0):>9}  {title}")
    else:
        lines.append("Aucun constat : chaque dossier vérifié respecte toutes les règles.")
    if output is not None:
        lines.append(f"Fichier des constats : {output}")
    return "\n".join(lines)


def time_spent(tally: Tally) -> str:
    """Where the processes' time went, step by step (summed over the processes)."""
    spent = sum(tally.seconds.values()) or 1.0
    return "Temps des processus : " + ", ".join(
        f"{STEP_NAMES.get(step, step)} {duration(s)} ({number(100 * s / spent, 0)} %)"
        for step, s in sorted(tally.seconds.items(), key=lambda i: -i[1])
    )
