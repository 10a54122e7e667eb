"""Putting each finding of the rules engine next to the form field it concerns.

A finding's `path` (FORMAT.md) becomes the HTML name of the field the pages
render for it: the pages name their forms and formsets after the format, so
`competences[2].statement` is the field `competences-2-statement` of the
référentiel formset, `company.representative.name` the field
`company-representative_name` of the company form, and
`positioning.entries[3].self_level` the field `entries-3-self_level`.
A path naming a whole row (`modules[1]`) or a whole section (`modules`) keys
the row or the section.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from parcours.domain.rules import Finding, Severity

_ITEM = re.compile(r"^(?:[a-z_]+\.)?(?P<list>[a-z_]+)\[(?P<index>\d+)\](?:\.(?P<rest>.+))?$")
_FIELD = re.compile(r"^(?P<section>[a-z_]+)(?:\.(?P<rest>.+))?$")

# The dossier's steps, in the guide's order (`parcours.web.guide`): the need in competences
# before anyone is recruited, then the parcours of the recruited person, then the contract.
# (slug, title, top-level keys of the format).
STEPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("entreprise", "Entreprise", ("company", "facilitator", "opco")),
    ("referentiel", "Référentiel métier", ("competences",)),
    ("salarie", "Salarié apprenant", ("learner",)),
    ("tuteurs", "Tuteur et formateurs", ("tutor", "trainers")),
    ("positionnement", "Positionnement initial", ("positioning",)),
    ("parcours", "Parcours de formation", ("modules",)),
    ("sequences", "Séquences pédagogiques", ("sequences",)),
    ("contrat", "Contrat", ("contract",)),
    ("bilans", "Bilans prévus", ("reviews",)),
    ("documents", "Documents signés", ("documents",)),
)
STEP_SLUGS = tuple(slug for slug, _, _ in STEPS)
_STEP_OF_KEY = {key: slug for slug, _, keys in STEPS for key in keys}


def field_key(path: str) -> str:
    """The HTML name of the field (or row, or section) a finding's path designates."""
    if m := _ITEM.match(path):
        key = f"{m['list']}-{m['index']}"
        return f"{key}-{m['rest'].replace('.', '_')}" if m["rest"] else key
    if m := _FIELD.match(path):
        return f"{m['section']}-{m['rest'].replace('.', '_')}" if m["rest"] else m["section"]
    return path


def step_of(path: str) -> str | None:
    """The slug of the step whose page edits the path; None for what no step edits."""
    head = re.split(r"[.\[]", path, maxsplit=1)[0]
    return _STEP_OF_KEY.get(head)


class FindingIndex:
    """The findings of one report, by field key and by step."""

    def __init__(self, findings: Iterable[Finding]):
        self.findings = list(findings)
        self.by_key: dict[str, list[Finding]] = defaultdict(list)
        self.by_step: dict[str | None, list[Finding]] = defaultdict(list)
        for f in self.findings:
            self.by_key[field_key(f.path)].append(f)
            self.by_step[step_of(f.path)].append(f)

    def at(self, key: str) -> list[Finding]:
        return self.by_key.get(key, [])

    def of_step(self, slug: str | None) -> list[Finding]:
        return self.by_step.get(slug, [])

    def count(self, slug: str, severity: Severity) -> int:
        return sum(1 for f in self.of_step(slug) if f.severity == severity)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.BLOQUANT]

    @property
    def alerts(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ALERTE]


def finding_key(finding: Finding) -> str:
    """A stable identifier of one alerte, for its written justification."""
    return f"{finding.rule}:{finding.path}"
