"""Guide action 1 ③: the référentiel's competences confirmed by the work team (pure).

The confirmation keeps a fingerprint of the competences it confirmed (a SHA-256 of their
canonical JSON): a competence added, removed or changed afterwards — a title, a level, an
importance — no longer matches, and the référentiel is « à reconfirmer ». Comparing a
fingerprint rather than a date keeps it right whichever way the competences were written
(the form, the Excel import, the API, a document imported whole)."""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum

from parcours.domain import text
from parcours.domain.dossier import Competence, Dossier, ReferentielConfirmation

NAMES_MAX = 20  # people who confirm (the field's limit in the format)


class State(StrEnum):
    ABSENT = "absent"  # never confirmed
    CONFIRMED = "confirme"
    TO_RECONFIRM = "a_reconfirmer"


LABELS = {
    State.ABSENT: "Non confirmé par l'équipe de travail",
    State.CONFIRMED: "Confirmé par l'équipe de travail",
    State.TO_RECONFIRM: "À reconfirmer : les compétences ont changé depuis la confirmation",
}


def fingerprint(competences: list[Competence]) -> str:
    data = [c.model_dump(mode="json") for c in competences]
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def state(dossier: Dossier) -> State:
    confirmation = dossier.referentiel_confirmation
    if confirmation is None:
        return State.ABSENT
    if confirmation.competences_hash != fingerprint(dossier.competences):
        return State.TO_RECONFIRM
    return State.CONFIRMED


def people_text(confirmation: ReferentielConfirmation) -> str:
    """« Anne Martin (cheffe d'équipe), Karim Benali (technicien) »."""
    return ", ".join(f"{p.name} ({p.function})" for p in confirmation.by)


def confirmers(lines: str) -> tuple[list[dict], list[str]]:
    """Parse one person a line, « Nom — fonction » (or « Nom, fonction », « Nom : fonction »)
    into the format's `by`; the errors name the line, in French."""
    people, errors = [], []
    for n, raw in enumerate((lines or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        for sep in (" — ", " – ", " - ", ",", ":"):
            if sep in line:
                name, function = (part.strip() for part in line.split(sep, 1))
                break
        else:
            name, function = line, ""
        if not name or not function:
            errors.append(f"Ligne {n} : indiquez le nom puis la fonction, par exemple "
                          "« Anne Martin — cheffe d'équipe ».")  # fmt: skip
        elif len(name) > 200 or len(function) > 300:
            errors.append(f"Ligne {n} : le nom ou la fonction est trop long.")
        else:
            people.append({"name": name, "function": function})
    if not people and not errors:
        errors.append("Indiquez au moins une personne de l'équipe de travail.")
    if len(people) > NAMES_MAX:
        errors.append(f"Indiquez au plus {NAMES_MAX} personnes.")
    return people, errors


def summary(dossier: Dossier) -> str:
    """One line for the OPCO's summary: « Confirmé le 20/11/2026 par Anne Martin (cheffe
    d'équipe) », « À reconfirmer… (confirmé le …) », « Non confirmé… »."""
    found = state(dossier)
    confirmation = dossier.referentiel_confirmation
    if confirmation is None:
        return LABELS[found]
    when = f"le {text.date(confirmation.confirmed_on)} par {people_text(confirmation)}"
    if found == State.CONFIRMED:
        return f"Confirmé {when}"
    return f"À reconfirmer : les compétences ont changé depuis leur confirmation {when}"
