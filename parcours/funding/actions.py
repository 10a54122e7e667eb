"""The only writers of the money (convention art. 7 and 9).

Every action is atomic, checks `parcours.funding.perms` itself, locks the dossier row
(one writer of its money at a time) and records a `DossierEvent` (section "claims" or
"facilitator_log", hidden from those who do not see the money). Someone without the right:
`PermissionDenied`, nothing written. A bad state, date or value: `InvalidDossier` naming
the field, in French.

A claim lives due → claimed → paid | rejected. `refresh_claims` creates the claims that
became due (`parcours.domain.claims`), never twice, and never touches a claim once made.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from parcours.domain import text
from parcours.domain.claims import LABELS, due_claims, reason_not_due
from parcours.domain.dossier import ClaimKind
from parcours.dossiers import convert
from parcours.dossiers.enums import EventKind
from parcours.dossiers.errors import FieldError, InvalidDossier
from parcours.dossiers.models import Dossier, DossierEvent
from parcours.funding import perms
from parcours.funding.models import FacilitatorLog, FundingClaim, Kind, State
from parcours.organisations.models import Organisation

__all__ = [
    "MISSION_HOURS",
    "log_facilitator_hours",
    "make_claim",
    "mark_paid",
    "refresh_claims",
    "reject",
    "set_real_costs",
]

# The facilitator's mission: 14 hours (convention art. 7).
MISSION_HOURS = Decimal(14)
REASON_MAX, ACTIVITY_MAX = 2000, 500
CENT = Decimal("0.01")


def today() -> dt.date:
    return timezone.localdate()


def _invalid(path: str, message: str) -> InvalidDossier:
    return InvalidDossier([FieldError(path, message)])


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _locked(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_for_update().get(pk=dossier.pk)


def _record(row: Dossier, user, section: str, comment: str) -> DossierEvent:
    return DossierEvent.objects.create(
        dossier=row, actor=user, kind=EventKind.EDIT, version=row.version, section=section,
        comment=comment,
    )  # fmt: skip


def _euros(amount) -> str:
    return text.euros(float(amount))


def _day(value: dt.date) -> str:
    return text.date(value)


def _as_date(value, path: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise _invalid(path, "date obligatoire, au format JJ/MM/AAAA") from None


def _not_future(day: dt.date, path: str, what: str) -> None:
    if day > today():
        raise _invalid(path, f"{what} ne peut pas être dans le futur ({_day(day)})")


# --- claims ------------------------------------------------------------------------------


@transaction.atomic
def refresh_claims(dossier: Dossier, user=None) -> list[FundingClaim]:
    """Create the claims that became due (state « à demander »), update the amount or date
    of those still to make, remove those that are no longer due (a rupture); a claim once
    made (claimed, paid, rejected) is never changed. `user` None: the daily job; the
    history names no one (the contract's facts made the claims due). Returns the claims."""
    _require(
        user is None or perms.can_see_money(user, dossier),
        "Vous ne voyez pas le financement de ce dossier.",
    )
    row = _locked(dossier)
    claims = list(row.claims.all())
    if row.status not in perms.CLAIM_STATES:
        return claims
    due = {o.kind: o for o in due_claims(convert.to_domain(row), today())}
    open_ = {c.kind: c for c in claims if c.state != State.REJECTED}
    changed = False
    for kind, o in due.items():
        amount = Decimal(str(o.amount)).quantize(CENT)
        claim = open_.get(kind)
        if claim is None:
            FundingClaim.objects.create(dossier=row, kind=kind, amount=amount, due_on=o.due_on)
            _record(row, None, perms.SECTION, f"{o.label} à demander : {_euros(amount)} HT.")
            changed = True
        elif claim.state == State.DUE and (claim.amount, claim.due_on) != (amount, o.due_on):
            claim.amount, claim.due_on = amount, o.due_on
            claim.save(update_fields=["amount", "due_on", "updated_at"])
            _record(row, None, perms.SECTION, f"{o.label} : montant dû {_euros(amount)} HT.")
            changed = True
    for kind, claim in open_.items():
        if claim.state == State.DUE and kind not in due:
            claim.delete()
            _record(row, None, perms.SECTION, f"{LABELS[ClaimKind(kind)]} n'est plus due.")
            changed = True
    return list(row.claims.all()) if changed else claims


def _issuer(row: Dossier, user, kind: str) -> Organisation:
    """The company for its payments; the facilitator's organisation for its invoices."""
    if kind in perms.PAYMENT_KINDS:
        return row.company
    return user.organisation


def next_invoice_number(issuer: Organisation, year: int) -> str:
    """`AAAA-NNNN`: the issuer's next number in the year (the issuer row is locked by the
    caller's transaction, so that two claims never get the same number)."""
    Organisation.objects.select_for_update().filter(pk=issuer.pk).first()
    used = FundingClaim.objects.filter(issuer=issuer, invoice_number__startswith=f"{year}-")
    last = 0
    for number in used.values_list("invoice_number", flat=True):
        match = re.fullmatch(rf"{year}-(\d+)", number)
        if match:
            last = max(last, int(match.group(1)))
    return f"{year}-{last + 1:04d}"


@transaction.atomic
def make_claim(dossier: Dossier, user, kind: str) -> FundingClaim:
    """Make a due claim: the company admin its payments, a facilitator its invoices. The
    server gives it today's date and the issuer's next invoice number."""
    try:
        kind = Kind(kind)
    except ValueError:
        raise _invalid("kind", "demande inconnue") from None
    _require(
        perms.can_see_money(user, dossier) and kind in perms.claimable_kinds(user),
        "Votre rôle ne permet pas de faire cette demande de paiement.",
    )
    refresh_claims(dossier, user)
    row = _locked(dossier)
    claim = row.claims.filter(kind=kind).exclude(state=State.REJECTED).first()
    label = LABELS[ClaimKind(kind)]
    if claim is None:
        reason = reason_not_due(convert.to_domain(row), ClaimKind(kind), today())
        raise _invalid("kind", f"{label} : {reason or 'pas encore due'}")
    if claim.state != State.DUE:
        raise _invalid(
            "kind",
            f"{label} : déjà demandée le {_day(claim.claimed_on)} "
            f"(facture n° {claim.invoice_number}, {claim.get_state_display().lower()})",
        )
    _require(perms.can_make_claim(user, row, claim), "Vous ne pouvez pas faire cette demande.")
    issuer = _issuer(row, user, kind)
    claim.issuer = issuer
    claim.claimed_on = today()
    claim.claimed_by = user
    claim.invoice_number = next_invoice_number(issuer, claim.claimed_on.year)
    claim.state = State.CLAIMED
    claim.save()
    _record(
        row, user, perms.SECTION,
        f"{label} demandée : facture n° {claim.invoice_number}, {_euros(claim.amount)} HT.",
    )  # fmt: skip
    return claim


def _claim_of(row: Dossier, claim: FundingClaim | int) -> FundingClaim:
    pk = claim.pk if isinstance(claim, FundingClaim) else claim
    found = row.claims.select_for_update().filter(pk=pk).first()
    if found is None:
        raise _invalid("claim", "demande de paiement inconnue dans ce dossier")
    return found


def _decision_date(claim: FundingClaim, value, path: str, what: str) -> dt.date:
    day = _as_date(value, path)
    _not_future(day, path, what)
    if day < claim.claimed_on:
        raise _invalid(
            path,
            f"{what} ne peut pas précéder la demande du {_day(claim.claimed_on)} ({_day(day)})",
        )
    return day


def _decidable(user, row: Dossier, claim: FundingClaim) -> None:
    _require(perms.can_decide(user, row), "Seul l'OPCO marque une demande payée ou rejetée.")
    if claim.state != State.CLAIMED:
        raise _invalid(
            "claim",
            f"cette demande est « {claim.get_state_display().lower()} » : seule une demande "
            "faite (et pas encore traitée) se marque payée ou rejetée",
        )


@transaction.atomic
def mark_paid(dossier: Dossier, user, claim: FundingClaim | int, paid_on) -> FundingClaim:
    """The OPCO paid the claim on `paid_on` (not in the future, not before the claim)."""
    _require(perms.can_decide(user, dossier), "Seul l'OPCO marque une demande payée.")
    row = _locked(dossier)
    claim = _claim_of(row, claim)
    _decidable(user, row, claim)
    claim.paid_on = _decision_date(claim, paid_on, "paid_on", "la date de paiement")
    claim.state, claim.decided_by = State.PAID, user
    claim.save()
    _record(
        row, user, perms.SECTION,
        f"{claim.get_kind_display()} (facture n° {claim.invoice_number}) payée le "
        f"{_day(claim.paid_on)} : {_euros(claim.amount)} HT.",
    )  # fmt: skip
    return claim


@transaction.atomic
def reject(
    dossier: Dossier, user, claim: FundingClaim | int, reason: str, rejected_on=None
) -> FundingClaim:
    """The OPCO rejects the claim, saying why (the claim may then be made again)."""
    _require(perms.can_decide(user, dossier), "Seul l'OPCO rejette une demande.")
    row = _locked(dossier)
    claim = _claim_of(row, claim)
    _decidable(user, row, claim)
    reason = (reason or "").strip()
    if not reason:
        raise _invalid("reason", "le motif du rejet est obligatoire")
    if len(reason) > REASON_MAX or "\x00" in reason:
        raise _invalid("reason", f"motif de plus de {REASON_MAX} signes ou illisible")
    day = _decision_date(claim, rejected_on or today(), "rejected_on", "la date du rejet")
    claim.state, claim.rejected_on, claim.rejection_reason = State.REJECTED, day, reason
    claim.decided_by = user
    claim.save()
    _record(
        row, user, perms.SECTION,
        f"{claim.get_kind_display()} (facture n° {claim.invoice_number}) rejetée le "
        f"{_day(day)} : {reason}",
    )  # fmt: skip
    return claim


# --- the facilitator's hours ----------------------------------------------------------------


def parse_hours(value, path: str = "hours") -> Decimal:
    """Hours as a number of at most two decimals (« 3,5 » too), above zero."""
    raw = str(value if value is not None else "").strip().replace(",", ".")
    try:
        hours = Decimal(raw)
    except InvalidOperation:
        raise _invalid(path, "nombre d'heures obligatoire (par exemple 3,5)") from None
    if not hours.is_finite() or hours <= 0:
        raise _invalid(path, "le nombre d'heures doit être supérieur à zéro")
    return hours.quantize(CENT, rounding=ROUND_HALF_UP)


def logged_hours(dossier: Dossier) -> Decimal:
    return sum((x.hours for x in dossier.facilitator_logs.all()), Decimal(0))


def _hours_text(value: Decimal) -> str:
    return text.hours(float(value))


@transaction.atomic
def log_facilitator_hours(dossier: Dossier, user, date, hours, activity: str) -> FacilitatorLog:
    """A facilitator logs one intervention: its date (not in the future), hours and what was
    done. The mission's total is capped at 14 hours."""
    _require(
        perms.can_log_hours(user, dossier),
        "Seul le tiers facilitateur du dossier enregistre ses heures d'intervention.",
    )
    row = _locked(dossier)
    errors = []
    try:
        day = _as_date(date, "date")
        _not_future(day, "date", "la date de l'intervention")
    except InvalidDossier as exc:
        errors += exc.errors
    try:
        amount = parse_hours(hours)
    except InvalidDossier as exc:
        errors += exc.errors
        amount = None
    activity = (activity or "").strip()
    if not activity:
        errors.append(FieldError("activity", "dites ce qui a été fait pendant l'intervention"))
    elif len(activity) > ACTIVITY_MAX or "\x00" in activity:
        errors.append(FieldError("activity", f"texte de plus de {ACTIVITY_MAX} signes"))
    if amount is not None:
        done = logged_hours(row)
        if done + amount > MISSION_HOURS:
            left = max(MISSION_HOURS - done, Decimal(0))
            errors.append(
                FieldError(
                    "hours",
                    f"la mission du tiers facilitateur compte {_hours_text(MISSION_HOURS)} "
                    f"(convention, article 7) : {_hours_text(done)} déjà enregistrées, il "
                    f"reste {_hours_text(left)}, pas {_hours_text(amount)}",
                )
            )
    if errors:
        raise InvalidDossier(errors)
    entry = FacilitatorLog.objects.create(
        dossier=row, date=day, hours=amount, activity=activity, author=user,
        author_name=user.get_full_name() or user.username,
    )  # fmt: skip
    _record(
        row, user, perms.LOG_SECTION,
        f"Intervention du tiers facilitateur le {_day(day)} : {_hours_text(amount)} – {activity}",
    )  # fmt: skip
    return entry


# --- the modules' real costs ------------------------------------------------------------------

COST_MAX = Decimal("10000000")


def parse_cost(value, path: str) -> Decimal | None:
    """Euros HT, at most two decimals (« 1 250,50 » too); blank: unknown."""
    raw = str(value if value is not None else "").strip()
    raw = raw.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace("€", "")
    if not raw:
        return None
    try:
        cost = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        raise _invalid(path, "montant illisible : un nombre d'euros, par exemple 1250,50") from None
    if not cost.is_finite() or cost < 0 or cost >= COST_MAX:
        raise _invalid(path, "le coût réel est un montant positif (ou zéro) en euros")
    return cost.quantize(CENT, rounding=ROUND_HALF_UP)


@transaction.atomic
def set_real_costs(dossier: Dossier, user, costs: dict, expected_version: int) -> Dossier:
    """The company side records what each module really costs (`modules[].real_cost`, euros
    HT; blank: unknown). It fills the « coût réel » column of article 9 and the company's
    remaining cost; the parcours itself is not changed, so it may be done at any time but
    on a refused dossier."""
    _require(
        perms.can_set_costs(user, dossier),
        "Seuls l'entreprise et le tiers facilitateur renseignent les coûts réels.",
    )
    from parcours.dossiers.actions import save_sections

    modules = [dict(m) for m in dossier.content.get("modules") or []]
    known = {m.get("id"): i for i, m in enumerate(modules)}
    errors = []
    for module_id, value in costs.items():
        path = f"modules.{module_id}.real_cost"
        if module_id not in known:
            errors.append(FieldError(path, f"module inconnu du parcours : « {module_id} »"))
            continue
        try:
            cost = parse_cost(value, path)
        except InvalidDossier as exc:
            errors += exc.errors
            continue
        module = modules[known[module_id]]
        if cost is None:
            module.pop("real_cost", None)
        else:
            module["real_cost"] = float(cost)
    if errors:
        raise InvalidDossier(errors)
    return save_sections(
        dossier, user, {"modules": modules}, expected_version,
        event_section=perms.COSTS_SECTION, comment="Coûts réels des modules",
    )  # fmt: skip
