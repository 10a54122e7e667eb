"""What the closing rules still miss, in plain French, each with where to fix it.

A running contract is judged as if it were completed (what « Clore le contrat » would
check: `lifecycle.guard_complete` refuses any bloquant finding); a completed or terminated
one as it is. The findings are those the user may read (`perms.report_for`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from parcours.domain.rules import Finding, Severity
from parcours.dossiers import lifecycle, perms
from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from parcours.web.findings import STEPS, step_of

CLOSING_STATES = (Status.RUNNING, Status.COMPLETED, Status.TERMINATED)


@dataclass(frozen=True)
class Item:
    finding: Finding
    url: str
    where: str  # the link's text: « Préparer l'attestation »…

    @property
    def blocking(self) -> bool:
        return self.finding.severity == Severity.BLOQUANT


def _url(name: str, pk: int, *args, anchor: str = "") -> str | None:
    try:
        return reverse(name, args=[pk, *args]) + anchor
    except NoReverseMatch:
        return None


def _where(row: Dossier, f: Finding) -> tuple[str, str]:
    """The page (and its label) where the finding is fixed."""
    head = f.path.split(".")[0].split("[")[0]
    pk = row.pk
    titles = {slug: title for slug, title, _ in STEPS}
    if f.rule == "RUP-01" or head == "rupture":
        return _url("web:rupture", pk), "Rupture du contrat"
    if f.rule == "CLO-01" or head == "attestation":
        return _url("web:closing", pk, anchor="#attestation"), "Attestation de fin de contrat"
    if f.rule.startswith("ATT-") or head == "sessions":
        return _url("web:attendance", pk) or _url("web:planning", pk), "Émargement"
    if head == "reviews":
        url = _url("web:reviews", pk) or _url("web:step", pk, "bilans")
        return url, "Bilans"
    if f.rule == "FIN-02" and head == "documents":
        return _url("web:closing", pk, anchor="#certificat"), "Certificat de réalisation"
    if head == "documents":
        return _url("web:step", pk, "documents"), titles["documents"]
    slug = step_of(f.path)
    if slug:
        return _url("web:step", pk, slug), titles[slug]
    return _url("web:overview", pk), "Vue d'ensemble du dossier"


def items(user, row: Dossier) -> list[Item]:
    """The bloquant findings first, then the alertes, each with its link."""
    if row.status not in CLOSING_STATES:
        return []
    status = Status.COMPLETED if row.status == Status.RUNNING else None
    report = perms.report_for(user, row, lifecycle.report_at(row, status))
    found = [f for f in report.findings if f.severity in (Severity.BLOQUANT, Severity.ALERTE)]
    found.sort(key=lambda f: f.severity != Severity.BLOQUANT)
    return [Item(f, *_where(row, f)) for f in found]
