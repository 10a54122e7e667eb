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


# What naming another contract reads: summary columns, never the document.
LABEL_COLUMNS = ("pk", "reference", "learner_name", "company_id", "tutor_id", "tutor_key")


def _label(row: Dossier) -> str:
    number = f"dossier {row.reference}" if row.reference else f"dossier n° {row.pk}"
    return f"{row.learner_name or 'salarié à recruter'} ({number})"


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
        .only(*LABEL_COLUMNS)
        .order_by("pk")
    )
    return [_label(r) for r in rows]


def prefetch(rows: list[Dossier]) -> None:
    """Each row's other contracts in one query for all of them (`manage.py audit` reads
    thousands of rows): kept on the row, where `block` finds them. Matches by the stored
    `tutor_key` column, as the rows stand in the database."""
    named = [r for r in rows if r.company_id and (r.tutor_key or r.tutor_id)]
    for r in rows:
        r._tutor_load_others = []
    if not named:
        return
    keys = {r.tutor_key for r in named if r.tutor_key}
    ids = {r.tutor_id for r in named if r.tutor_id}
    candidates = (
        Dossier.objects.filter(
            Q(tutor_key__in=keys) | Q(tutor_id__in=ids),
            company_id__in={r.company_id for r in named},
            status__in=COUNTED_STATES,
        )
        .only(*LABEL_COLUMNS)
        .order_by("pk")
    )
    by_key: dict[tuple, list[Dossier]] = {}
    for c in candidates:
        if c.tutor_key:
            by_key.setdefault((c.company_id, "key", c.tutor_key), []).append(c)
        if c.tutor_id:
            by_key.setdefault((c.company_id, "id", c.tutor_id), []).append(c)
    for r in named:
        found = {}
        for k in ((r.company_id, "key", r.tutor_key), (r.company_id, "id", r.tutor_id)):
            if k[2]:
                found.update({c.pk: c for c in by_key.get(k, []) if c.pk != r.pk})
        r._tutor_load_others = [_label(found[pk]) for pk in sorted(found)]


def block(row: Dossier) -> dict | None:
    """The document's derived `tutor_load`, or None when the dossier names no tutor."""
    if not (row.content.get("tutor") or row.tutor_id):
        return None
    prefetched = getattr(row, "_tutor_load_others", None)
    return {"others": prefetched if prefetched is not None else others(row)}


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
