"""The only writers of held reviews and end-of-module evaluations.

Like `parcours.dossiers.actions`: atomic, the permission checked inside (`reviews.perms`),
bad input refused with a French message naming the field (`InvalidDossier`, nothing
written), the version lock (`StaleDossier`) and one `DossierEvent` through
`dossiers.actions.save_sections`. Nothing is back-dated: a review is not held before its
month (the month of the action holding its planned date) nor before the action's start, an
evaluation not before the action's (or its module's) start; neither in the future.

A review's decision `adapt` records that the parcours should be adapted: the adaptations
(art. 6) and avenants (art. 10) start from the held reviews whose `decision` is `adapt`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from parcours.accounts.enums import Role
from parcours.domain import text
from parcours.domain.calendar import month_index, nth_month
from parcours.domain.dossier import Quality, ReviewDecision, ReviewKind
from parcours.dossiers import actions, convert
from parcours.dossiers.errors import FieldError, InvalidDossier
from parcours.dossiers.models import Dossier
from parcours.reviews import perms

HOLD_NOT_ALLOWED = (
    "Seuls le tuteur, l'entreprise et le tiers facilitateur tiennent un bilan, pendant que "
    "le contrat est en cours."
)
EVALUATE_NOT_ALLOWED = (
    "L'évaluation d'un module est enregistrée, pendant que le contrat est en cours, par son "
    "formateur (formation interne, AFEST, évaluation), le tuteur, l'entreprise ou le tiers "
    "facilitateur."
)
DECISIONS = {ReviewDecision.CONTINUE: "poursuivre", ReviewDecision.ADAPT: "adapter le parcours"}
ROLE_QUALITY = {
    Role.TUTOR: Quality.TUTOR,
    Role.TRAINER: Quality.TRAINER,
    Role.FACILITATOR: Quality.FACILITATOR,
    Role.COMPANY_ADMIN: Quality.COMPANY,
}
MAX_COMMENT = 2000


def _today() -> dt.date:
    return timezone.localdate()


def _as_date(value, path: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise InvalidDossier([FieldError(path, "date absente ou illisible (JJ/MM/AAAA)")]) from None


def review_window_start(document: dict, review: dict) -> dt.date:
    """The first day a review may be held: the first day of the action's month holding its
    planned date (the action's first day without a planned date, or one before the start)."""
    c = document["contract"]
    start = dt.date.fromisoformat(c["action_start"])
    planned = review.get("planned_date")
    if not planned:
        return start
    planned = dt.date.fromisoformat(planned)
    if planned <= start:
        return start
    return nth_month(start, month_index(start, planned))[0]


def _date_errors(day: dt.date, path: str, earliest: dt.date, why: str) -> list[FieldError]:
    if day > _today():
        message = f"le {text.date(day)} est dans le futur : indiquez le jour où il a eu lieu"
        return [FieldError(path, message)]
    if day < earliest:
        return [FieldError(path, f"le {text.date(day)} est avant {why} ({text.date(earliest)})")]
    return []


def _comment(value, path: str, errors: list[FieldError]) -> str | None:
    value = (value or "").strip()
    if len(value) > MAX_COMMENT:
        errors.append(FieldError(path, f"commentaire trop long ({MAX_COMMENT} caractères au plus)"))
    return value or None


def _level(value, path: str, errors: list[FieldError]) -> int | None:
    try:
        level = int(value)
    except (TypeError, ValueError):
        errors.append(FieldError(path, "niveau absent : choisissez un niveau de 0 à 4"))
        return None
    if not 0 <= level <= 4:
        errors.append(FieldError(path, "niveau hors de l'échelle : de 0 à 4"))
        return None
    return level


def _scores(
    given: Mapping[str, Any] | Iterable[Mapping[str, Any]],
    allowed: list[str],
    path: str,
    errors: list[FieldError],
    *,
    every: bool,
    what: str,
) -> list[dict]:
    """`given`: {competence: {"level", "comment"}} or [{"competence", "level", "comment"}]."""
    if isinstance(given, Mapping):
        items = [{"competence": k, **(v if isinstance(v, Mapping) else {"level": v})}
                 for k, v in given.items()]  # fmt: skip
    else:
        items = [dict(x) for x in given]
    out, seen = [], set()
    for i, item in enumerate(items):
        cid = item.get("competence")
        here = f"{path}[{i}]"
        if cid not in allowed:
            errors.append(FieldError(f"{here}.competence", f"« {cid} » n'est pas {what}"))
            continue
        if cid in seen:
            errors.append(FieldError(f"{here}.competence", f"{cid} est noté deux fois"))
            continue
        seen.add(cid)
        level = _level(item.get("level"), f"{here}.level", errors)
        comment = _comment(item.get("comment"), f"{here}.comment", errors)
        if level is not None:
            out.append({"competence": cid, "level": level, "comment": comment})
    if every:
        missing = [c for c in allowed if c not in seen]
        if missing:
            errors.append(FieldError(path, "il manque le niveau de " + ", ".join(missing)))
    elif not items:
        errors.append(FieldError(path, "aucun résultat : notez au moins une compétence"))
    order = {c: n for n, c in enumerate(allowed)}
    return sorted(out, key=lambda s: order[s["competence"]])


def _participants(given: Iterable[Mapping[str, Any]], errors: list[FieldError]) -> list[dict]:
    out, seen = [], set()
    qualities = {q.value for q in Quality}
    for i, p in enumerate(given or []):
        name = " ".join(str(p.get("name") or "").split())
        quality = str(p.get("quality") or "")
        if not name:
            errors.append(FieldError(f"participants[{i}].name", "nom absent"))
            continue
        if len(name) > 200:
            errors.append(FieldError(f"participants[{i}].name", "nom trop long (200 au plus)"))
            continue
        if quality not in qualities:
            errors.append(FieldError(f"participants[{i}].quality", "qualité inconnue"))
            continue
        if (name.casefold(), quality) not in seen:
            seen.add((name.casefold(), quality))
            out.append({"name": name, "quality": quality})
    if not out and not errors:
        errors.append(FieldError("participants", "personne n'a pris part au bilan ?"))
    return out


def _person_name(user, dossier: Dossier, document: dict) -> str:
    """The name the user has in the document (tutor, trainer), else their account's."""
    if user.role == Role.TUTOR and dossier.tutor_id == user.pk and document.get("tutor"):
        return document["tutor"]["name"]
    if user.role == Role.TRAINER:
        ids = perms.trainer_ids_of(user, dossier)
        for t in document.get("trainers") or []:
            if t.get("id") in ids:
                return t["name"]
    return str(user)


# --- reviews ---------------------------------------------------------------------------


@transaction.atomic
def hold_review(
    dossier: Dossier,
    user,
    review_id: str,
    held_date: dt.date | str,
    scores: Mapping[str, Any] | Iterable[Mapping[str, Any]],
    participants: Iterable[Mapping[str, Any]],
    decision: str,
    expected_version: int,
    *,
    comment: str | None = None,
) -> Dossier:
    """Record a planned review as held: its date, a level and a comment for every
    competence of the référentiel, who took part and the decision (`continue` | `adapt`).
    Holding it again corrects it (the history keeps both)."""
    if not perms.can_hold_review(user, dossier):
        raise PermissionDenied(HOLD_NOT_ALLOWED)
    document = convert.document(dossier)
    reviews = [dict(r) for r in document.get("reviews") or []]
    index = next((i for i, r in enumerate(reviews) if r.get("id") == review_id), None)
    if index is None:
        raise InvalidDossier([FieldError("review", f"bilan « {review_id} » inconnu du dossier")])
    review = reviews[index]
    errors: list[FieldError] = []
    day = _as_date(held_date, "held_date")
    label = "bilan final" if review.get("kind") == ReviewKind.FINAL else f"bilan {review_id}"
    start = dt.date.fromisoformat(document["contract"]["action_start"])
    earliest = review_window_start(document, review)
    why = "le début de l'action" if earliest == start else f"le mois prévu pour le {label}"
    errors += _date_errors(day, "held_date", earliest, why)
    competences = [c["id"] for c in document.get("competences") or []]
    new_scores = _scores(scores, competences, "scores", errors, every=True,
                         what="une compétence du référentiel")  # fmt: skip
    people = _participants(participants, errors)
    if decision not in {d.value for d in ReviewDecision}:
        errors.append(FieldError("decision", "choisissez : poursuivre ou adapter le parcours"))
    note = _comment(comment, "comment", errors)
    if errors:
        raise InvalidDossier(errors)
    reviews[index] = {
        **review,
        "held_date": day.isoformat(),
        "scores": new_scores,
        "participants": people,
        "decision": decision,
        "held_by": _person_name(user, dossier, document),
        "comment": note if comment is not None else review.get("comment"),
    }
    words = (
        f"{label[0].upper()}{label[1:]} tenu le {text.date(day)} ; "
        f"décision : {DECISIONS[ReviewDecision(decision)]}"
    )
    return actions.save_sections(
        dossier, user, {"reviews": reviews}, expected_version,
        event_section="reviews", comment=words + ".",
    )  # fmt: skip


# --- module evaluations ----------------------------------------------------------------


@transaction.atomic
def record_evaluation(
    dossier: Dossier,
    user,
    module_id: str,
    date: dt.date | str,
    results: Mapping[str, Any] | Iterable[Mapping[str, Any]],
    expected_version: int,
    *,
    evaluator_name: str | None = None,
) -> Dossier:
    """Record the end-of-module evaluation of `module_id` (art. 3): a level and a comment per
    competence the module covers (only those). An evaluation of the same module on the same
    day replaces the one recorded before. `evaluator_name`: who evaluated, when it is not the
    user (an external provider's trainer, transcribed by the company side)."""
    if not perms.can_record_evaluation(user, dossier, module_id):
        raise PermissionDenied(EVALUATE_NOT_ALLOWED)
    document = convert.document(dossier)
    module = next((m for m in document.get("modules") or [] if m.get("id") == module_id), None)
    if module is None:
        raise InvalidDossier([FieldError("module", f"module « {module_id} » inconnu du dossier")])
    errors: list[FieldError] = []
    day = _as_date(date, "date")
    earliest = dt.date.fromisoformat(document["contract"]["action_start"])
    why = "le début de l'action"
    if module.get("start") and dt.date.fromisoformat(module["start"]) > earliest:
        earliest, why = dt.date.fromisoformat(module["start"]), f"le début du module {module_id}"
    errors += _date_errors(day, "date", earliest, why)
    covered = list(module.get("competences") or [])
    new_results = _scores(results, covered, "results", errors, every=False,
                          what=f"une compétence du module {module_id}")  # fmt: skip
    name = " ".join((evaluator_name or "").split()) or _person_name(user, dossier, document)
    if len(name) > 200:
        errors.append(FieldError("evaluator.name", "nom trop long (200 au plus)"))
    if errors:
        raise InvalidDossier(errors)
    quality = Quality.TRAINER if evaluator_name else ROLE_QUALITY[user.role]
    entry = {
        "module": module_id,
        "date": day.isoformat(),
        "evaluator": {"name": name, "quality": quality.value},
        "results": new_results,
    }
    evaluations = [
        e for e in document.get("evaluations") or []
        if not (e.get("module") == module_id and e.get("date") == entry["date"])
    ]  # fmt: skip
    evaluations = sorted([*evaluations, entry], key=lambda e: (e["date"], e["module"]))
    words = f"Évaluation du module {module_id} du {text.date(day)} enregistrée"
    return actions.save_sections(
        dossier, user, {"evaluations": evaluations}, expected_version,
        event_section="evaluations", comment=words + ".",
    )  # fmt: skip
