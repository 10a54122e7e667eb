"""Reading a référentiel métier from an .xlsx sheet: all rows or none, errors row by row.

The sheet follows Atlas's référentiel template: a header row, then one row per
competence with the columns id, énoncé, importance, niveau, savoirs, savoir-faire,
savoir-être. Lists (savoirs…) hold one item per line or items separated by « ; ».
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from openpyxl import load_workbook

from parcours.domain.params import DEFAULT_PARAMETERS
from parcours.domain.text import fold

COLUMNS = ("id", "énoncé", "importance", "niveau", "savoirs", "savoir-faire", "savoir-être")
IMPORTANCES = {
    "indispensable": "indispensable",
    "necessaire": "necessaire",
    "accessoire": "accessoire",
}
LEVELS = {"notion": 1, "application": 2, "maitrise": 3, "expertise": 4}


@dataclass(frozen=True)
class RowError:
    row: int  # the sheet's row number, as the spreadsheet shows it
    message: str

    def __str__(self) -> str:
        return f"Ligne {self.row} : {self.message}" if self.row else self.message


@dataclass
class ImportResult:
    competences: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _items(value) -> list[str]:
    text = _text(value).replace("\r", "\n").replace(";", "\n")
    return [item.strip(" -•\t") for item in text.split("\n") if item.strip(" -•\t")]


def _importance(value) -> str | None:
    return IMPORTANCES.get(fold(_text(value)))


def _level(value) -> int | None:
    """1 to 4, written as a number, « 3 - Maîtrise » or « Maîtrise »."""
    text = fold(_text(value))
    head = text[:1]
    if head.isdigit() and int(head) in (1, 2, 3, 4) and (len(text) == 1 or not text[1].isdigit()):
        return int(head)
    return next((n for word, n in LEVELS.items() if word in text), None)


def _header_ok(row) -> bool:
    names = [fold(_text(c)).replace(" ", "-") for c in row[: len(COLUMNS)]]
    return names[:2] == ["id", "enonce"]


def _row(number: int, cells, seen: dict[str, int]) -> tuple[dict | None, list[RowError]]:
    cells = list(cells) + [None] * (len(COLUMNS) - len(cells))
    ident, statement = _text(cells[0]), _text(cells[1])
    importance, level = _importance(cells[2]), _level(cells[3])
    errors = []
    if not ident:
        errors.append("l'identifiant (colonne A) est vide")
    elif len(ident) > 40:
        errors.append("l'identifiant (colonne A) dépasse 40 caractères")
    elif ident in seen:
        errors.append(f"l'identifiant « {ident} » est déjà utilisé ligne {seen[ident]}")
    if not statement:
        errors.append("l'énoncé de la compétence (colonne B) est vide")
    if importance is None:
        errors.append(
            f"importance (colonne C) « {_text(cells[2])} » non reconnue : "
            "indispensable, nécessaire ou accessoire"
        )
    if level is None:
        errors.append(
            f"niveau attendu (colonne D) « {_text(cells[3])} » non reconnu : "
            "1 (notion), 2 (application), 3 (maîtrise) ou 4 (expertise)"
        )
    if errors:
        return None, [RowError(number, " ; ".join(errors))]
    seen[ident] = number
    competence = {
        "id": ident,
        "statement": statement,
        "importance": importance,
        "level": level,
        "knowledge": _items(cells[4]),
        "skills": _items(cells[5]),
        "attitudes": _items(cells[6]),
    }
    return competence, []


def parse_referentiel_xlsx(data: bytes, maximum: int = DEFAULT_PARAMETERS.max_competences):
    """The competences of the sheet, or the French errors of every bad row (and no competence)."""
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError):
        return ImportResult(errors=[RowError(0, "Le fichier n'est pas un classeur Excel (.xlsx).")])
    rows = [(n, r) for n, r in enumerate(sheet.iter_rows(values_only=True), start=1)]
    rows = [(n, r) for n, r in rows if any(_text(c) for c in r)]
    if rows and _header_ok(rows[0][1]):
        rows = rows[1:]
    result, seen = ImportResult(), {}
    for number, cells in rows:
        competence, errors = _row(number, cells, seen)
        result.errors.extend(errors)
        if competence:
            result.competences.append(competence)
    if not rows:
        result.errors.append(RowError(0, "La feuille ne contient aucune compétence."))
    elif len(rows) > maximum:
        result.errors.append(
            RowError(
                0,
                f"La feuille compte {len(rows)} compétences ; le référentiel en admet "
                f"{maximum} au plus.",
            )
        )
    if result.errors:
        result.competences = []
    return result
