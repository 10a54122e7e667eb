"""Reading a dossier from JSON: all or nothing, one French message per bad field."""

from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import ValidationError

from parcours.domain.dossier import FORMAT_ID, Dossier
from parcours.domain.text import number


@dataclass(frozen=True)
class FieldError:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '(document)'} : {self.message}"


class InvalidDossier(ValueError):
    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def json_path(loc: tuple) -> str:
    """('modules', 2, 'hours') -> 'modules[2].hours'"""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


MESSAGES = {
    "missing": "champ obligatoire absent",
    "extra_forbidden": "champ inconnu (faute de frappe ?) : il n'existe pas dans le format",
    "bool_type": "doit valoir true ou false",
    "bool_parsing": "doit valoir true ou false",
    "int_type": "doit être un nombre entier",
    "int_parsing": "doit être un nombre entier",
    "int_from_float": "doit être un nombre entier",
    "float_type": "doit être un nombre",
    "float_parsing": "doit être un nombre",
    "string_type": "doit être un texte",
    "list_type": "doit être une liste",
    "model_type": "doit être un objet",
    "dict_type": "doit être un objet",
    "date_type": "doit être une date au format AAAA-MM-JJ",
    "date_parsing": "doit être une date au format AAAA-MM-JJ",
    "date_from_datetime_parsing": "doit être une date au format AAAA-MM-JJ",
    "date_from_datetime_inexact": "doit être une date sans heure (AAAA-MM-JJ)",
    "string_too_short": "ne doit pas être vide",
    "string_too_long": "est trop long",
    "string_pattern_mismatch": "n'a pas la forme attendue",
    "too_long": "contient trop d'éléments",
    "too_short": "contient trop peu d'éléments",
    "finite_number": "doit être un nombre fini",
    "time_type": "doit être une heure au format HH:MM",
    "time_parsing": "doit être une heure au format HH:MM",
    "datetime_type": "doit être une date et une heure (AAAA-MM-JJTHH:MM:SS+01:00)",
    "datetime_parsing": "doit être une date et une heure (AAAA-MM-JJTHH:MM:SS+01:00)",
    "datetime_from_date_parsing": "doit être une date et une heure (AAAA-MM-JJTHH:MM:SS+01:00)",
    "timezone_aware": "doit préciser le fuseau horaire (ex. +01:00)",
    "recursion_loop": "document trop profondément imbriqué",
    "json_invalid": "JSON illisible",
    "json_type": "JSON illisible",
}

# The messages of Python's JSON reader, in French (json.JSONDecodeError.msg).
JSON_MESSAGES = {
    "Expecting value": "une valeur est attendue",
    "Expecting property name enclosed in double quotes": "un nom de champ entre "
    'guillemets droits ("…") est attendu',
    "Expecting ':' delimiter": "deux-points (:) attendus",
    "Expecting ',' delimiter": "une virgule (,) est attendue",
    "Unterminated string starting at": "texte sans guillemet fermant",
    "Extra data": "texte en trop après la fin du document",
    "Invalid control character at": "caractère de contrôle interdit dans un texte",
    "Invalid \\escape": "barre oblique inverse (\\) invalide",
    "Invalid \\uXXXX escape": "séquence \\u invalide",
}

BOM = "\ufeff"


def json_error(error: json.JSONDecodeError) -> str:
    """« JSON illisible, ligne 3, colonne 7 : une virgule (,) est attendue »"""
    what = JSON_MESSAGES.get(error.msg, "syntaxe JSON invalide")
    return f"JSON illisible, ligne {error.lineno}, colonne {error.colno} : {what}"


def load_json(data: str | bytes):
    """json.loads with French errors (ValueError) and a UTF-8 BOM accepted: for every file a
    person gives the command line (dossiers, --params, --livret)."""
    if isinstance(data, bytes):
        data = decode(data)
    try:
        return json.loads(data.removeprefix(BOM))
    except json.JSONDecodeError as exc:
        raise ValueError(json_error(exc)) from None
    except RecursionError:
        raise ValueError("JSON illisible : document trop profondément imbriqué") from None


def decode(data: bytes) -> str:
    """UTF-8 text, without its BOM (Notepad, Excel), or ValueError in French."""
    try:
        return data.decode("utf-8").removeprefix(BOM)
    except UnicodeDecodeError as exc:
        raise ValueError(
            "JSON illisible : le fichier n'est pas un texte UTF-8 "
            f"(octet non valide à la position {exc.start + 1})"
        ) from None


def _or(ctx: dict) -> str:
    return str(ctx.get("expected", "")).replace(" or ", " ou ")


def french_message(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "string_too_long" and isinstance(ctx.get("max_length"), int):
        return f"est trop long : au plus {number(ctx['max_length'])} caractères"
    if kind == "too_long" and isinstance(ctx.get("max_length"), int):
        return f"contient trop d'éléments : au plus {number(ctx['max_length'])}"
    if kind in MESSAGES:
        return MESSAGES[kind]
    if kind == "enum":
        return f"valeur «\u00a0{error.get('input')}\u00a0» non autorisée ; attendu : {_or(ctx)}"
    if kind == "literal_error":
        return f"doit valoir {_or(ctx)}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {
            "greater_than_equal": ("au moins", "ge"),
            "greater_than": ("strictement plus que", "gt"),
            "less_than_equal": ("au plus", "le"),
            "less_than": ("strictement moins que", "lt"),
        }[kind]
        limit = ctx.get(words[1])
        if isinstance(limit, int | float):
            limit = number(limit)  # 0.0 -> "0", 0.5 -> "0,5"
        return f"doit valoir {words[0]} {limit}"
    if kind in ("value_error", "assertion_error") and ctx.get("error"):
        return str(ctx["error"])  # our validators speak French
    return "valeur invalide"


def _errors(exc: ValidationError) -> list[FieldError]:
    return [FieldError(json_path(e["loc"]), french_message(e)) for e in exc.errors()]


def parse_dossier(data: str | bytes | dict) -> Dossier:
    """The dossier, or InvalidDossier listing every bad field; nothing half-read."""
    if isinstance(data, dict):
        try:
            return Dossier.model_validate(data)
        except ValidationError as exc:
            raise InvalidDossier(_errors(exc)) from None
    if isinstance(data, bytes):
        try:
            data = decode(data)
        except ValueError as exc:
            raise InvalidDossier([FieldError("", str(exc))]) from None
    data = data.removeprefix(BOM)
    try:
        # The common case first: one pass over the text. Only a refused document is read
        # a second time, to say what is wrong with it.
        return Dossier.model_validate_json(data, strict=True)
    except ValidationError as exc:
        raise InvalidDossier(_explain(data, exc)) from None


def _explain(text: str, exc: ValidationError) -> list[FieldError]:
    """Why the document was refused: broken JSON, not an object, another format, or
    each bad field with its path."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        return [FieldError("", json_error(error))]
    except RecursionError:
        return [FieldError("", "JSON illisible : document trop profondément imbriqué")]
    if not isinstance(raw, dict):
        return [FieldError("", "le document doit être un objet JSON")]
    if raw.get("format") != FORMAT_ID:
        found = raw.get("format")
        said = "champ absent" if found is None else f"trouvé : «\u00a0{found}\u00a0»"
        return [FieldError("format", f"doit valoir «\u00a0{FORMAT_ID}\u00a0» ({said})")]
    return _errors(exc)


def dump_dossier(dossier: Dossier) -> str:
    return dossier.model_dump_json(indent=2)
