"""What changed between two submissions of a dossier to the OPCO, in French words.

No snapshot of the document is kept at each submission: the history keeps, for every save,
the leaf-level changes of the document (`{"path", "before", "after"}`, positional, as
`parcours.dossiers.convert.diff` writes them). Rolling the current document back through
the saves made since a moment (`rewind`) gives the document as it was then; comparing the
document as submitted the previous time with the one submitted now (`compare_submissions`)
says per section what changed: the modules and competences by their identifiers
(`parcours_diff.compare`, as the versions page does), every other field before → after.

Pure Python (no Django): the page's builder reads the events and calls these functions.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from parcours.domain import wording
from parcours.domain.condensed import DOCUMENTS, SIGNATORIES
from parcours.domain.dossier import DocumentKind
from parcours.domain.loading import InvalidDossier, parse_dossier
from parcours.domain.parcours_diff import SAME, compare

_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)")
_INDEX = re.compile(r"\[(\d+)\]")

# The sections the company writes before submitting (the OPCO's change requests name
# them), grouped as the summary's blocks: the facilitator and OPCO under the company.
BLOCK_OF = {
    "company": "company", "facilitator": "company", "opco": "company",
    "learner": "learner", "contract": "contract", "competences": "competences",
    "positioning": "positioning", "modules": "modules", "sequences": "sequences",
    "tutor": "tutor", "trainers": "trainers", "reviews": "reviews", "documents": "documents",
}  # fmt: skip
TITLES = {
    "company": "Entreprise", "learner": "Salarié apprenant", "contract": "Contrat",
    "competences": "Référentiel métier", "positioning": "Positionnement initial",
    "modules": "Parcours de formation", "figures": "Heures et part du parcours",
    "sequences": "Séquences pédagogiques",
    "tutor": "Tuteur", "trainers": "Formateurs internes", "reviews": "Bilans prévus",
    "documents": "Documents signés",
}  # fmt: skip
TRACKED = tuple(BLOCK_OF)
LINES_MAX = 15  # per section; the rest is counted
# The contract fields `parcours_diff.compare` already words (the versions' design).
COMPARED_CONTRACT = ("contract.action_start", "contract.action_end", "contract.weekly_hours")


def head(path: str) -> str:
    return re.split(r"[.\[]", path or "", maxsplit=1)[0]


# --- rolling a document back ----------------------------------------------------------


def _steps(path: str) -> list[str | int]:
    steps: list[str | int] = []
    for part in path.split("."):
        m = _STEP.fullmatch(part)
        if m is None:
            raise ValueError(path)
        steps.append(m[1])
        steps += [int(i) for i in _INDEX.findall(m[2])]
    return steps


def set_path(document: dict, path: str, value: Any) -> None:
    """Put `value` at `path` (« modules[2].hours »), making the containers on the way; a
    list too short is padded with None (`_tidy` drops what stays None)."""
    steps = _steps(path)
    node: Any = document
    for step, following in zip(steps, steps[1:], strict=False):
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(step, int):
            while len(node) <= step:
                node.append(None)
            if not isinstance(node[step], (dict, list)):
                node[step] = empty
            node = node[step]
        else:
            if not isinstance(node.get(step), (dict, list)):
                node[step] = empty
            node = node[step]
    last = steps[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = copy.deepcopy(value)


def _tidy(value: Any) -> Any:
    """Rows rolled back to « absent » (None) leave the lists: the diff records a shorter list
    as its last rows going to None."""
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tidy(v) for v in value if v is not None]
    return value


def _undo_deposit(document: dict, change: dict) -> None:
    """A deposited signed paper replaced its kind's entry of `documents`: put back the entry
    it replaced (`before`, None when there was none)."""
    kind = change["document_kind"]
    kept = [d for d in document.get("documents") or [] if (d or {}).get("kind") != kind]
    document["documents"] = kept + ([change["before"]] if change.get("before") else [])


def rewind(document: dict, saves: list[list[dict]]) -> dict:
    """The document before `saves` (each the change list of one save, oldest first), over
    the TRACKED sections only; the other sections are left as they are. A change
    `{"document_kind", "before"}` is a deposited signed paper (`_undo_deposit`)."""
    data = copy.deepcopy(document)
    for changes in reversed(saves):
        for change in reversed(changes):
            if "document_kind" in change:
                _undo_deposit(data, change)
                continue
            path = change.get("path") or ""
            if head(path) not in TRACKED:
                continue
            try:
                set_path(data, path, change.get("before"))
            except (ValueError, AttributeError, TypeError, IndexError):
                continue  # a path this document's shape cannot take: the later rows say more
    for key in TRACKED:
        if key in data:
            data[key] = _tidy(data[key])
    return data


# --- comparing two submissions ----------------------------------------------------------


def diff(before: Any, after: Any, path: str = "") -> list[tuple[str, Any, Any]]:
    """(path, before, after) of every leaf that differs (a None and an absent key are the
    same)."""
    if isinstance(before, dict) and isinstance(after, dict):
        out = []
        for key in sorted(set(before) | set(after), key=str):
            out += diff(before.get(key), after.get(key), f"{path}.{key}" if path else str(key))
        return out
    if isinstance(before, list) and isinstance(after, list):
        out = []
        for i in range(max(len(before), len(after))):
            old = before[i] if i < len(before) else None
            new = after[i] if i < len(after) else None
            out += diff(old, new, f"{path}[{i}]")
        return out
    return [] if before == after else [(path, before, after)]


@dataclass(frozen=True)
class Line:
    what: str  # what changed, in words (« la date de fin du contrat »)
    before: str
    after: str


@dataclass(frozen=True)
class SectionChanges:
    key: str
    title: str
    sentences: tuple[str, ...] = ()  # modules, competences, the action's dates, in sentences
    lines: tuple[Line, ...] = ()  # every other field, before → after
    more: int = 0  # lines left out beyond LINES_MAX

    @property
    def count(self) -> int:
        return len(self.sentences) + len(self.lines) + self.more


def _exists(path: str, document: dict) -> bool:
    node: Any = document
    try:
        for step in _steps(path):
            node = node[step]
    except (KeyError, IndexError, TypeError, ValueError):
        return False
    return node is not None


def _document_word(entry: dict | None, signed: str) -> str:
    """« signée le 21/11/2026 par l'entreprise » (`signed` agrees with the paper's name)."""
    if not entry:
        return "signature non déclarée"
    by = ", ".join(SIGNATORIES.get(s, s) for s in entry.get("signed_by") or [])
    return f"{signed} le {wording.value(entry.get('date'))}" + (f" par {by}" if by else "")


def _documents_lines(before: dict, after: dict) -> list[Line]:
    """By kind, not by row: a new deposit moves its kind's row to the end of the list."""
    old = {d.get("kind"): d for d in before.get("documents") or [] if isinstance(d, dict)}
    new = {d.get("kind"): d for d in after.get("documents") or [] if isinstance(d, dict)}
    lines = []
    for kind in DocumentKind:
        a, b = old.get(kind.value), new.get(kind.value)
        if a != b:
            name, signed = DOCUMENTS[kind]
            lines.append(Line(name, _document_word(a, signed), _document_word(b, signed)))
    return lines


