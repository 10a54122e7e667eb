"""The only writers of the versions of a parcours (adaptations and avenants).

Like `parcours.dossiers.actions`: each action is atomic, checks its permission inside
(`amendments.perms`), refuses bad input with a French message naming the field
(`InvalidDossier`, nothing written), takes the dossier `version` the user read (the lock:
`StaleDossier`) and leaves one `DossierEvent` through `dossiers.actions.save_sections`.

- Until the first held review (convention art. 6), the OPCO proposes an adaptation; the
  company side accepts it (in force from the acceptance date) or declines it with a reason.
- After it (art. 10), a substantial change is an avenant: the company side drafts the new
  version and submits it; the OPCO accepts or refuses it with a reason; each original party
  signs; the avenant is in force from the last signature.
- A version in force replaces the document's design (`save_sections`) and adds a `changes`
  entry (`amendment: true` for an avenant, so ADJ-01 stays quiet).
- Nothing is back-dated: a date is never in the future, nor before the event it follows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from parcours.amendments import perms
from parcours.amendments import versions as v
from parcours.amendments.models import (
    CONTRACT_FIELDS,
    Kind,
    ParcoursVersion,
    Party,
    State,
)
from parcours.domain import text
from parcours.domain.loading import parse_dossier
from parcours.domain.parcours_diff import compare
from parcours.dossiers import actions as dossier_actions
from parcours.dossiers import convert
from parcours.dossiers.errors import FieldError, InvalidDossier
from parcours.dossiers.models import Dossier

MAX_TEXT = 4000
EDITABLE = ("competences", "modules", "contract")
PARTY_LABELS = {
    Party.COMPANY: "l'entreprise",
    Party.FACILITATOR: "le tiers facilitateur",
    Party.OPCO: "l'OPCO",
    Party.LEARNER: "le salarié apprenant",
}


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _invalid(path: str, message: str) -> InvalidDossier:
    return InvalidDossier([FieldError(path, message)])


def _day(value, path: str) -> dt.date:
    """A date given as a date or an ISO text; none given: today."""
    if value in (None, ""):
        return v.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise _invalid(path, "date illisible (attendu : AAAA-MM-JJ)") from None


def _check_day(day: dt.date, path: str, after: dt.date | None, what: str) -> None:
    """Not in the future, not before `after` (the event this one follows, `what`)."""
    now = v.today()
    if day > now:
        raise _invalid(
            path,
            f"ne peut pas être dans le futur (le {text.date(day)} ; aujourd'hui : "
            f"{text.date(now)})",
        )
    if after is not None and day < after:
        raise _invalid(
            path, f"ne peut pas précéder {what} (le {text.date(after)}) : rien n'est antidaté"
        )


def _text(value: str | None, path: str, what: str, required: bool = True) -> str:
    value = (value or "").replace("\r\n", "\n").strip()
    if required and not value:
        raise _invalid(path, f"{what} est obligatoire")
    if len(value) > MAX_TEXT:
        raise _invalid(path, f"{what} dépasse {MAX_TEXT} signes")
    if "\x00" in value:
        raise _invalid(path, "contient un caractère nul interdit")
    return value


def _versions(row: Dossier) -> list[ParcoursVersion]:
    v.ensure_initial(row)
    return v.versions(row)


def _in_force_today(items: list[ParcoursVersion]) -> ParcoursVersion:
    ordered = v.in_force_versions(items)
    return ordered[-1]


def _get(items: list[ParcoursVersion], number: int) -> ParcoursVersion:
    found = next((x for x in items if x.number == number), None)
    if found is None:
        raise _invalid("number", f"aucune version n° {number} dans ce dossier")
    return found


def _event(row, user, expected_version: int, comment: str, sections: dict | None = None):
    """The version lock, the history (and the design replaced when `sections` is given)."""
    dossier_actions.save_sections(
        row, user, sections or {}, expected_version, event_section="changes", comment=comment
    )


def _live(row: Dossier) -> None:
    if row.status not in perms.LIVE_STATES:
        raise _invalid(
            "status",
            "le parcours ne change que pendant la vie du contrat (prise en charge accordée ou "
            "contrat en cours)",
        )


def _label(version: ParcoursVersion) -> str:
    kind = "Adaptation" if version.kind == Kind.ADAPTATION else "Avenant"
    return f"{kind} (version {version.number})"


# --- the design a version carries -----------------------------------------------------------


def _normalized(row: Dossier, document: dict, given: Any) -> dict[str, Any]:
    """The version's sections from what the user gave (`competences`, `modules`, `contract`
    with the action's dates and weekly hours), validated through the domain model. The
    séquences follow the modules kept; the modules' real costs are kept when not given."""
    if not isinstance(given, dict):
        raise _invalid("sections", "doit donner les compétences, les modules et le contrat")
    unknown = sorted(set(given) - set(EDITABLE))
    if unknown:
        raise InvalidDossier(
            [FieldError(k, "ne fait pas partie d'une version du parcours") for k in unknown]
        )
    current = v.sections_of(document)
    modules = given.get("modules", current["modules"])
    if isinstance(modules, list):
        costs = {m.get("id"): m.get("real_cost") for m in current["modules"]}
        modules = [
            {**m, "real_cost": costs.get(m.get("id"))}
            if isinstance(m, dict) and "real_cost" not in m and costs.get(m.get("id")) is not None
            else m
            for m in modules
        ]
    contract = given.get("contract", current["contract"])
    if isinstance(contract, dict):
        extra = sorted(set(contract) - set(CONTRACT_FIELDS))
        if extra:
            raise InvalidDossier(
                [
                    FieldError(
                        f"contract.{k}",
                        "seules les dates de l'action et la durée "
                        "hebdomadaire changent par une version du parcours",
                    )
                    for k in extra
                ]
            )
        contract = {**current["contract"], **contract}
    kept = (
        {m.get("id") for m in modules if isinstance(m, dict)}
        if isinstance(modules, list)
        else set()
    )
    sections = {
        "competences": given.get("competences", current["competences"]),
        "modules": modules,
        "sequences": [s for s in current["sequences"] if s.get("module") in kept],
        "contract": contract,
    }
    parsed = parse_dossier(v.with_sections(document, sections))
    dumped = parsed.model_dump(mode="json")
    _check_sessions(document, dumped)
    return {
        "competences": dumped["competences"],
        "modules": dumped["modules"],
        "sequences": dumped["sequences"],
        "contract": {k: dumped["contract"][k] for k in CONTRACT_FIELDS},
    }


