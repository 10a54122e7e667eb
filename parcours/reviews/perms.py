"""Who may hold a review, record a module's evaluation, read the progress. Built on
`parcours.dossiers.perms.can_view`: nobody acts on a dossier they cannot see.

- A review is held by the tutor, or by the company side (company admin, facilitator),
  while the contract runs.
- A module's end-of-module evaluation is recorded, while the contract runs, by the module's
  own trainer (an `interne`, `afest` or `evaluation` module whose trainer is the user's
  account, through `Dossier.trainer_accounts`), by the tutor, or by the company side.
- The progress (page, chart) is read by every party of the dossier, OPCO included.
"""

from __future__ import annotations

from parcours.accounts.enums import Role
from parcours.dossiers import perms
from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier

REVIEW_ROLES = frozenset({Role.TUTOR, Role.COMPANY_ADMIN, Role.FACILITATOR})
EVALUATION_ROLES = frozenset({Role.TUTOR, Role.COMPANY_ADMIN, Role.FACILITATOR, Role.TRAINER})
# A trainer account evaluates the modules it runs: internal ones, AFEST, and evaluation
# modules naming it as their trainer.
TRAINER_MODALITIES = frozenset({"interne", "afest", "evaluation"})
STATES = (Status.RUNNING,)


def _role(user) -> str | None:
    return user.role if user.is_authenticated and user.is_active else None


def can_hold_review(user, dossier: Dossier) -> bool:
    return (
        _role(user) in REVIEW_ROLES and dossier.status in STATES and perms.can_view(user, dossier)
    )


def trainer_ids_of(user, dossier: Dossier) -> set[str]:
    """The document's trainer ids the user's account is (usually one)."""
    return {tid for tid, pk in (dossier.trainer_accounts or {}).items() if pk == user.pk}


def _module(dossier: Dossier, module_id: str) -> dict | None:
    return next((m for m in dossier.content.get("modules") or [] if m.get("id") == module_id), None)


def can_evaluate_module(user, dossier: Dossier, module: dict) -> bool:
    """For a module of the document (a dict): the rule above, the dossier's state apart."""
    role = _role(user)
    if role == Role.TRAINER:
        return module.get("modality") in TRAINER_MODALITIES and module.get(
            "trainer"
        ) in trainer_ids_of(user, dossier)
    return role in EVALUATION_ROLES


def can_record_evaluation(user, dossier: Dossier, module_id: str | None = None) -> bool:
    """Without `module_id`: whether the user may evaluate at least one module now."""
    if _role(user) not in EVALUATION_ROLES or dossier.status not in STATES:
        return False
    if not perms.can_view(user, dossier):
        return False
    if module_id is None:
        return bool(evaluable_modules(user, dossier))
    module = _module(dossier, module_id)
    return module is None or can_evaluate_module(user, dossier, module)


def evaluable_modules(user, dossier: Dossier) -> list[dict]:
    """The modules of the document the user may evaluate (state and visibility apart); a
    dispensed module is not followed, so not evaluated."""
    return [
        m
        for m in dossier.content.get("modules") or []
        if m.get("adaptation") != "dispense" and can_evaluate_module(user, dossier, m)
    ]


def can_view_progress(user, dossier: Dossier) -> bool:
    return perms.can_view(user, dossier)
