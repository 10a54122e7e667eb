"""The only place that writes dossiers (one function per business action, zulip style).

Every action is atomic, checks the permission layer, validates through the domain model
(bad input: `InvalidDossier` naming each field, nothing written), bumps `version` with a
conditional UPDATE (someone saved first: `StaleDossier`, their save is kept) and records a
`DossierEvent`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone

from parcours.accounts.enums import Role
from parcours.domain.dossier import FORMAT_ID
from parcours.domain.dossier import Status as DomainStatus
from parcours.domain.loading import parse_dossier
from parcours.dossiers import concurrency, convert, lifecycle, perms, tutor_load
from parcours.dossiers.enums import EventKind, Status
from parcours.dossiers.errors import FieldError, InvalidDossier, StaleDossier, TransitionRefused
from parcours.dossiers.models import Dossier, DossierEvent, Justification, SectionComment
from parcours.dossiers.summary import refresh_summary
from parcours.organisations.models import Kind, Organisation

DEFAULT_OPCO = {"name": "Atlas", "siret": "85129663200017"}


# --- helpers -------------------------------------------------------------------------


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _require_visible(user, dossier: Dossier) -> None:
    """Every writer checks on its own that the dossier is the user's: the views' 404
    (`perms.get_dossier_for`) is not the only guard."""
    _require(perms.can_view(user, dossier), "Ce dossier ne vous est pas accessible.")


def _row_fields(data: dict | Any, status: str) -> dict[str, Any]:
    """Validated row fields for a document, via `convert.apply_document` on a scratch row."""
    scratch = Dossier(status=status)
    convert.apply_document(scratch, data)
    return {"content": scratch.content, "reference": scratch.reference}


def _stale(dossier: Dossier) -> StaleDossier:
    current = Dossier.objects.filter(pk=dossier.pk).values_list("version", flat=True).first()
    last = DossierEvent.objects.filter(dossier_id=dossier.pk).select_related("actor").first()
    if last is None or last.actor is None:
        return StaleDossier(current)
    when = formats.date_format(timezone.localtime(last.at), "j F Y à H:i")
    return StaleDossier(current, str(last.actor), when)


# Writes of these columns change what the summary columns copy (`summary.refresh_summary`);
# the tutor's account too (the tutor's load, TUT-05, counts the findings).
SUMMARISED = frozenset(
    {"content", "status", "reference", "agreement_number", "agreement_date", "tutor"}
)


def _write(
    dossier: Dossier, expected_version: int, sections=None, *, summary: bool = True, **fields
) -> None:
    """`UPDATE … WHERE version = expected`: 0 rows means someone saved first. A save of
    `sections` of the content is then merged when the others touched none of them
    (`concurrency.merge`); otherwise, or without `sections`, `StaleDossier`. The summary
    columns follow the document (`summary=False`: the caller refreshes them itself)."""
    updated = Dossier.objects.filter(pk=dossier.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if not updated and sections:
        current, fields = concurrency.merge(
            dossier,
            expected_version,
            sections,
            fields,
            lambda row: _row_fields(convert.document(row), row.status),
        )
        updated = Dossier.objects.filter(pk=dossier.pk, version=current).update(
            version=F("version") + 1, updated_at=timezone.now(), **fields
        )
    if not updated:
        raise _stale(dossier)
    dossier.refresh_from_db()
    if summary and SUMMARISED & fields.keys():
        refresh_summary(dossier, events=False)


def _record(dossier: Dossier, user, kind: EventKind, **fields) -> DossierEvent:
    return DossierEvent.objects.create(
        dossier=dossier, actor=user, kind=kind, version=dossier.version, **fields
    )


def _opco_block() -> dict:
    opco = Organisation.objects.filter(kind=Kind.OPCO).first()
    return {"name": opco.name, "siret": opco.siret} if opco else dict(DEFAULT_OPCO)


def _skeleton(company: Organisation, facilitator: Organisation | None) -> dict:
    return {
        "format": FORMAT_ID,
        "status": Status.DRAFT,
        "opco": _opco_block(),
        "company": company.as_party(),
        "facilitator": facilitator.as_party() if facilitator else None,
    }


def _facilitator_for(user, company: Organisation) -> Organisation | None:
    if user.role == Role.FACILITATOR:
        return user.organisation
    return company.facilitators.first()


# --- the organisations' blocks -------------------------------------------------------
# The company, facilitator and OPCO blocks of a document name the organisations: they come
# from them (`Organisation.as_party`, `_opco_block`), never from what a user types; the
# OPCO's dossier number (`reference`) is the OPCO's to give.
IDENTITY = {"name": "la raison sociale", "siret": "le SIRET"}
BLOCK_OWNERS = {"company": "l'entreprise", "facilitator": "le tiers facilitateur", "opco": "l'OPCO"}


def _identity_errors(section: str, given: Any, expected: dict | None) -> list[FieldError]:
    """A `FieldError` per identity field (name, SIRET) of `given` that is not the
    organisation's (`expected`); nothing for a block that is not a mapping (the domain
    model says what is wrong with it)."""
    if not isinstance(given, dict):
        return []
    owner = BLOCK_OWNERS[section]
    if expected is None:
        return [
            FieldError(
                section,
                f"aucune organisation n'est rattachée comme {owner} de ce dossier : "
                "ce bloc ne se saisit pas",
            )
        ]
    return [
        FieldError(
            f"{section}.{name}",
            f"{label} de {owner} vient de son organisation ({expected.get(name)}) : "
            "il ne se modifie pas dans le dossier",
        )
        for name, label in IDENTITY.items()
        if given.get(name) != expected.get(name)
    ]


def _facilitator_errors(dossier: Dossier, given: dict, before: dict) -> list[FieldError]:
    """The facilitator block keeps its name and SIRET, or names one of the facilitators
    assigned to the company (its organisation's block)."""
    if all(given.get(k) == before.get(k) for k in IDENTITY):
        return []
    assigned = list(dossier.company.facilitators.all())
    match = next((o for o in assigned if o.siret == given.get("siret")), None)
    expected = match or dossier.facilitator or (assigned[0] if assigned else None)
    return _identity_errors("facilitator", given, expected.as_party() if expected else None)


def _reference_errors(data: dict) -> list[FieldError]:
    if data.get("reference"):
        return [
            FieldError(
                "reference",
                "le numéro de dossier OPCO est attribué par l'OPCO : ne le donnez pas",
            )
        ]
    return []


def _check_people(company: Organisation, tutor, learner, trainers) -> None:
    errors = [
        FieldError(name, f"doit être un compte « {role.label} » de {company.name}")
        for name, person, role in [("tutor", tutor, Role.TUTOR), ("learner", learner, Role.LEARNER)]
        + [(f"trainers[{i}]", t, Role.TRAINER) for i, t in enumerate(trainers)]
        if person is not None and (person.role != role or person.organisation_id != company.pk)
    ]
    if errors:
        raise InvalidDossier(errors)


# --- creating ------------------------------------------------------------------------


@transaction.atomic
def create_dossier(
    user,
    company: Organisation,
    data: dict | None = None,
    *,
    tutor=None,
    learner=None,
    trainers=(),
) -> Dossier:
    """A new draft for `company`: the OPCO, company and facilitator blocks come from the
    organisations; `data` gives the rest (at least `learner` and `contract`)."""
    _require(
        perms.can_create_dossier(user, company),
        "Vous ne pouvez pas créer de dossier pour cette entreprise.",
    )
    facilitator = _facilitator_for(user, company)
    skeleton = _skeleton(company, facilitator)
    data = data or {}
    if isinstance(data, dict):
        errors = _reference_errors(data) + [
            error
            for section in BLOCK_OWNERS
            if section in data and data[section] is not None
            for error in _identity_errors(section, data[section], skeleton[section])
        ]
        if errors:
            raise InvalidDossier(errors)
    document = {**skeleton, **data}
    document.update(format=FORMAT_ID, status=Status.DRAFT)
    return _insert(user, company, facilitator, document, tutor, learner, trainers, "Création")


@transaction.atomic
def import_dossier(
    user,
    company: Organisation,
    data: dict | str | bytes,
    *,
    tutor=None,
    learner=None,
    trainers=(),
) -> Dossier:
    """A new draft from a whole `parcours-dossier/1` document (any status in it is ignored:
    an import starts as a draft). The document's company SIRET must be the company's."""
    _require(
        perms.can_create_dossier(user, company),
        "Vous ne pouvez pas créer de dossier pour cette entreprise.",
    )
    dossier = parse_dossier(data)
    _refuse_signatures(dossier)
    if dossier.company.siret != company.siret:
        raise InvalidDossier(
            [
                FieldError(
                    "company.siret",
                    f"ne correspond pas au SIRET de {company.name} ({company.siret})",
                )
            ]
        )
    # The blocks of the organisations are taken from them, said in the history and to the
    # caller (`row.import_notes`): a whole document from elsewhere carries its own.
    notes = []
    own = company.as_party()
    if dossier.company.name != own["name"]:
        notes.append(f"raison sociale de l'entreprise reprise de son organisation ({own['name']})")
    opco = _opco_block()
    if (dossier.opco.name, dossier.opco.siret) != (opco["name"], opco["siret"]):
        notes.append(f"OPCO repris de l'organisation OPCO ({opco['name']}, SIRET {opco['siret']})")
    if dossier.reference:
        notes.append(
            f"numéro de dossier OPCO « {dossier.reference} » retiré : l'OPCO attribue le sien"
        )
    update = {
        "status": DomainStatus.DRAFT,
        "reference": None,
        "opco": dossier.opco.model_copy(update=opco),
        "company": dossier.company.model_copy(update={"name": own["name"]}),
    }
    document = dossier.model_copy(update=update)
    facilitator = _facilitator_for(user, company)
    what = "Import" + (" : " + " ; ".join(notes) if notes else "")
    row = _insert(user, company, facilitator, document, tutor, learner, trainers, what)
    row.import_notes = notes
    return row


def _refuse_signatures(dossier) -> None:
    """Signatures are collected in parcours, one record per signer (parcours.attendance),
    never imported: a document carrying attendance records or signed sessions is refused."""
    errors = []
    if dossier.attendance:
        errors.append(
            FieldError(
                "attendance",
                "un dossier importé ne peut pas contenir d'émargements : les signatures "
                "sont recueillies dans parcours, séance par séance",
            )
        )
    else:
        for i, session in enumerate(dossier.sessions):
            for flag, who in (("learner_signed", "le salarié"), ("trainer_signed", "le formateur")):
                if getattr(session, flag):
                    errors.append(
                        FieldError(
                            f"sessions[{i}].{flag}",
                            f"la séance {session.id} est marquée signée par {who} : un dossier "
                            "importé ne peut pas contenir de signatures, elles sont recueillies "
                            "dans parcours",
                        )
                    )
    if errors:
        raise InvalidDossier(errors)


def _insert(user, company, facilitator, document, tutor, learner, trainers, what) -> Dossier:
    _check_people(company, tutor, learner, list(trainers))
    row = Dossier(company=company, facilitator=facilitator, tutor=tutor, learner=learner)
    row.status = Status.DRAFT
    convert.apply_document(row, document)
    row.created_by = user
    row.save()
    row.trainers.set(trainers)
    _record(row, user, EventKind.EDIT, to_status=Status.DRAFT, comment=what)
    refresh_summary(row)
    return row


# --- editing -------------------------------------------------------------------------


@transaction.atomic
def update_section(
    dossier: Dossier, user, section: str, data: Any, expected_version: int
) -> Dossier:
    """Replace one section of the document. `expected_version` is the version the user
    read: if someone saved since, `StaleDossier` and nothing of theirs is lost."""
    label = convert.SECTIONS.get(section, section)
    _require_visible(user, dossier)
    _require(
        perms.can_edit_section(user, dossier, section),
        f"Vous ne pouvez pas modifier la section « {label} » de ce dossier dans son état actuel.",
    )
    if (
        section == "learner"
        and isinstance(data, dict)
        and not perms.can_see_benefits(user, dossier)
    ):
        # Who may not see the benefits may not wipe them either.
        data = {**data, "benefits": (dossier.content.get("learner") or {}).get("benefits", [])}
    before = convert.document(dossier).get(section)
    if section == "company":
        errors = _identity_errors(section, data, dossier.company.as_party())
    elif section == "opco":
        errors = _identity_errors(section, data, before)
    elif section == "facilitator" and isinstance(data, dict):
        errors = _facilitator_errors(dossier, data, before if isinstance(before, dict) else {})
    else:
        errors = []
    if errors:
        raise InvalidDossier(errors)
    if section == "reviews":
        # A review is held through `parcours.reviews.actions.hold_review` only (its checks).
        from parcours.reviews.held import keep_held

        data, errors = keep_held(before, data)
        if errors:
            raise InvalidDossier(errors)
    fields = _row_fields(convert.with_section(dossier, section, data), dossier.status)
    after = fields["content"].get(section)
    if section == "positioning":
        _check_positioning_fields(user, before, after)
    if section == "tutor" and _named_anew(before, after):
        tutor_load.refuse_one_too_many(dossier, after)
    changes = convert.diff(before, after, section)
    _write(dossier, expected_version, {section}, **fields)
    _record(dossier, user, EventKind.EDIT, section=section, changes=changes)
    return dossier


def save_sections(
    dossier: Dossier,
    user,
    sections: dict[str, Any],
    expected_version: int,
    *,
    event_section: str,
    comment: str = "",
) -> Dossier:
    """For the other apps' writers (`parcours.planning.actions`): replace `sections` of the
    document, validated through the domain, with the version lock and one `DossierEvent`
    (`event_section`, `comment`, the diff of every section). The caller is an atomic action
    that has checked its own permission: this function checks none."""
    before = convert.document(dossier)
    data = {**before, **sections}
    fields = _row_fields(data, dossier.status)
    changes = [
        change
        for section in sections
        for change in convert.diff(before.get(section), fields["content"].get(section), section)
    ]
    _write(dossier, expected_version, set(sections), **fields)
    _record(dossier, user, EventKind.EDIT, section=event_section, changes=changes, comment=comment)
    return dossier


# The positioning is written by two people: the learner assesses themself, the tutor
# assesses the learner. Each may change only their own fields (the company side, all).
POSITIONING_FIELDS = {
    "self_level": "l'auto-positionnement du salarié",
    "assessed_level": "le niveau évalué par le tuteur",
    "comment": "le commentaire du tuteur",
}
POSITIONING_WRITERS = {
    Role.LEARNER: ("le salarié", frozenset({"self_level"})),
    Role.TUTOR: ("le tuteur", frozenset({"assessed_level", "comment"})),
}


def _named_anew(before: Any, after: Any) -> bool:
    """The tutor section names someone else (TUT-05 is checked when a tutor is named)."""
    name = lambda v: (v.get("name") or "").strip().lower() if isinstance(v, dict) else ""  # noqa: E731
    return bool(name(after)) and name(after) != name(before)


def _filled(value):
    """A blank comment and an absent one are the same (a level 0 is a level)."""
    return None if value in (None, "") else value


def _check_positioning_fields(user, before: dict | None, after: dict | None) -> None:
    """`InvalidDossier` naming each positioning field the user's role may not change.
    An entry absent on one side counts as an entry with every field empty; the date may be
    set when there was none, never changed."""
    if user.role not in POSITIONING_WRITERS:
        return
    who, allowed = POSITIONING_WRITERS[user.role]
    before, after = before or {}, after or {}
    errors = []
    if before.get("date") and before.get("date") != after.get("date"):
        errors.append(
            FieldError(
                "positioning.date",
                f"{who} ne peut pas modifier la date du positionnement (fixée par l'entreprise)",
            )
        )
    old = {e["competence"]: e for e in before.get("entries") or []}
    new = {e["competence"]: e for e in after.get("entries") or []}
    positions = {e["competence"]: i for i, e in enumerate(before.get("entries") or [])}
    positions |= {e["competence"]: i for i, e in enumerate(after.get("entries") or [])}
    for competence, index in sorted(positions.items(), key=lambda item: item[1]):
        was, now = old.get(competence, {}), new.get(competence, {})
        for name, label in POSITIONING_FIELDS.items():
            if name not in allowed and _filled(was.get(name)) != _filled(now.get(name)):
                mine = " et ".join(POSITIONING_FIELDS[a] for a in sorted(allowed))
                errors.append(
                    FieldError(
                        f"positioning.entries[{index}].{name}",
                        f"{who} ne peut pas modifier {label} (compétence {competence}) : "
                        f"il ne renseigne que {mine}",
                    )
                )
    if errors:
        raise InvalidDossier(errors)


LIVRET_TITLE_MAX, LIVRET_TEXT_MAX = 200, 10_000


def _livret_errors(sections: Any) -> list[FieldError]:
    if not isinstance(sections, dict):
        return [FieldError("livret_sections", "doit associer un titre de section à son texte")]
    errors = []
    for title, body in sections.items():
        path = f"livret_sections.{title}"
        if not isinstance(title, str) or not title.strip() or len(title) > LIVRET_TITLE_MAX:
            errors.append(FieldError(path, f"titre vide ou de plus de {LIVRET_TITLE_MAX} signes"))
        elif not isinstance(body, str):
            errors.append(FieldError(path, "doit être un texte"))
        elif len(body) > LIVRET_TEXT_MAX:
            errors.append(FieldError(path, f"le texte dépasse {LIVRET_TEXT_MAX} signes"))
        elif "\x00" in title + body:
            errors.append(FieldError(path, "contient un caractère nul interdit"))
    return errors


@transaction.atomic
def update_livret(dossier: Dossier, user, sections: dict, expected_version: int) -> Dossier:
    """Replace the company's own texts of the livret d'accueil (`{title: text}`; a section
    not given keeps the default text of the documents package)."""
    _require_visible(user, dossier)
    _require(
        perms.can_edit_livret(user, dossier),
        "Vous ne pouvez pas modifier le livret d'accueil de ce dossier dans son état actuel.",
    )
    errors = _livret_errors(sections)
    if errors:
        raise InvalidDossier(errors)
    sections = {t.strip(): b.replace("\r\n", "\n").strip() for t, b in sections.items()}
    changes = convert.diff(dossier.livret_sections or {}, sections, "livret")
    _write(dossier, expected_version, livret_sections=sections)
    _record(dossier, user, EventKind.EDIT, section="livret", changes=changes)
    return dossier


@transaction.atomic
def assign_people(
    dossier: Dossier,
    user,
    expected_version: int,
    *,
    tutor=None,
    learner=None,
    trainers=(),
    trainer_accounts: dict[str, Any] | None = None,
) -> Dossier:
    """Name the tutor, learner and trainers (accounts of the company) on the contract.

    `trainer_accounts` says which account is which trainer of the document (`{"F1": user}`):
    that account signs the trainer lines of the sessions F1 runs, and only those. Mapped
    accounts are named on the contract too. Not given (None): the mapping is kept for the
    accounts still named."""
    _require_visible(user, dossier)
    _require(
        perms.can_assign_people(user, dossier),
        "Vous ne pouvez pas changer les personnes de ce dossier.",
    )
    trainers = list(trainers)
    if trainer_accounts is None:
        named = {t.pk for t in trainers}
        mapping = {k: v for k, v in (dossier.trainer_accounts or {}).items() if v in named}
    else:
        _check_trainer_accounts(dossier, trainer_accounts)
        mapping = {k: u.pk for k, u in trainer_accounts.items() if u is not None}
        trainers += [u for u in trainer_accounts.values() if u is not None and u not in trainers]
    _check_people(dossier.company, tutor, learner, trainers)
    if tutor is not None and tutor.pk != dossier.tutor_id:
        tutor_load.refuse_one_too_many(dossier, None, tutor.pk)
    _write(dossier, expected_version, tutor=tutor, learner=learner, trainer_accounts=mapping)
    dossier.trainers.set(trainers)
    by_pk = {t.pk: str(t) for t in trainers}
    names = {
        "tutor": str(tutor or ""),
        "learner": str(learner or ""),
        "trainers": [str(t) for t in trainers],
        "trainer_accounts": {k: by_pk.get(pk, "") for k, pk in mapping.items()},
    }
    _record(
        dossier,
        user,
        EventKind.EDIT,
        section="people",
        changes=[{"path": "people", "before": None, "after": names}],
    )
    return dossier


def _check_trainer_accounts(dossier: Dossier, accounts: dict[str, Any]) -> None:
    """Each key a trainer of the document, each account a trainer account of the company."""
    known = {t.get("id"): t.get("name", "") for t in dossier.content.get("trainers") or []}
    errors = []
    for trainer_id, account in accounts.items():
        path = f"trainer_accounts.{trainer_id}"
        if trainer_id not in known:
            listed = ", ".join(known) or "aucun"
            errors.append(FieldError(path, f"formateur inconnu du dossier (formateurs : {listed})"))
        elif account is not None and (
            account.role != Role.TRAINER or account.organisation_id != dossier.company_id
        ):
            errors.append(
                FieldError(
                    path,
                    f"doit être un compte « {Role.TRAINER.label} » de {dossier.company.name}",
                )
            )
    if errors:
        raise InvalidDossier(errors)


@transaction.atomic
def justify_alert(dossier: Dossier, user, rule: str, path: str, text: str) -> Justification:
    """Say why an `alerte` is acceptable; replaces an earlier justification of the same one."""
    _require(
        perms.can_justify(user, dossier), "Vous ne pouvez pas justifier les alertes de ce dossier."
    )
    if not (text or "").strip():
        raise InvalidDossier([FieldError("text", "la justification ne doit pas être vide")])
    report = lifecycle.report_at(
        dossier, Status.SUBMITTED if dossier.status in perms.DESIGN_STATES else None
    )
    if not any(f.rule == rule and f.path == path for f in report.of_severity("alerte")):
        raise InvalidDossier(
            [FieldError("rule", f"aucune alerte {rule} sur « {path} » dans ce dossier")]
        )
    justification, _ = Justification.objects.update_or_create(
        dossier=dossier, rule=rule, path=path, defaults={"text": text.strip(), "author": user}
    )
    _record(
        dossier,
        user,
        EventKind.COMMENT,
        section=path.split(".")[0].split("[")[0],
        comment=f"Justification de l'alerte {rule} : {text.strip()}",
    )
    return justification


# --- transitions ---------------------------------------------------------------------


def _transition(
    dossier: Dossier,
    user,
    name: str,
    expected_version: int,
    comment: str = "",
    content: dict | None = None,
    **fields,
) -> DossierEvent:
    transition = lifecycle.TRANSITIONS[name]
    _require(
        perms.can_view(user, dossier) and user.role in transition.roles,
        f"Votre rôle ne permet pas l'action « {transition.label} ».",
    )
    reasons = lifecycle.guard_reasons(transition, dossier, perms.hidden_rules(user, dossier))
    if reasons:
        raise TransitionRefused(reasons)
    before = dossier.status
    content = {**(content or dossier.content), "status": transition.target}
    _write(
        dossier, expected_version, summary=False, status=transition.target, content=content,
        **fields,
    )  # fmt: skip
    event = _record(
        dossier,
        user,
        EventKind.TRANSITION,
        from_status=before,
        to_status=transition.target,
        comment=comment,
    )
    # After the event: the submission and decision dates are the history's.
    refresh_summary(dossier)
    return event


@transaction.atomic
def submit_dossier(dossier: Dossier, user, expected_version: int) -> DossierEvent:
    """Send to the OPCO: refused while a bloquant finding remains or an alerte is unjustified."""
    return _transition(dossier, user, "submit", expected_version)


@transaction.atomic
def accept_dossier(
    dossier: Dossier,
    user,
    expected_version: int,
    agreement_number: str,
    agreement_date: dt.date,
    reference: str = "",
) -> DossierEvent:
    """The OPCO's accord de prise en charge, with its number and date; the OPCO may give its
    dossier number (`reference`, printed at the head of the papers) at the same time."""
    errors = []
    if not (agreement_number or "").strip():
        errors.append(FieldError("agreement_number", "le numéro d'accord est obligatoire"))
    if not isinstance(agreement_date, dt.date):
        errors.append(
            FieldError("agreement_date", "la date de l'accord est obligatoire (AAAA-MM-JJ)")
        )
    if errors:
        raise InvalidDossier(errors)
    comment = f"Accord n° {agreement_number.strip()} du {agreement_date:%d/%m/%Y}"
    return _transition(
        dossier,
        user,
        "accept",
        expected_version,
        comment,
        agreement_number=agreement_number.strip(),
        agreement_date=agreement_date,
        **({"reference": reference.strip()} if (reference or "").strip() else {}),
    )


@transaction.atomic
def request_changes(
    dossier: Dossier, user, expected_version: int, comments: dict[str, str]
) -> DossierEvent:
    """Send back to the company with one comment per section to change."""
    comments = {s: (t or "").strip() for s, t in (comments or {}).items() if (t or "").strip()}
    errors = [
        FieldError(f"comments.{s}", "section inconnue du format")
        for s in comments
        if s not in convert.SECTIONS
    ]
    if not comments:
        errors.append(
            FieldError("comments", "indiquez au moins une section à modifier et pourquoi")
        )
    if errors:
        raise InvalidDossier(errors)
    summary = "\n".join(f"{convert.SECTIONS[s]} : {t}" for s, t in comments.items())
    event = _transition(dossier, user, "request_changes", expected_version, summary)
    SectionComment.objects.bulk_create(
        SectionComment(dossier=dossier, event=event, section=s, text=t, author=user)
        for s, t in comments.items()
    )
    return event


@transaction.atomic
def refuse_dossier(dossier: Dossier, user, expected_version: int, reason: str) -> DossierEvent:
    """The OPCO refuses, saying why."""
    if not (reason or "").strip():
        raise InvalidDossier([FieldError("reason", "le motif du refus est obligatoire")])
    return _transition(dossier, user, "refuse", expected_version, reason.strip())


@transaction.atomic
def start_contract(dossier: Dossier, user, expected_version: int) -> DossierEvent:
    """The accepted contract begins: sessions and reviews are now recorded."""
    return _transition(dossier, user, "start", expected_version)


@transaction.atomic
def complete_contract(dossier: Dossier, user, expected_version: int) -> DossierEvent:
    """The contract reached its end: refused while a closing rule finds something bloquant."""
    return _transition(dossier, user, "complete", expected_version)


@transaction.atomic
def terminate_contract(
    dossier: Dossier,
    user,
    expected_version: int,
    date: dt.date,
    reason: str,
    opco_informed_on: dt.date | None = None,
    reason_code: str | None = None,
) -> DossierEvent:
    """Record an early termination (rupture) in the document and end the contract. The date
    is not in the future nor before the contract's start; the OPCO informed on or after it
    (`parcours.domain.closing`). `reason_code` (a `RuptureReason`): given, or found from a
    reason that is one of the labels. The pages and `parcours.closing.actions` go through
    here to end a live contract."""
    from parcours.domain.closing import reason_code_of, rupture_date_errors

    transition = lifecycle.TRANSITIONS["terminate"]
    _require(
        perms.can_view(user, dossier) and user.role in transition.roles,
        f"Votre rôle ne permet pas l'action « {transition.label} ».",
    )
    if reasons := lifecycle.state_reasons(transition, dossier):
        raise TransitionRefused(reasons)
    if not (reason or "").strip():
        raise InvalidDossier(
            [FieldError("rupture.reason", "le motif de la rupture est obligatoire")]
        )
    errors = rupture_date_errors(
        convert.to_domain(dossier), date, opco_informed_on, timezone.localdate()
    )
    if errors:
        raise InvalidDossier([FieldError(path, message) for path, message in errors])
    rupture = {
        "date": date,
        "reason": reason.strip(),
        "opco_informed_on": opco_informed_on,
        "reason_code": reason_code or reason_code_of(reason),
    }
    data = {**convert.document(dossier), "rupture": rupture}
    content = _row_fields(data, Status.TERMINATED)["content"]
    comment = f"Rupture au {date:%d/%m/%Y} : {reason.strip()}"
    return _transition(dossier, user, "terminate", expected_version, comment, content=content)