def _comparison_sentences(before: dict, after: dict) -> dict[str, list[str]] | None:
    """The modules', competences' and action's changes as the versions page words them;
    None when either document is not valid (its rows are then compared field by field)."""
    try:
        result = compare(parse_dossier(before), parse_dossier(after))
    except (InvalidDossier, ValueError):
        return None
    n_modules = sum(1 for m in result.modules if m.status != SAME)
    n_competences = sum(1 for c in result.competences if c.status != SAME)
    sentences = list(result.sentences)
    return {
        "modules": sentences[:n_modules],
        "competences": sentences[n_modules : n_modules + n_competences],
        "contract": sentences[n_modules + n_competences :],
        # The convention's article 3 figures follow from the modules and the action's dates:
        # said apart, so that no section is marked changed for them alone.
        "figures": [f"{t.label} : {t.before} → {t.after}." for t in result.totals if t.changed],
    }


def compare_submissions(before: dict, after: dict, *, show_benefits: bool) -> list[SectionChanges]:
    """What changed from `before` (the document as submitted the previous time) to `after`,
    per section of the summary, in its order; only the sections that changed."""
    sentences = _comparison_sentences(before, after)
    worded = ("modules", "competences") if sentences is not None else ()
    lines: dict[str, list[Line]] = {key: [] for key in TITLES}
    for key in TRACKED:
        if key in worded or key == "documents":
            continue
        for path, old, new in diff(before.get(key), after.get(key), key):
            if sentences is not None and path in COMPARED_CONTRACT:
                continue
            if not show_benefits and path.startswith("learner.benefits"):
                continue
            named = wording.where(path, after if _exists(path, after) else before)
            lines[BLOCK_OF[key]].append(
                Line(named[:1].upper() + named[1:], wording.value(old), wording.value(new))
            )
    lines["documents"] = _documents_lines(before, after)
    found = []
    for key, title in TITLES.items():
        said = tuple((sentences or {}).get(key, ()))
        rows = lines[key]
        if said or rows:
            found.append(
                SectionChanges(
                    key, title, said, tuple(rows[:LINES_MAX]), max(0, len(rows) - LINES_MAX)
                )
            )
    return found


@dataclass(frozen=True)
class Resubmission:
    """The page's « Ce qui a changé depuis la soumission précédente »."""

    submissions: int  # how many times the dossier was submitted
    sections: list[SectionChanges] = field(default_factory=list)

    @property
    def first(self) -> bool:
        return self.submissions <= 1
