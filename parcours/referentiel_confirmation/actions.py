"""The only writer of the `referentiel_confirmation` block (guide action 1 ③).

`confirm` records who of the work team confirmed the référentiel's competences, when, with
an optional comment, and the fingerprint of the competences confirmed
(`parcours.domain.referentiel_confirmation.fingerprint`): atomic, permission checked inside,
bad input as `InvalidDossier` naming the field in French, the version lock, one event."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from parcours.domain import referentiel_confirmation as rc
from parcours.domain import text
from parcours.dossiers import actions, convert
from parcours.dossiers.errors import FieldError, InvalidDossier
from parcours.dossiers.models import Dossier
from parcours.referentiel_confirmation import perms

__all__ = ["confirm"]

NOT_ALLOWED = (
    "Seuls l'entreprise et le tiers facilitateur enregistrent la confirmation du référentiel, "
    "du brouillon jusqu'à la fin du contrat (pas pendant l'instruction)."
)
COMMENT_MAX = 1_000


@transaction.atomic
def confirm(
    dossier: Dossier,
    user,
    expected_version: int,
    *,
    confirmed_on: dt.date | None,
    people: str,
    comment: str = "",
) -> Dossier:
    """`people`: one person a line, « Nom — fonction »."""
    if not perms.can_confirm(user, dossier):
        raise PermissionDenied(NOT_ALLOWED)
    by, errors = rc.confirmers(people)
    found = [("people", e) for e in errors]
    comment = (comment or "").strip()
    if confirmed_on is None:
        found.append(("confirmed_on", "Indiquez la date de la confirmation."))
    elif confirmed_on > timezone.localdate():
        found.append(("confirmed_on", "La confirmation ne peut pas être datée dans le futur."))
    if len(comment) > COMMENT_MAX:
        found.append(("comment", f"Le commentaire dépasse {COMMENT_MAX} signes."))
    domain = convert.to_domain(dossier)
    if not domain.competences:
        found.append(("people", "Le référentiel n'a encore aucune compétence à confirmer."))
    if found:
        raise InvalidDossier([FieldError(f"{perms.SECTION}.{f}", m) for f, m in found])
    block = {
        "confirmed_on": confirmed_on.isoformat(),
        "by": by,
        "comment": comment or None,
        "competences_hash": rc.fingerprint(domain.competences),
    }
    note = (
        f"Référentiel ({len(domain.competences)} compétences) confirmé le "
        f"{text.date(confirmed_on)} par {len(by)} personne{'s' if len(by) > 1 else ''} de "
        "l'équipe de travail."
    )
    return actions.save_sections(
        dossier, user, {perms.SECTION: block}, expected_version,
        event_section=perms.SECTION, comment=note,
    )  # fmt: skip