def _check_sessions(document: dict, candidate: dict) -> None:
    """A module with sessions on the calendar cannot be removed (their signatures would
    point nowhere): its sessions are deleted first, or its hours reduced."""
    kept = {m["id"] for m in candidate["modules"]}
    planned: dict[str, int] = {}
    for s in document.get("sessions") or []:
        if s.get("module") not in kept:
            planned[s.get("module")] = planned.get(s.get("module"), 0) + 1
    errors = [
        FieldError(
            "modules",
            f"le module {module} a {count} séance{'s' if count > 1 else ''} au calendrier : "
            "il ne peut pas être retiré du parcours (supprimez d'abord ses séances non "
            "émargées, ou réduisez ses heures)",
        )
        for module, count in sorted(planned.items())
    ]
    if errors:
        raise InvalidDossier(errors)


def _check_changes(document: dict, base: ParcoursVersion, sections: dict) -> None:
    before = parse_dossier(v.with_sections(document, base.sections))
    after = parse_dossier(v.with_sections(document, sections))
    if not compare(before, after).changed:
        raise _invalid(
            "sections",
            "cette version ne change rien au parcours en vigueur : modifiez un module, une "
            "compétence ou les dates de l'action",
        )


def _apply(row, user, version: ParcoursVersion, expected_version: int, comment: str) -> None:
    """Put the version in force: the document's design replaced, one `changes` entry."""
    document = convert.document(row)
    sections = _normalized(row, document, {k: version.sections[k] for k in EDITABLE})
    items = v.versions(row)
    base = v.previous(items, version) or _in_force_today(items)
    summary = v.comparison(document, base, version).summary(250)
    what = "Avenant" if version.kind == Kind.AVENANT else "Adaptation de l'OPCO"
    entry = {
        "date": version.in_force_from.isoformat(),
        "summary": f"{what} (version {version.number}) : {summary}",
        "amendment": version.kind == Kind.AVENANT,
    }
    changes = [*(document.get("changes") or []), entry]
    contract = {**(document.get("contract") or {}), **sections["contract"]}
    design = {**sections, "contract": contract, "changes": changes}
    _event(row, user, expected_version, comment, design)


