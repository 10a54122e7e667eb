"""A dossier's paths and values in French words, for people who never read JSON.

`where(path, document)` turns a finding's or a change's path (FORMAT.md, e.g.
`competences[3].statement`) into what it is about, named as the pages name it:
« l'énoncé de la compétence n° 4 « Être capable de … » ». `value(v)` writes a stored
value for the history: « oui », « non », « — », dates in French, a row by its name.
Pure Python (no Django): the pages, the lifecycle's messages and the papers share it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_STEP = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")
QUOTE_MAX = 60

# What a top-level key is, when the path names the whole section.
SECTIONS: dict[str, str] = {
    "": "le dossier",
    "format": "le format du dossier",
    "reference": "le numéro de dossier OPCO",
    "status": "l'état du dossier",
    "as_of": "la date de vérification",
    "company": "l'entreprise",
    "facilitator": "le tiers facilitateur",
    "opco": "l'OPCO",
    "learner": "le salarié apprenant",
    "contract": "le contrat",
    "tutor": "le tuteur",
    "trainers": "les formateurs internes",
    "competences": "le référentiel métier",
    "positioning": "le positionnement initial",
    "modules": "le parcours de formation",
    "sequences": "les séquences pédagogiques",
    "sessions": "les séances",
    "attendance": "l'émargement",
    "agreement": "l'accord de prise en charge",
    "submission": "l'envoi du dossier à l'OPCO",
    "tutor_load": "les autres contrats suivis par le tuteur",
    "reviews": "les bilans",
    "evaluations": "les évaluations de fin de module",
    "documents": "les documents signés",
    "changes": "les modifications du parcours",
    "rupture": "la rupture du contrat",
    "attestation": "l'attestation de fin de contrat",
    "funding": "le financement",
    "claims": "les demandes de paiement",
    "facilitator_log": "les heures du tiers facilitateur",
    "livret": "le livret",
    "people": "les personnes du dossier",
    "comments": "les demandes de modification",
    "version": "la version du dossier",
    "text": "le texte",
}

# A field's name, whatever the row it belongs to (« le nom », « la date »…).
FIELDS: dict[str, str] = {
    "name": "le nom",
    "siret": "le SIRET",
    "address": "l'adresse",
    "representative": "le représentant",
    "role": "la fonction",
    "internal_training_service": "le service de formation interne",
    "first_contract": "le premier contrat",
    "first_name": "le prénom",
    "last_name": "le nom",
    "birth_date": "la date de naissance",
    "job_seeker": "l'inscription comme demandeur d'emploi",
    "benefits": "les minima sociaux perçus",
    "highest_qualification": "le plus haut diplôme",
    "qualification_level": "le niveau du diplôme",
    "gross_monthly_pay": "le salaire brut mensuel",
    "branch_minimum_pay": "le salaire minimum de la branche",
    "submitted_on": "la date d'envoi à l'OPCO",
    "first_submitted_on": "la date du premier envoi à l'OPCO",
    "decided_on": "la date de décision de l'OPCO",
    "others": "les autres contrats",
    "type": "le type de contrat",
    "job_title": "l'emploi occupé",
    "start_date": "la date de début",
    "end_date": "la date de fin",
    "action_start": "le début de l'action de formation",
    "action_end": "la fin de l'action de formation",
    "weekly_hours": "la durée hebdomadaire",
    "extension_reason": "le motif de prolongation",
    "branch_agreement": "l'accord de branche",
    "volunteer": "le volontariat",
    "experience_years": "les années d'expérience",
    "learners_followed": "le nombre de salariés suivis",
    "is_employer": "l'employeur tuteur",
    "trainer_training": "la formation de formateur",
    "afest_aware": "la sensibilisation à l'AFEST",
    "id": "l'identifiant",
    "statement": "l'énoncé",
    "importance": "l'importance",
    "level": "le niveau",
    "knowledge": "les savoirs",
    "skills": "les savoir-faire",
    "attitudes": "les savoir-être",
    "date": "la date",
    "entries": "les compétences positionnées",
    "competence": "la compétence",
    "self_level": "l'auto-évaluation du salarié",
    "assessed_level": "le niveau évalué par le tuteur",
    "comment": "le commentaire",
    "title": "l'intitulé",
    "objective": "l'objectif",
    "competences": "les compétences visées",
    "modality": "la modalité",
    "hours": "les heures",
    "provider": "l'organisme de formation",
    "trainer": "le formateur",
    "start": "la date de début",
    "end": "la date de fin",
    "recognition": "la reconnaissance visée",
    "adaptation": "l'adaptation",
    "evaluation_methods": "les modalités d'évaluation",
    "real_cost": "le coût réel",
    "module": "le module",
    "general_objective": "l'objectif général",
    "operational_objectives": "les objectifs opérationnels",
    "stakes": "les enjeux",
    "activities": "les activités",
    "kind": "le type",
    "resources": "les ressources",
    "trainers": "les formateurs",
    "calendar": "le calendrier",
    "attended_hours": "les heures suivies",
    "learner_signed": "la signature du salarié",
    "trainer_signed": "la signature du formateur",
    "start_time": "l'heure de début",
    "end_time": "l'heure de fin",
    "planned_date": "la date prévue",
    "held_date": "la date où il s'est tenu",
    "scores": "les niveaux atteints",
    "participants": "les participants",
    "decision": "la décision",
    "held_by": "la personne qui l'a tenu",
    "evaluator": "l'évaluateur",
    "results": "les résultats",
    "signed_by": "les signataires",
    "summary": "le résumé",
    "amendment": "l'avenant",
    "reason": "le motif",
    "reason_code": "le motif",
    "opco_informed_on": "la date d'information de l'OPCO",
    "acknowledged_on": "la date de prise en compte par l'OPCO",
    "hourly_rate": "le taux horaire",
    "number": "le numéro",
    "quality": "la qualité",
    "signer": "le signataire",
    "signer_name": "le nom du signataire",
    "presence": "la présence",
    "absence_reason": "le motif d'absence",
    "method": "le mode de signature",
    "signed_at": "l'heure de signature",
    "amount": "le montant",
    "state": "l'état",
    "due_on": "la date d'échéance",
    "claimed_on": "la date de demande",
    "invoice_number": "le numéro de facture",
    "paid_on": "la date de paiement",
    "rejected_on": "la date de rejet",
    "rejection_reason": "le motif de rejet",
    "activity": "l'activité",
    "author": "l'auteur",
}

REVIEW_KINDS = {"intermediate": "intermédiaire", "final": "final"}


def _quote(text: Any) -> str:
    text = " ".join(str(text or "").split())
    if not text:
        return ""
    if len(text) > QUOTE_MAX:
        text = text[: QUOTE_MAX - 1].rstrip() + "…"
    return f" « {text} »"


def _get(items: Any, index: int) -> dict:
    if isinstance(items, list) and 0 <= index < len(items) and isinstance(items[index], dict):
        return items[index]
    return {}


def _date(raw: Any) -> str:
    try:
        return dt.date.fromisoformat(str(raw)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return ""


def _competence(doc: dict, cid: Any) -> str:
    for n, c in enumerate(doc.get("competences") or [], start=1):
        if isinstance(c, dict) and c.get("id") == cid:
            return f"la compétence n° {n}{_quote(c.get('statement'))}"
    return f"la compétence {cid}" if cid else "une compétence"


def _trainer(doc: dict, tid: Any) -> str:
    for t in doc.get("trainers") or []:
        if isinstance(t, dict) and t.get("id") == tid and t.get("name"):
            return f"le formateur {t['name']}"
    return f"le formateur {tid}" if tid else "un formateur"


def competence(doc: dict, cid: Any) -> str:
    """« la compétence n° 3 « Être capable de … » » for a competence id."""
    return _competence(doc, cid)


def _module(doc: dict, mid: Any) -> str:
    for m in doc.get("modules") or []:
        if isinstance(m, dict) and m.get("id") == mid:
            return f"le module {mid}{_quote(m.get('title'))}"
    return f"le module {mid}" if mid else "un module"


_BY_COMPETENCE = ("entries", "scores", "results")  # rows named by their competence
_NESTED = ("scores", "results", "participants", "activities")  # rows inside another row


def _item(doc: dict, key: str, index: int) -> str:
    """One row of a list section, by what the pages show of it."""
    row = _get(doc.get(key), index)
    n = index + 1
    if key == "competences":
        return f"la compétence n° {n}{_quote(row.get('statement'))}"
    if key == "modules":
        return f"le module {row.get('id') or f'n° {n}'}{_quote(row.get('title'))}"
    if key == "trainers":
        return f"le formateur {row.get('name') or f'n° {n}'}"
    if key == "sequences":
        return _of("la séquence", _module(doc, row.get("module")))
    if key == "sessions":
        when = _date(row.get("date"))
        return f"la séance du {when}" if when else f"la séance n° {n}"
    if key == "reviews":
        kind = REVIEW_KINDS.get(row.get("kind"))
        when = _date(row.get("planned_date") or row.get("held_date"))
        name = f"le bilan {kind}" if kind else "le bilan"
        return f"{name} du {when}" if when else f"{name} n° {n}"
    if key == "evaluations":
        return _of("l'évaluation", _module(doc, row.get("module")))
    if key == "documents":
        return f"le document signé n° {n}"
    if key == "changes":
        return f"la modification n° {n}"
    if key == "attendance":
        return f"l'émargement n° {row.get('seq') or n}"
    if key == "claims":
        return f"la demande de paiement n° {n}"
    if key == "facilitator_log":
        return f"l'entrée n° {n} des heures du tiers facilitateur"
    if key in _BY_COMPETENCE:
        return _competence(doc, row.get("competence"))
    if key == "activities":
        return f"l'activité n° {n}{_quote(row.get('title'))}"
    if key == "participants":
        return f"le participant {row.get('name') or f'n° {n}'}"
    label = FIELDS.get(key) or SECTIONS.get(key) or "la liste"
    return f"{label}, ligne {n}"


def _of(label: str, owner: str, joiner: str = "de") -> str:
    """« l'énoncé » + « la compétence n° 4 » → « l'énoncé de la compétence n° 4 »."""
    if joiner == "de":
        for article, contracted in (("le ", "du "), ("les ", "des ")):
            if owner.startswith(article):
                return f"{label} {contracted}{owner[len(article) :]}"
        if owner.startswith(("un ", "une ")):
            return f"{label} d'{owner}"
    return f"{label} {joiner} {owner}"


def where(path: str | None, document: dict | None = None) -> str:
    """What a path designates, in French (« le dossier » for an empty path)."""
    doc = document or {}
    steps = (path or "").strip().split(".")
    if steps == [""]:
        return SECTIONS[""]
    owner, joiner, field = "", "de", ""
    context: Any = doc
    for position, step in enumerate(steps):
        m = _STEP.fullmatch(step)
        if m is None:
            break
        key, index = m[1], m[2]
        value = context.get(key) if isinstance(context, dict) else None
        if index is not None and isinstance(value, list) and key in ("competences", "trainers"):
            ident = value[int(index)] if int(index) < len(value) else None
            if isinstance(ident, str):  # a reference by id inside a row (a module's list)
                words = _competence(doc, ident) if key == "competences" else _trainer(doc, ident)
                owner, joiner, field = (f"{words} ({owner})" if owner else words), "de", ""
                context = {}
                continue
        if index is not None:
            words = _item({**doc, key: value}, key, int(index))
            owner = f"{words} ({owner})" if key in _NESTED and owner else words
            joiner = "pour" if key in _BY_COMPETENCE else "de"
            field = ""
            context = _get(value, int(index))
        elif position == 0 and len(steps) > 1:
            owner = SECTIONS.get(key, "le dossier")
            context = value if isinstance(value, dict) else {}
        elif position == 0:
            return SECTIONS.get(key) or FIELDS.get(key) or "le dossier"
        else:
            label = FIELDS.get(key, "")
            field = _of(label, field) if field and label else (label or field)
            context = value if isinstance(value, dict) else {}
    if not field:
        return owner or "le dossier"
    return _of(field, owner, joiner) if owner else field


def value(v: Any) -> str:
    """A stored value as the history shows it: no `None`, `True`, JSON or ISO dates."""
    if v is None or v == "" or v == [] or v == {}:
        return "—"
    if v is True:
        return "oui"
    if v is False:
        return "non"
    if isinstance(v, float):
        text = f"{v:,.2f}".rstrip("0").rstrip(".")
        return text.replace(",", "\u202f").replace(".", ",")
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            return _date(v) or v
        return v
    if isinstance(v, list):
        return " ; ".join(value(item) for item in v[:10]) + (" ; …" if len(v) > 10 else "")
    if isinstance(v, dict):
        for key in ("statement", "title", "name", "summary", "activity", "reason"):
            if v.get(key):
                named = str(v[key])
                ident = v.get("id")
                return f"{ident} « {named} »" if ident else named
        parts = [
            f"{FIELDS.get(k, k.replace('_', ' '))} : {value(item)}"
            for k, item in v.items()
            if item not in (None, "", [], {})
        ]
        return " ; ".join(parts[:6]) or "—"
    return str(v)


def described(error: Any, document: dict | None = None) -> str:
    """A field error (`FieldError(path, message)`) as a sentence: what it is about, in
    words, then what is wrong."""
    path, message = getattr(error, "path", ""), getattr(error, "message", None)
    if message is None:
        return str(error)
    if not path:
        return message[:1].upper() + message[1:]
    about = where(path, document)
    return f"{about[:1].upper()}{about[1:]} : {message}"
