"""What changes from one version of the parcours to another, in plain French.

Pure: two domain dossiers in, rows and sentences out. The « Versions du parcours » page and
the « Avenant à la convention » paper both read it, so that they say the same thing.
Only the design the versions carry is compared: the référentiel's competences, the modules
and the action's dates and weekly hours (the convention's article 3 figures follow).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from parcours.domain import text
from parcours.domain.dossier import Adaptation, Competence, Dossier, Modality, Module
from parcours.domain.figures import Figures

MODALITY = {
    Modality.EXTERNE: "formation externe",
    Modality.INTERNE: "formation interne",
    Modality.DISTANCE: "formation à distance",
    Modality.AFEST: "AFEST",
    Modality.EVALUATION: "évaluation",
}
ADAPTATION = {
    Adaptation.STANDARD: "standard",
    Adaptation.RENFORCEMENT: "renforcement",
    Adaptation.DISPENSE: "dispense",
}
LEVEL = {1: "1 – notion", 2: "2 – application", 3: "3 – maîtrise", 4: "4 – expertise"}
IMPORTANCE = {"indispensable": "indispensable", "necessaire": "nécessaire",
              "accessoire": "accessoire"}  # fmt: skip

ADDED, REMOVED, CHANGED, SAME = "ajouté", "retiré", "modifié", "inchangé"


def _date(day: dt.date | None) -> str:
    return text.date(day) if day else "à fixer"


def _period(start: dt.date | None, end: dt.date | None) -> str:
    if start is None and end is None:
        return "dates à fixer"
    return f"du {_date(start)} au {_date(end)}"


def _modality(m: Module) -> str:
    return MODALITY.get(m.modality, "modalité à préciser") if m.modality else "modalité à préciser"


def module_line(m: Module) -> str:
    """'105 h · formation externe · du 11/01/2027 au 30/06/2027 · C1, C2' (+ the adaptation
    when it is not the standard one)."""
    parts = [text.hours(m.hours), _modality(m), _period(m.start, m.end)]
    if m.adaptation != Adaptation.STANDARD:
        parts.append(ADAPTATION[m.adaptation])
    if m.competences:
        parts.append(", ".join(m.competences))
    return " · ".join(parts)


def competence_line(c: Competence) -> str:
    level = f"niveau attendu {LEVEL[c.level]}" if c.level else "niveau attendu à préciser"
    return f"{c.statement} ({level})"


@dataclass(frozen=True)
class ItemChange:
    """One module or competence: what it was, what it becomes, the changes in words."""

    id: str
    title: str
    status: str  # ADDED, REMOVED, CHANGED, SAME
    before: str  # a line describing it before ("" when added)
    after: str  # after ("" when removed)
    changes: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.status != SAME


@dataclass(frozen=True)
class Total:
    label: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class Comparison:
    modules: tuple[ItemChange, ...]
    competences: tuple[ItemChange, ...]
    contract: tuple[str, ...]
    totals: tuple[Total, ...]
    sentences: tuple[str, ...] = field(default=())

    @property
    def changed(self) -> bool:
        return bool(self.sentences)

    def summary(self, limit: int = 300) -> str:
        """The changes in one short line (the `changes` entry of the dossier)."""
        parts = [s.rstrip(".") for s in self.sentences]
        line = " ; ".join(parts) or "aucun changement"
        return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _module_changes(a: Module, b: Module) -> list[str]:
    out = []
    if a.title != b.title:
        out.append(f"intitulé « {a.title} » remplacé par « {b.title} »")
    if a.hours != b.hours:
        verb = "portée" if b.hours > a.hours else "ramenée"
        out.append(f"durée {verb} de {text.hours(a.hours)} à {text.hours(b.hours)}")
    if a.modality != b.modality:
        out.append(f"modalité « {_modality(a)} » remplacée par « {_modality(b)} »")
    if (a.start, a.end) != (b.start, b.end):
        out.append(f"dates {_period(a.start, a.end)} remplacées par {_period(b.start, b.end)}")
    if a.adaptation != b.adaptation:
        if b.adaptation == Adaptation.STANDARD:
            out.append(f"n'est plus en {ADAPTATION[a.adaptation]} (standard)")
        else:
            out.append(f"passe en {ADAPTATION[b.adaptation]}")
    added = [c for c in b.competences if c not in a.competences]
    removed = [c for c in a.competences if c not in b.competences]
    if added:
        out.append(f"vise en plus {', '.join(added)}")
    if removed:
        out.append(f"ne vise plus {', '.join(removed)}")
    if a.trainer != b.trainer:
        out.append(f"formateur {a.trainer or 'aucun'} remplacé par {b.trainer or 'aucun'}")
    if a.provider != b.provider:
        out.append(
            f"organisme « {a.provider or 'aucun'} » remplacé par « {b.provider or 'aucun'} »"
        )
    if a.objective != b.objective:
        out.append("objectif reformulé")
    if a.evaluation_methods != b.evaluation_methods:
        out.append("modalités d'évaluation modifiées")
    if a.recognition != b.recognition:
        out.append("reconnaissance modifiée")
    return out


def _competence_changes(a: Competence, b: Competence) -> list[str]:
    out = []
    if a.statement != b.statement:
        out.append(f"énoncé reformulé : « {b.statement} »")
    if a.level != b.level:
        before = LEVEL.get(a.level, "non précisé")
        after = LEVEL.get(b.level, "non précisé")
        out.append(f"niveau attendu {before} → {after}")
    if a.importance != b.importance:
        before = IMPORTANCE.get(a.importance or "", "non précisée")
        after = IMPORTANCE.get(b.importance or "", "non précisée")
        out.append(f"importance {before} → {after}")
    for name, label in (("knowledge", "savoirs"), ("skills", "savoir-faire"),
                        ("attitudes", "savoir-être")):  # fmt: skip
        if getattr(a, name) != getattr(b, name):
            out.append(f"{label} modifiés")
    return out


def _items(before, after, describe, changes_of, title_of):
    old = {x.id: x for x in before}
    new_ids = {x.id for x in after}
    rows = []
    for x in after:
        if x.id not in old:
            rows.append(ItemChange(x.id, title_of(x), ADDED, "", describe(x)))
            continue
        found = changes_of(old[x.id], x)
        rows.append(
            ItemChange(
                x.id,
                title_of(x),
                CHANGED if found else SAME,
                describe(old[x.id]),
                describe(x),
                tuple(found),
            )
        )
    rows += [
        ItemChange(x.id, title_of(x), REMOVED, describe(x), "")
        for x in before
        if x.id not in new_ids
    ]
    return tuple(rows)


def _contract_changes(a: Dossier, b: Dossier) -> list[str]:
    ca, cb = a.contract, b.contract
    out = []
    if ca.action_start != cb.action_start:
        out.append(
            f"Début de l'action de professionnalisation : le {_date(ca.action_start)} "
            f"→ le {_date(cb.action_start)}."
        )
    if ca.action_end != cb.action_end:
        out.append(
            f"Fin de l'action de professionnalisation : le {_date(ca.action_end)} "
            f"→ le {_date(cb.action_end)}."
        )
    if ca.weekly_hours != cb.weekly_hours:
        out.append(
            f"Durée hebdomadaire de travail : {text.hours(ca.weekly_hours)} "
            f"→ {text.hours(cb.weekly_hours)}."
        )
    return out


def _percent(fraction: float) -> str:
    return f"{text.number(fraction * 100, 1)}\u00a0%"


def totals(before: Figures, after: Figures) -> tuple[Total, ...]:
    """The convention's article 3 figures, before and after."""
    rows = (
        ("Heures d'enseignement", "teaching_hours", text.hours),
        ("Heures d'accompagnement et d'évaluation", "support_hours", text.hours),
        ("Durée totale du parcours", "parcours_hours", text.hours),
        ("Durée du contrat sur l'action", "contract_hours", text.hours),
        ("Part du parcours dans le contrat", "parcours_share", _percent),
    )
    return tuple(
        Total(label, fmt(getattr(before, name)), fmt(getattr(after, name)))
        for label, name, fmt in rows
    )


def compare(before: Dossier, after: Dossier) -> Comparison:
    modules = _items(
        before.modules, after.modules, module_line, _module_changes, lambda m: m.title or m.id
    )
    competences = _items(
        before.competences,
        after.competences,
        competence_line,
        _competence_changes,
        lambda c: c.statement,
    )
    contract = tuple(_contract_changes(before, after))
    sentences: list[str] = []
    for m in modules:
        name = f"Module {m.id} « {m.title} »"
        if m.status == ADDED:
            sentences.append(f"{name} ajouté : {m.after}.")
        elif m.status == REMOVED:
            sentences.append(f"{name} retiré (il prévoyait {m.before}).")
        elif m.status == CHANGED:
            sentences.append(f"{name} : {' ; '.join(m.changes)}.")
    for c in competences:
        if c.status == ADDED:
            sentences.append(f"Compétence {c.id} ajoutée : {c.after}.")
        elif c.status == REMOVED:
            sentences.append(f"Compétence {c.id} retirée du référentiel.")
        elif c.status == CHANGED:
            sentences.append(f"Compétence {c.id} : {' ; '.join(c.changes)}.")
    sentences += contract
    return Comparison(
        modules, competences, contract, totals(Figures(before), Figures(after)), tuple(sentences)
    )