# --- drafts ------------------------------------------------------------------------------------


def _start_checks(row: Dossier, items: list[ParcoursVersion], kind: str) -> None:
    busy = v.pending(items)
    if busy is not None:
        raise _invalid(
            "number",
            f"la version {busy.number} ({busy.get_kind_display().lower()}) est encore en cours "
            f"({busy.get_state_display().lower()}) : une seule modification du parcours à la fois",
        )
    document = convert.document(row)
    if kind == Kind.ADAPTATION:
        first = v.review_before(document, v.today())
        if first:
            raise _invalid(
                "kind",
                f"le premier bilan ({first[0]}) a eu lieu le {text.date(first[1])} : après lui, "
                "un changement du parcours est un avenant à la convention, que l'entreprise "
                "rédige (article 10)",
            )
    elif v.first_held_review(document) is None:
        raise _invalid(
            "kind",
            "aucun bilan n'a encore eu lieu : jusqu'au premier bilan, le parcours change par "
            "une adaptation que l'OPCO propose (article 6 de la convention), sans avenant",
        )


@transaction.atomic
def save_draft(
    row: Dossier,
    user,
    kind: str,
    sections: dict,
    explanation: str,
    expected_version: int,
    number: int | None = None,
) -> ParcoursVersion:
    """Write a new version as a draft (`number` None) or change a draft: an adaptation by
    the OPCO, an avenant by the company side."""
    if kind not in (Kind.ADAPTATION, Kind.AVENANT):
        raise _invalid("kind", "choisissez : adaptation ou avenant")
    who = (
        "L'OPCO propose les adaptations"
        if kind == Kind.ADAPTATION
        else ("L'entreprise et le tiers facilitateur rédigent les avenants")
    )
    _require(
        perms.can_edit_draft(user, row, kind), f"{who} du parcours, pendant la vie du contrat."
    )
    _live(row)
    items = _versions(row)
    explanation = _text(explanation, "explanation", "l'explication", required=False)
    document = convert.document(row)
    if number is None:
        _start_checks(row, items, kind)
        draft = None
    else:
        draft = _get(items, number)
        if draft.state != State.DRAFT or draft.kind != kind:
            raise _invalid("number", f"la version {number} n'est pas un brouillon modifiable")
    normalized = _normalized(row, document, sections)
    base = draft.base if draft else _in_force_today(items)
    if draft is None:
        label = "Adaptation" if kind == Kind.ADAPTATION else "Avenant"
        new_number = max(x.number for x in items) + 1
        _event(row, user, expected_version, f"{label} (version {new_number}) : brouillon créé.")
        return ParcoursVersion.objects.create(
            dossier=row,
            number=new_number,
            kind=kind,
            state=State.DRAFT,
            sections=normalized,
            base=base,
            explanation=explanation,
            author=user,
        )
    _event(row, user, expected_version, f"{_label(draft)} : brouillon modifié.")
    draft.sections, draft.explanation = normalized, explanation
    draft.save(update_fields=["sections", "explanation"])
    return draft


@transaction.atomic
def discard_draft(row: Dossier, user, number: int, expected_version: int) -> None:
    """Drop a draft never sent (its number is free again)."""
    items = _versions(row)
    draft = _get(items, number)
    _require(
        perms.can_edit_draft(user, row, draft.kind),
        "Seul le côté qui rédige ce brouillon peut l'abandonner.",
    )
    if draft.state != State.DRAFT:
        raise _invalid("number", f"la version {number} n'est pas un brouillon")
    _event(row, user, expected_version, f"{_label(draft)} : brouillon abandonné.")
    draft.delete()


