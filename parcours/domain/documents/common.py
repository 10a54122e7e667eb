"""Values every paper shows the same way: SIRET, names, levels, modalities."""

from __future__ import annotations

import datetime as dt
import re

from parcours.domain import text
from parcours.domain.dossier import (
    ActivityKind,
    Adaptation,
    Dossier,
    Importance,
    Modality,
    Module,
    Signatory,
)
from parcours.domain.figures import Figures

BLANK = "…………………"
# A blank a party fills in by hand (the OPCO's address and representative): a full line.
WRITE_IN = "……………………………………………………………………"

LEVELS = {0: "0 – non acquis", 1: "1 – notion", 2: "2 – application", 3: "3 – maîtrise",
          4: "4 – expertise"}  # fmt: skip
IMPORTANCE = {
    Importance.INDISPENSABLE: "Indispensable",
    Importance.NECESSAIRE: "Nécessaire",
    Importance.ACCESSOIRE: "Accessoire",
}
MODALITY = {
    Modality.EXTERNE: "Formation externe",
    Modality.INTERNE: "Formation interne",
    Modality.DISTANCE: "Formation à distance",
    Modality.AFEST: "AFEST",
    Modality.EVALUATION: "Évaluation",
}
ADAPTATION = {
    Adaptation.STANDARD: "Standard",
    Adaptation.RENFORCEMENT: "Renforcement",
    Adaptation.DISPENSE: "Dispense",
}
ACTIVITY = {
    ActivityKind.EXPOSE: "Exposé",
    ActivityKind.ETUDE_DE_CAS: "Étude de cas",
    ActivityKind.TRAVAIL_DE_GROUPE: "Travail de groupe",
    ActivityKind.MISE_EN_SITUATION: "Mise en situation",
    ActivityKind.SEQUENCE_REFLEXIVE: "Séquence réflexive",
    ActivityKind.EVALUATION: "Évaluation",
}


def siret(value: str) -> str:
    """41234568800011 -> '412 345 688 00011' (SIREN by threes, then the NIC)."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 14:
        return value
    return f"{digits[0:3]} {digits[3:6]} {digits[6:9]} {digits[9:]}"


def learner_name(d: Dossier) -> str:
    if d.learner is None:
        return "salarié à recruter"
    return f"{d.learner.first_name} {d.learner.last_name}"


def level(value: int | None) -> str:
    return LEVELS.get(value, "—") if value is not None else "—"


def date(day: dt.date | None) -> str:
    return text.date(day) if day else BLANK


def header(d: Dossier) -> str:
    """The running header: the OPCO's dossier number and agreement number once known."""
    parts = [f"Dossier {d.opco.name} n° {d.reference}" if d.reference else ""]
    if d.agreement:
        parts.append(f"accord n° {d.agreement.number} du {text.date(d.agreement.date)}")
    ref = " · ".join(x for x in parts if x) or "Dossier sans numéro OPCO"
    return f"{ref} · {d.company.name}"


def opco_reference(d: Dossier) -> str:
    """What a claim or invoice gives as « référence de dossier »: the OPCO's dossier number,
    else its agreement number."""
    if d.reference:
        return d.reference
    return f"accord n° {d.agreement.number}" if d.agreement else ""


def city(address: str) -> str:
    """'12 rue des Exemples, 69002 Lyon' -> 'Lyon'."""
    match = re.search(r"\b\d{5}\s+(.+)$", address)
    return match.group(1).strip() if match else address


def module_people(d: Dossier, m: Module) -> str:
    trainer = d.trainer(m.trainer)
    names = [f"{trainer.name} ({trainer.job_title})" if trainer else None, m.provider]
    return ", ".join(n for n in names if n) or "—"


def module_dates(m: Module) -> str:
    if m.start and m.end:
        return text.period(m.start, m.end)
    return "dates à fixer"


def signed(d: Dossier, kind, who: Signatory) -> bool:
    return any(doc.kind == kind and who in doc.signed_by for doc in d.documents)


def document_date(d: Dossier, kind) -> dt.date | None:
    return next((doc.date for doc in d.documents if doc.kind == kind), None)


def figures(d: Dossier) -> Figures:
    return Figures(d)
