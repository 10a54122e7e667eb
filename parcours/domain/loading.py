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
}


def _or(ctx: dict) -> str:
    return str(ctx.get("expected", "")).replace(" or ", " ou ")


def french_message(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
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
    if kind == "json_invalid":
        return f"JSON illisible : {ctx.get('error', '')}"
    return error.get("msg", "valeur invalide")


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
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidDossier([FieldError("", f"JSON illisible : {exc}")]) from None
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
    except (json.JSONDecodeError, RecursionError) as error:
        return [FieldError("", f"JSON illisible : {error}")]
    if not isinstance(raw, dict):
        return [FieldError("", "le document doit être un objet JSON")]
    if raw.get("format") != FORMAT_ID:
        found = raw.get("format")
        return [FieldError("format", f"doit valoir «\u00a0{FORMAT_ID}\u00a0» (trouvé : {found!r})")]
    return _errors(exc)


def dump_dossier(dossier: Dossier) -> str:
    return dossier.model_dump_json(indent=2)