@transaction.atomic
def submit(row: Dossier, user, number: int, expected_version: int, on=None) -> ParcoursVersion:
    """Send a draft to the other side: the OPCO proposes its adaptation to the company, the
    company submits its avenant to the OPCO. Dated `on` (default today)."""
    items = _versions(row)
    draft = _get(items, number)
    _require(
        perms.can_edit_draft(user, row, draft.kind),
        "Seul le côté qui rédige cette version peut l'envoyer.",
    )
    _live(row)
    if draft.state != State.DRAFT:
        raise _invalid("number", f"la version {number} a déjà été envoyée")
    day = _day(on, "proposed_at")
    base = draft.base or _in_force_today(items)
    _check_day(
        day, "proposed_at", base.in_force_from, f"l'entrée en vigueur de la version {base.number}"
    )
    document = convert.document(row)
    if draft.kind == Kind.ADAPTATION:
        first = v.review_before(document, day)
        if first:
            raise _invalid(
                "proposed_at",
                f"le premier bilan ({first[0]}) a eu lieu le {text.date(first[1])} : une "
                "adaptation ne peut plus être proposée après lui ; l'entreprise rédige un avenant",
            )
    else:
        first = v.first_held_review(document)
        if first is None:
            raise _invalid("kind", "aucun bilan n'a eu lieu : un avenant n'est pas nécessaire")
        _check_day(day, "proposed_at", first[1], f"le premier bilan ({first[0]})")
    explanation = _text(draft.explanation, "explanation", "l'explication du changement")
    normalized = _normalized(row, document, {k: draft.sections[k] for k in EDITABLE})
    _check_changes(document, base, normalized)
    verb = "proposée à l'entreprise" if draft.kind == Kind.ADAPTATION else "soumis à l'OPCO"
    _event(
        row, user, expected_version,
        f"{_label(draft)} {verb} le {text.date(day)} : {explanation}",
    )  # fmt: skip
    draft.sections, draft.state, draft.proposed_at = normalized, State.PROPOSED, day
    draft.save(update_fields=["sections", "state", "proposed_at"])
    return draft


def propose_adaptation(
    row: Dossier, user, sections: dict, explanation: str, expected_version: int, on=None
) -> ParcoursVersion:
    """The OPCO proposes an adaptation in one step (draft and proposal, atomic)."""
    try:
        with transaction.atomic():
            draft = save_draft(row, user, Kind.ADAPTATION, sections, explanation, expected_version)
            return submit(row, user, draft.number, row.version, on)
    except Exception:
        row.refresh_from_db()  # the draft's version bump was rolled back with it
        raise


# --- the answers -----------------------------------------------------------------------------


def _proposed(items, number: int, kind: str) -> ParcoursVersion:
    version = _get(items, number)
    if version.kind != kind:
        what = "une adaptation" if kind == Kind.ADAPTATION else "un avenant"
        raise _invalid("number", f"la version {number} n'est pas {what}")
    if version.state != State.PROPOSED:
        raise _invalid(
            "number",
            f"la version {number} n'attend pas de réponse ({version.get_state_display().lower()})",
        )
    return version


def _decision_day(on, version: ParcoursVersion) -> dt.date:
    day = _day(on, "decided_at")
    _check_day(day, "decided_at", version.proposed_at, "la proposition")
    return day


@transaction.atomic
def accept_adaptation(row: Dossier, user, number: int, expected_version: int, on=None):
    """The company side accepts the OPCO's adaptation: in force from `on` (default today)."""
    _require(
        perms.can_answer_adaptation(user, row),
        "L'entreprise et le tiers facilitateur répondent aux adaptations proposées par l'OPCO.",
    )
    _live(row)
    items = _versions(row)
    version = _proposed(items, number, Kind.ADAPTATION)
    day = _decision_day(on, version)
    first = v.review_before(convert.document(row), day)
    if first:
        raise _invalid(
            "decided_at",
            f"le premier bilan ({first[0]}) a eu lieu le {text.date(first[1])} : l'adaptation "
            "ne peut plus entrer en vigueur sans avenant ; déclinez-la et rédigez un avenant",
        )
    version.state, version.decided_at, version.decided_by = State.ACCEPTED, day, user
    version.in_force_from = day
    version.save(update_fields=["state", "decided_at", "decided_by", "in_force_from"])
    _apply(
        row, user, version, expected_version,
        f"{_label(version)} acceptée le {text.date(day)} : en vigueur à partir de cette date.",
    )  # fmt: skip
    return version


