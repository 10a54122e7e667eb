"""The dossier's states and the one table of allowed transitions.

draft → submitted → changes_requested | accepted | refused; changes_requested → submitted;
accepted → running → completed | terminated (a rupture may also end an accepted contract
before it starts). Each transition names the roles allowed to make it; its guard calls
the rules engine and returns the French reasons it refuses (empty list: go).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from parcours.accounts.enums import Role
from parcours.domain.dossier import Status as DomainStatus
from parcours.domain.rules import Report, Severity, check
from parcours.domain.wording import where
from parcours.dossiers import convert
from parcours.dossiers.enums import Status

if TYPE_CHECKING:
    from parcours.dossiers.models import Dossier

COMPANY_SIDE = frozenset({Role.COMPANY_ADMIN, Role.FACILITATOR})
OPCO = frozenset({Role.OPCO_STAFF})


def report_at(row: Dossier, status: Status | None = None) -> Report:
    """The rules engine's report on the row, as if it were in `status` (default: its own)."""
    dossier = convert.to_domain(row)
    if status is not None:
        dossier = dossier.model_copy(update={"status": DomainStatus(status)})
    return check(dossier)


def unjustified_alerts(row: Dossier, report: Report) -> list:
    justified = set(row.justifications.values_list("rule", "path"))
    return [f for f in report.of_severity(Severity.ALERTE) if (f.rule, f.path) not in justified]


def _blocking_reasons(
    report: Report, document: dict | None = None, hidden: frozenset[str] = frozenset()
) -> list[str]:
    return [
        f"Anomalie bloquante {f.rule} ({where(f.path, document)}) : {f.message}"
        for f in report.of_severity(Severity.BLOQUANT)
        if f.rule not in hidden
    ]


def guard_submit(row: Dossier, hidden: frozenset[str] = frozenset()) -> list[str]:
    """No bloquant finding, and a justification for every alerte. `hidden`: the rules
    the one who acts may not see (`perms.hidden_rules`): they neither stop them nor show,
    so that nothing they see depends on what is hidden from them."""
    report, document = report_at(row, Status.SUBMITTED), convert.document(row)
    return _blocking_reasons(report, document, hidden=hidden) + [
        f"L'alerte {f.rule} ({where(f.path, document)}) doit être justifiée avant l'envoi : "
        f"{f.message}"
        for f in unjustified_alerts(row, report)
        if f.rule not in hidden
    ]


def guard_complete(row: Dossier, hidden: frozenset[str] = frozenset()) -> list[str]:
    """The closing rules (final review, attestation…) find nothing bloquant."""
    return _blocking_reasons(report_at(row, Status.COMPLETED), convert.document(row), hidden=hidden)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[Status]
    target: Status
    roles: frozenset[Role]
    guard: Callable[..., list[str]] | None = field(default=None, compare=False)


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            "submit",
            "Soumettre à l'OPCO",
            frozenset({Status.DRAFT, Status.CHANGES_REQUESTED}),
            Status.SUBMITTED,
            COMPANY_SIDE,
            guard_submit,
        ),
        Transition(
            "accept", "Accorder la prise en charge", frozenset({Status.SUBMITTED}),
            Status.ACCEPTED, OPCO,
        ),
        Transition(
            "request_changes", "Demander des modifications", frozenset({Status.SUBMITTED}),
            Status.CHANGES_REQUESTED, OPCO,
        ),
        Transition(
            "refuse", "Refuser le dossier", frozenset({Status.SUBMITTED}), Status.REFUSED, OPCO
        ),
        Transition(
            "start", "Démarrer le contrat", frozenset({Status.ACCEPTED}), Status.RUNNING,
            COMPANY_SIDE | OPCO,
        ),
        Transition(
            "complete", "Clore le contrat", frozenset({Status.RUNNING}), Status.COMPLETED,
            COMPANY_SIDE | OPCO, guard_complete,
        ),
        Transition(
            "terminate", "Enregistrer une rupture", frozenset({Status.ACCEPTED, Status.RUNNING}),
            Status.TERMINATED, COMPANY_SIDE | OPCO,
        ),
    )
}  # fmt: skip


def state_reasons(transition: Transition, row: Dossier) -> list[str]:
    """Why the transition cannot start from the row's state; empty when it can."""
    if row.status in transition.sources:
        return []
    return [
        f"Ce dossier est à l'état « {Status(row.status).label} » : l'action "
        f"« {transition.label} » n'est pas possible dans cet état."
    ]


def guard_reasons(
    transition: Transition, row: Dossier, hidden: frozenset[str] = frozenset()
) -> list[str]:
    """Every reason to refuse the transition now (state first, then the guard), without
    the `hidden` rules' findings (those the one who acts may not see)."""
    if reasons := state_reasons(transition, row):
        return reasons
    return transition.guard(row, hidden) if transition.guard else []
