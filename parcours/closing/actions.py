"""The only writers of the `rupture` and `attestation` sections.

Like `parcours.dossiers.actions`: atomic, the permission checked inside
(`perms.can_edit_rupture`, `can_acknowledge_rupture`, `can_prepare_attestation`), every
date checked (not in the future, not before the event it follows: `parcours.domain.closing`),
bad input as `InvalidDossier` naming the field in French with nothing written, the version
lock (`StaleDossier`), one `DossierEvent` each.

- `declare_rupture`: a live contract ends (accepted/running → terminated, through
  `dossiers.actions.terminate_contract`); a terminated one has its rupture corrected, until
  the OPCO has acknowledged the notice.
- `acknowledge_rupture`: the OPCO's acknowledgment, dated; the rupture is read-only after it.
- `prepare_attestation`: the attestation's competences from the final review (after a
  rupture: the last held review, or the positioning), dated.
- `record_certificate`: the certificat de réalisation (the paper parcours produces from the
  émargement) joined to the dossier's documents, dated (FIN-02 asks for it).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from parcours.domain import text
from parcours.domain.closing import (
    DETAILS_MAX,
    RUPTURE_REASONS,
    acknowledgment_errors,
    attestation_basis,
    done_hours,
    not_after_today,
    not_before,
    prepared_scores,
    reason_text,
    rupture_date_errors,
)
from parcours.domain.dossier import DocumentKind, RuptureReason
from parcours.dossiers import actions, convert, perms
from parcours.dossiers.errors import FieldError, InvalidDossier
from parcours.dossiers.models import Dossier

__all__ = ["acknowledge_rupture", "declare_rupture", "prepare_attestation", "record_certificate"]

NOT_RUPTURE = (
    "Seuls l'entreprise et le tiers facilitateur déclarent une rupture, tant que le contrat "
    "court, puis la corrigent jusqu'à ce que l'OPCO en accuse réception."
)
NOT_ACKNOWLEDGE = "Seul l'OPCO accuse réception de la notification d'une rupture enregistrée."
NOT_ATTESTATION = (
    "Seuls l'entreprise et le tiers facilitateur préparent l'attestation de fin de contrat, "
    "d'un contrat en cours ou rompu."
)


def _today() -> dt.date:
    return timezone.localdate()


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _rupture_errors(row: Dossier, reason_code, details: str, date, informed) -> list[FieldError]:
    errors = []
    try:
        code = RuptureReason(reason_code)
    except ValueError:
        labels = ", ".join(f"« {label} »" for label in RUPTURE_REASONS.values())
        errors.append(FieldError("rupture.reason_code", f"choisissez un motif parmi {labels}"))
    else:
        if code == RuptureReason.AUTRE and not details.strip():
            errors.append(
                FieldError("rupture.details", "précisez le motif de la rupture (« Autre motif »)")
            )
    if len(details) > DETAILS_MAX:
        errors.append(FieldError("rupture.details", f"la précision dépasse {DETAILS_MAX} signes"))
    domain = convert.to_domain(row)
    errors += [FieldError(p, m) for p, m in rupture_date_errors(domain, date, informed, _today())]
    return errors


@transaction.atomic
def declare_rupture(
    dossier: Dossier,
    user,
    expected_version: int,
    *,
    date: dt.date | None,
    reason_code: str,
    details: str = "",
    opco_informed_on: dt.date | None = None,
) -> Dossier:
    """Declare the rupture of a live contract (it ends: terminated), or correct the rupture
    of a terminated one until the OPCO has acknowledged it. `details`: the précision
    (required for « autre »), written after the label in `rupture.reason`."""
    _require(perms.can_edit_rupture(user, dossier), NOT_RUPTURE)
    details = (details or "").strip()
    errors = _rupture_errors(dossier, reason_code, details, date, opco_informed_on)
    if errors:
        raise InvalidDossier(errors)
    reason = reason_text(reason_code, details)
    if dossier.status in perms.LIVE_STATES:
        actions.terminate_contract(
            dossier, user, expected_version, date, reason, opco_informed_on, reason_code
        )
        return dossier
    rupture = {
        "date": date,
        "reason": reason,
        "reason_code": reason_code,
        "opco_informed_on": opco_informed_on,
    }
    informed = f" ; OPCO informé le {text.date(opco_informed_on)}" if opco_informed_on else ""
    return actions.save_sections(
        dossier,
        user,
        {"rupture": rupture},
        expected_version,
        event_section="rupture",
        comment=f"Rupture corrigée : au {text.date(date)}, {reason}{informed}",
    )


@transaction.atomic
def acknowledge_rupture(
    dossier: Dossier, user, expected_version: int, date: dt.date | None
) -> Dossier:
    """The OPCO acknowledges the written notice on `date` (not in the future, not before
    the notice was sent). The rupture is read-only from then on."""
    _require(perms.can_acknowledge_rupture(user, dossier), NOT_ACKNOWLEDGE)
    domain = convert.to_domain(dossier)
    errors = acknowledgment_errors(domain, date, _today())
    if errors:
        raise InvalidDossier([FieldError("rupture.acknowledged_on", m) for m in errors])
    rupture = {**dossier.content["rupture"], "acknowledged_on": date}
    return actions.save_sections(
        dossier,
        user,
        {"rupture": rupture},
        expected_version,
        event_section="rupture",
        comment=f"Accusé de réception de la notification de rupture le {text.date(date)}",
    )


@transaction.atomic
def prepare_attestation(
    dossier: Dossier, user, date: dt.date | None, expected_version: int
) -> Dossier:
    """Write the `attestation`: every competence of the référentiel with the level reached
    at the final review (after a rupture: at the last held review, or the positioning),
    dated `date` (not in the future, not before that review nor the rupture)."""
    _require(perms.can_prepare_attestation(user, dossier), NOT_ATTESTATION)
    d = convert.to_domain(dossier)
    basis = attestation_basis(d)
    if basis is None:
        why = (
            "aucun bilan n'a été tenu et le positionnement initial n'est pas renseigné"
            if d.rupture is not None
            else "le bilan final n'a pas encore été tenu : l'attestation en reprend les niveaux"
        )
        raise InvalidDossier([FieldError("attestation", why)])
    found = {s.competence for s in basis.scores}
    missing = [c.id for c in d.competences if c.id not in found]
    errors = []
    if missing:
        errors.append(
            FieldError(
                "attestation.competences",
                f"{basis.label} ne donne pas de niveau aux compétences {', '.join(missing)} : "
                "complétez-le avant de préparer l'attestation",
            )
        )
    if not isinstance(date, dt.date):
        errors.append(FieldError("attestation.date", "la date est obligatoire (jj/mm/aaaa)"))
    else:
        what = "la date de l'attestation"
        checks = [not_after_today(date, _today(), what)]
        if basis.date is not None:
            checks.append(not_before(date, basis.date, what, basis.label))
        if d.rupture is not None:
            checks.append(not_before(date, d.rupture.date, what, "la rupture"))
        errors += [FieldError("attestation.date", m) for m in checks if m]
    if errors:
        raise InvalidDossier(errors)
    attestation = {
        "date": date,
        "competences": [
            s.model_dump(mode="json", exclude_none=True) for s in prepared_scores(d, basis)
        ],
    }
    return actions.save_sections(
        dossier,
        user,
        {"attestation": attestation},
        expected_version,
        event_section="attestation",
        comment=f"Attestation de fin de contrat préparée le {text.date(date)}, "
        f"d'après {basis.label}",
    )


NOT_CERTIFICATE = (
    "Seuls l'entreprise et le tiers facilitateur joignent le certificat de réalisation au "
    "dossier, d'un contrat en cours ou rompu."
)


@transaction.atomic
def record_certificate(
    dossier: Dossier, user, date: dt.date | None, expected_version: int
) -> Dossier:
    """Join the certificat de réalisation to the dossier's documents (`documents`, kind
    `certificat_realisation`, established by the company), dated `date`: not in the future,
    not before the first session the learner signed (it attests signed hours only). A
    certificat joined earlier is replaced."""
    _require(perms.can_prepare_attestation(user, dossier), NOT_CERTIFICATE)
    d = convert.to_domain(dossier)
    signed = sorted(s.date for s in d.sessions if done_hours(s) > 0)
    what = "la date du certificat"
    if not signed:
        errors = ["aucune séance n'est émargée par le salarié : le certificat n'a rien à attester"]
    elif not isinstance(date, dt.date):
        errors = ["la date est obligatoire (jj/mm/aaaa)"]
    else:
        first = f"la première séance émargée du {text.date(signed[0])}"
        checks = (not_after_today(date, _today(), what), not_before(date, signed[0], what, first))
        errors = [m for m in checks if m]
    if errors:
        raise InvalidDossier([FieldError("documents", m) for m in errors])
    kind = DocumentKind.CERTIFICAT_REALISATION.value
    entry = {"kind": kind, "date": date, "signed_by": ["company"]}
    documents = [x for x in dossier.content.get("documents") or [] if x.get("kind") != kind]
    hours = sum(done_hours(s) for s in d.sessions if s.date <= date)
    return actions.save_sections(
        dossier,
        user,
        {"documents": [*documents, entry]},
        expected_version,
        event_section="documents",
        comment=f"Certificat de réalisation joint au dossier, daté du {text.date(date)} "
        f"({text.hours(hours)} émargées)",
    )