@transaction.atomic
def decline_adaptation(
    row: Dossier, user, number: int, reason: str, expected_version: int, on=None
) -> ParcoursVersion:
    """The company side declines the OPCO's adaptation, saying why."""
    _require(
        perms.can_answer_adaptation(user, row),
        "L'entreprise et le tiers facilitateur répondent aux adaptations proposées par l'OPCO.",
    )
    _live(row)
    items = _versions(row)
    version = _proposed(items, number, Kind.ADAPTATION)
    reason = _text(reason, "reason", "le motif")
    day = _decision_day(on, version)
    _event(
        row, user, expected_version, f"{_label(version)} déclinée le {text.date(day)} : {reason}"
    )
    version.state, version.decided_at, version.decided_by = State.DECLINED, day, user
    version.decision_reason = reason
    version.save(update_fields=["state", "decided_at", "decided_by", "decision_reason"])
    return version


@transaction.atomic
def accept_avenant(row: Dossier, user, number: int, expected_version: int, on=None):
    """The OPCO accepts the avenant: the paper can be signed (in force once all signed)."""
    _require(perms.can_decide_avenant(user, row), "L'OPCO seul accepte ou refuse un avenant.")
    _live(row)
    items = _versions(row)
    version = _proposed(items, number, Kind.AVENANT)
    day = _decision_day(on, version)
    _event(
        row, user, expected_version,
        f"{_label(version)} accepté par l'OPCO le {text.date(day)} : à signer par les parties.",
    )  # fmt: skip
    version.state, version.decided_at, version.decided_by = State.ACCEPTED, day, user
    version.save(update_fields=["state", "decided_at", "decided_by"])
    return version


@transaction.atomic
def refuse_avenant(
    row: Dossier, user, number: int, reason: str, expected_version: int, on=None
) -> ParcoursVersion:
    """The OPCO refuses the avenant, saying why (the parcours in force stays)."""
    _require(perms.can_decide_avenant(user, row), "L'OPCO seul accepte ou refuse un avenant.")
    _live(row)
    items = _versions(row)
    version = _proposed(items, number, Kind.AVENANT)
    reason = _text(reason, "reason", "le motif du refus")
    day = _decision_day(on, version)
    _event(row, user, expected_version, f"{_label(version)} refusé le {text.date(day)} : {reason}")
    version.state, version.decided_at, version.decided_by = State.REFUSED, day, user
    version.decision_reason = reason
    version.save(update_fields=["state", "decided_at", "decided_by", "decision_reason"])
    return version


@transaction.atomic
def record_signature(
    row: Dossier, user, number: int, party: str, expected_version: int, on=None
) -> ParcoursVersion:
    """The day one original party signed the avenant (not before the OPCO's acceptance, not
    in the future). The last signature puts the avenant in force on its date."""
    if party not in Party.values:
        raise _invalid("party", "partie inconnue (entreprise, tiers facilitateur, OPCO, salarié)")
    _require(
        perms.can_record_signature(user, row, party),
        f"Vous ne pouvez pas enregistrer la signature de {PARTY_LABELS[Party(party)]}.",
    )
    _live(row)
    items = _versions(row)
    version = _get(items, number)
    if version.kind != Kind.AVENANT or version.state != State.ACCEPTED or version.in_force:
        raise _invalid("number", f"la version {number} n'est pas un avenant accepté à signer")
    document = convert.document(row)
    if party not in v.parties(document):
        raise _invalid("party", f"{PARTY_LABELS[Party(party)]} n'est pas partie à la convention")
    if version.signature(party) is not None:
        raise _invalid(
            "party",
            f"la signature de {PARTY_LABELS[Party(party)]} est déjà enregistrée "
            f"(le {text.date(version.signature(party))})",
        )
    day = _day(on, "signed_on")
    _check_day(day, "signed_on", version.decided_at, "l'acceptation de l'avenant par l'OPCO")
    setattr(version, f"signed_{party}", day)
    comment = f"{_label(version)} signé par {PARTY_LABELS[Party(party)]} le {text.date(day)}."
    if v.missing_signatures(version, document):
        version.save(update_fields=[f"signed_{party}"])
        _event(row, user, expected_version, comment)
        return version
    version.in_force_from = max(version.signature(p) for p in v.parties(document))
    version.save(update_fields=[f"signed_{party}", "in_force_from"])
    _apply(
        row, user, version, expected_version,
        f"{comment} Signé par toutes les parties : en vigueur à partir du "
        f"{text.date(version.in_force_from)}.",
    )  # fmt: skip
    return version
