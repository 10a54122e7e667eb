"""TUT-05: the other contracts of the company that name the same tutor, counted in the
database (the declared `learners_followed` is TUT-04's)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from parcours.domain.params import DEFAULT_PARAMETERS
from parcours.domain.summary import tutor_key
from parcours.dossiers.enums import Status
from parcours.dossiers.errors import FieldError, InvalidDossier
from parcours.dossiers.models import Dossier

# A contract in preparation at the OPCO or in progress; a draft is not a contract yet and
# an ended one frees the tutor.
COUNTED_STATES = (Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.ACCEPTED, Status.RUNNING)


def _label(row: Dossier) -> str:
    learner = row.content.get("learner") or {}
    name = f"{learner.get('first_name', '')} {learner.get('last_name', '')}".strip()
    number = f"dossier {row.reference}" if row.reference else f"dossier n° {row.pk}"
    return f"{name or 'salarié à recruter'} ({number})"


def others(row: Dossier, tutor_name: Any = None, tutor_id: int | None = None) -> list[str]:
    """The company's other counted contracts naming the tutor (by account, or by the folded
    name kept in the `tutor_key` summary column), one query; [] when no tutor is known."""
    if tutor_name is None:
        tutor_name = (row.content.get("tutor") or {}).get("name")
    tutor_id = tutor_id if tutor_id is not None else row.tutor_id
    same = Q()
    if tutor_id:
        same |= Q(tutor_id=tutor_id)
    key = tutor_key(tutor_name) if isinstance(tutor_name, str) else ""
    if key:
        same |= Q(tutor_key=key)  # indexed with the company (dossier_company_tutor)
    if not same or not row.company_id:
        return []
    rows = (
        Dossier.objects.filter(same, company_id=row.company_id, status__in=COUNTED_STATES)
        .exclude(pk=row.pk)
        .only("pk", "reference", "content")
        .order_by("pk")
    )
    return [_label(r) for r in rows]


def block(row: Dossier) -> dict | None:
    """The document's derived `tutor_load`, or None when the dossier names no tutor."""
    if not (row.content.get("tutor") or row.tutor_id):
        return None
    return {"others": others(row)}


def refuse_one_too_many(row: Dossier, tutor: dict | None, tutor_id: int | None = None) -> None:
    """Naming a tutor who already follows the limit of the company's contracts is refused,
    with the others named (TUT-05)."""
    if not isinstance(tutor, dict) and tutor_id is None:
        return
    tutor = tutor if isinstance(tutor, dict) else (row.content.get("tutor") or {})
    found = others(row, tutor.get("name"), tutor_id)
    p = DEFAULT_PARAMETERS
    limit = p.employer_tutor_max_learners if tutor.get("is_employer") else p.tutor_max_learners
    if len(found) + 1 > limit:
        name = tutor.get("name") or "Ce tuteur"
        raise InvalidDossier(
            [
                FieldError(
                    "tutor.name",
                    f"{name} est déjà tuteur de {len(found)} contrats en cours dans "
                    f"l'entreprise ({' ; '.join(found)}) : la limite est de {limit} "
                    "alternants. Désignez un autre tuteur.",
                )
            ]
        )
