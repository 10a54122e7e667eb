"""The only writer of `convention_ending` (convention art. 10): record a formal notice, then
end the convention once its delay has passed without effect. Ending it terminates the
dossier (the « terminate » transition of `parcours.dossiers.lifecycle`), funded as after a
rupture (`parcours.domain.convention_ending.ended_early`)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from parcours.convention_ending import perms
from parcours.domain import convention_ending as domain
from parcours.domain.dossier import ConventionParty
from parcours.domain.params import DEFAULT_PARAMETERS
from parcours.dossiers import convert
from parcours.dossiers.enums import Status
from parcours.dossiers.errors import FieldError, InvalidDossier
from parcours.dossiers.models import Dossier, DossierEvent

SECTION = "convention_ending"


def _invalid(errors: list[tuple[str, str]]) -> InvalidDossier:
    return InvalidDossier([FieldError(path, message) for path, message in errors])


def _party(value) -> ConventionParty:
    try:
        return ConventionParty(value)
    except ValueError:
        raise _invalid(
            [("convention_ending.notice_to", "choisissez la partie mise en demeure")]
        ) from None


@transaction.atomic
def send_notice(
    dossier: Dossier, user, to, breach: str, sent_on: dt.date, expected_version: int,
    delay_days: int | None = None,
) -> Dossier:  # fmt: skip
    """Record the formal notice the user's party sent (registered letter) to another party
    for a breach of its obligations; the delay is the parameter's unless given."""
    from parcours.dossiers.actions import save_sections

    if not perms.can_send_notice(user, dossier):
        raise PermissionDenied("Seules les parties signataires mettent en demeure, une fois.")
    by = perms.party_of(user)
    to = _party(to)
    breach = (breach or "").strip()
    d = convert.to_domain(dossier)
    errors = domain.notice_errors(d, by, to, breach, sent_on, timezone.localdate())
    if errors:
        raise _invalid(errors)
    ending = {
        "notice_sent_on": sent_on,
        "notice_by": by.value,
        "notice_to": to.value,
        "breach": breach,
        "delay_days": delay_days or DEFAULT_PARAMETERS.convention_notice_days,
        "ended_on": None,
    }
    return save_sections(
        dossier, user, {SECTION: ending}, expected_version, event_section=SECTION,
        comment=f"Mise en demeure adressée {domain.TO_LABELS[to]} (convention, article 10)",
    )  # fmt: skip


@transaction.atomic
def end_convention(
    dossier: Dossier, user, ended_on: dt.date, expected_version: int
) -> DossierEvent:
    """End the convention (art. 10) once the notice's delay has passed: the dossier is
    terminated, the ending's date recorded."""
    from parcours.dossiers.actions import _row_fields, _transition

    if not perms.can_end(user, dossier):
        raise PermissionDenied(
            "Seule la partie qui a mis en demeure, ou l'OPCO, met fin à la convention."
        )
    d = convert.to_domain(dossier)
    errors = domain.end_errors(d, ended_on, timezone.localdate())
    if errors:
        raise _invalid(errors)
    data = convert.document(dossier)
    data[SECTION] = {**data[SECTION], "ended_on": ended_on}
    content = _row_fields(data, Status.TERMINATED)["content"]
    e = d.convention_ending
    comment = (
        f"Convention rompue le {ended_on:%d/%m/%Y} (article 10) : mise en demeure adressée "
        f"{domain.TO_LABELS[e.notice_to]} le {e.notice_sent_on:%d/%m/%Y}, restée sans effet"
    )
    return _transition(dossier, user, "terminate", expected_version, comment, content=content)
