"""The checker's report as French text, grouped by severity, with the figures."""

from __future__ import annotations

from parcours.domain import text, wording
from parcours.domain.rules import Report, Severity

HEADINGS = {
    Severity.BLOQUANT: "Bloquant : à corriger avant de déposer le dossier",
    Severity.ALERTE: "Alertes : à vérifier, souvent à justifier",
    Severity.INFO: "Pour information",
}


def figures_lines(report: Report) -> list[str]:
    f = report.figures
    return [
        f"  Durée de l'action        {text.number(f.duration_months)} mois",
        f"  Heures du contrat        {text.hours(f.contract_hours)}",
        f"  Enseignements            {text.hours(f.teaching_hours)}",
        f"  Accompagnement, évaluations {text.hours(f.support_hours)}",
        f"  Total du parcours        {text.hours(f.parcours_hours)} "
        f"({text.percent(f.parcours_share)} du contrat)",
    ]


def render(report: Report, title: str, document: dict | None = None) -> str:
    """The report as text; `document` (the dossier as JSON) lets each finding say what it
    is about in words (« le module M3 « … » ») rather than by its path."""
    lines = [
        f"Dossier {title}" + (f" (réf. {report.reference})" if report.reference else ""),
        f"Vérifié au {text.date(report.as_of)}",
        "",
        "Chiffres",
        *figures_lines(report),
        "",
    ]
    for severity in Severity:
        findings = report.of_severity(severity)
        if not findings:
            continue
        lines.append(f"{HEADINGS[severity]} ({len(findings)})")
        for f in findings:
            lines.append(f"  [{f.rule}] {f.message}")
            lines.append(f"      Concerne : {wording.where(f.path, document)}")
            if severity != Severity.INFO:
                lines.append(f"      À faire : {f.fix}")
            lines.append(f"      Source : {f.source}")
        lines.append("")
    blocking = len(report.of_severity(Severity.BLOQUANT))
    alerts = len(report.of_severity(Severity.ALERTE))
    lines.append(
        f"Résultat : {blocking} point(s) bloquant(s), {alerts} alerte(s)."
        if blocking or alerts
        else "Résultat : aucun point bloquant, aucune alerte."
    )
    return "\n".join(lines)
