"""The OPCO sets the hourly rate of an experienced company's funding (`funding.hourly_rate`,
euros per hour of training actually attended; guide « Les financements », FIN-04). The only
writer of that field; the company side reads it on « Financement »."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction

from parcours.dossiers.errors import FieldError, InvalidDossier
from parcours.dossiers.models import Dossier
from parcours.funding import perms

PATH = "funding.hourly_rate"
RATE_MAX = Decimal("10000")  # the format's limit (parcours/domain/dossier.py, Funding)
SECTION = "funding"
# The rate is the OPCO's decision: not once the contract is over or refused.
RATE_STATES = frozenset({"submitted", "accepted", "running"})


def can_set_rate(user, dossier: Dossier) -> bool:
    return (
        perms.is_opco(user) and dossier.status in RATE_STATES and perms.can_see_money(user, dossier)
    )


def parse_rate(value) -> Decimal | None:
    """Euros per hour, two decimals at most (« 12,50 » too); blank: no rate yet."""
    raw = str(value if value is not None else "").strip()
    raw = raw.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace("€", "")
    if not raw:
        return None
    try:
        rate = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        raise InvalidDossier(
            [FieldError(PATH, "taux horaire illisible : un nombre d'euros, par exemple 12,50")]
        ) from None
    if not rate.is_finite() or rate < 0 or rate > RATE_MAX:
        raise InvalidDossier(
            [FieldError(PATH, "le taux horaire est un montant en euros entre 0 et 10 000")]
        )
    return rate.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def set_hourly_rate(dossier: Dossier, user, value, expected_version: int) -> Dossier:
    """Record (or clear, blank) the hourly rate. Refused to anyone but the OPCO."""
    from parcours.dossiers.actions import save_sections

    if not can_set_rate(user, dossier):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Seul l'OPCO fixe le taux horaire du financement.")
    rate = parse_rate(value)
    funding = dict(dossier.content.get("funding") or {})
    funding["hourly_rate"] = float(rate) if rate is not None else None
    return save_sections(
        dossier, user, {"funding": funding}, expected_version,
        event_section=SECTION, comment="Taux horaire du financement",
    )  # fmt: skip
