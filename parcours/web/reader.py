"""Findings worded for the person reading them.

The rules speak of the dossier in the third person, for the company that writes it. The
learner and the tutor read some of them about what they themselves have to do: POS-01
(the initial positioning) then says « votre auto-évaluation », « votre tuteur », and what
to do is theirs, not an instruction to give someone else.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from parcours.accounts.enums import Role
from parcours.domain import wording
from parcours.domain.rules import Finding

_ENTRY = re.compile(r"^positioning\.entries\[(\d+)\]\.(self_level|assessed_level)$")
_ID = re.compile(r"compétence (\S+) ")
STEP = "à l'étape « Positionnement initial »"


def _competence(finding: Finding, document: dict) -> str:
    if m := _ENTRY.match(finding.path):
        return wording.where(f"positioning.entries[{m[1]}]", document)
    m = _ID.search(finding.message)
    return wording.competence(document, m[1]) if m else "une compétence"


def _pos_01(finding: Finding, role: str, document: dict) -> Finding:
    learner, tutor = role == Role.LEARNER, role == Role.TUTOR
    if not (learner or tutor):
        return finding
    if finding.path == "positioning":
        if learner:
            message = "Votre positionnement initial n'a pas encore été fait."
            fix = (
                f"Indiquez votre niveau (0 à 4) pour chaque compétence {STEP} ; "
                "votre tuteur y indique le sien."
            )
        else:
            message = "Le positionnement initial du salarié n'a pas encore été fait."
            fix = (
                f"Évaluez le niveau du salarié (0 à 4) pour chaque compétence {STEP} ; "
                "il y indique aussi le sien."
            )
        return dataclasses.replace(finding, message=message, fix=fix)
    about = _competence(finding, document)
    field = m[2] if (m := _ENTRY.match(finding.path)) else None
    if field is None:
        message = f"{about[:1].upper()}{about[1:]} n'a pas encore été positionnée."
        fix = (
            "Indiquez votre niveau pour cette compétence ; votre tuteur indiquera le sien."
            if learner
            else "Évaluez le niveau du salarié pour cette compétence ; il indiquera aussi le sien."
        )
    elif field == "self_level":
        if learner:
            message = f"Votre auto-évaluation manque pour {about}."
            fix = "Choisissez le niveau (0 à 4) où vous vous situez aujourd'hui."
        else:
            message = f"L'auto-évaluation du salarié manque pour {about}."
            fix = "C'est au salarié de la faire : rappelez-lui de choisir son niveau."
    elif tutor:
        message = f"Votre évaluation manque pour {about}."
        fix = "Choisissez le niveau (0 à 4) que vous constatez chez le salarié."
    else:
        message = f"L'évaluation de votre tuteur manque pour {about}."
        fix = "C'est à votre tuteur de la faire : rien à faire de votre côté."
    return dataclasses.replace(finding, message=message, fix=fix)


def for_reader(findings: Iterable[Finding], user, document: dict) -> list[Finding]:
    """The findings as `user` reads them (POS-01 in the second person for the learner and
    the tutor); the others unchanged."""
    role = getattr(user, "role", "")
    return [_pos_01(f, role, document) if f.rule == "POS-01" else f for f in findings]
