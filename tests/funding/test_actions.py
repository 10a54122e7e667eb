"""The money's writers: claims made due by the contract's facts (never twice, never removed
once made), made by the right party with the next invoice number, paid or rejected by the
OPCO only with sensible dates; the facilitator's hours capped at 14."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from parcours.dossiers import convert, perms
from parcours.dossiers.errors import InvalidDossier
from parcours.dossiers.models import DossierEvent
from parcours.funding import actions
from parcours.funding.models import FacilitatorLog, FundingClaim, State
from tests import factories
from tests.funding.conftest import close

pytestmark = pytest.mark.django_db

FIRST, FINAL = "first_payment", "final_payment"
INVOICE_1, INVOICE_2 = "facilitator_invoice_1", "facilitator_invoice_2"
NOT_THE_COMPANY = ("facilitator", "tutor", "trainer", "learner", "opco_staff",
                   "company_admin_other", "facilitator_other")  # fmt: skip
NOT_THE_FACILITATOR = ("company_admin", "tutor", "trainer", "learner", "opco_staff",
                       "company_admin_other", "facilitator_other")  # fmt: skip
NOT_THE_OPCO = ("company_admin", "facilitator", "tutor", "trainer", "learner",
                "company_admin_other", "facilitator_other")  # fmt: skip


def today():
    return timezone.localdate()


def kinds(world) -> dict[str, FundingClaim]:
    return {c.kind: c for c in world.dossier.claims.exclude(state=State.REJECTED)}


def stored(world) -> tuple:
    """What a refused action must not change."""
    row = world.dossier
    return (
        list(row.claims.order_by("pk").values_list("kind", "state", "invoice_number", "paid_on")),
        FacilitatorLog.objects.filter(dossier=row).count(),
        DossierEvent.objects.filter(dossier=row).count(),
    )


# --- refresh_claims --------------------------------------------------------------------------


def test_before_any_signed_session_only_the_facilitator_first_invoice_is_due(running):
    actions.refresh_claims(running.dossier)
    assert set(kinds(running)) == {INVOICE_1}
    claim = kinds(running)[INVOICE_1]
    assert (claim.amount, claim.state) == (Decimal("1250.00"), State.DUE)
    assert claim.due_on == running.dossier.agreement_date


def test_the_first_payment_becomes_due_with_the_learners_first_signature(started):
    actions.refresh_claims(started.dossier)
    claim = kinds(started)[FIRST]
    assert (claim.amount, claim.state) == (Decimal("1000.00"), State.DUE)
    assert claim.due_on == today() - dt.timedelta(days=2)


def test_refreshing_twice_creates_nothing_twice(started):
    actions.refresh_claims(started.dossier)
    before = stored(started)
    actions.refresh_claims(started.dossier)
    actions.refresh_claims(started.dossier)
    assert stored(started) == before
    assert started.dossier.claims.count() == 2


def test_one_open_claim_of_a_kind_per_dossier_in_the_database(started):
    actions.refresh_claims(started.dossier)
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingClaim.objects.create(
            dossier=started.dossier, kind=FIRST, amount=1000, due_on=today()
        )


def test_no_claim_before_acceptance(world):
    assert actions.refresh_claims(world.dossier) == []
    assert not world.dossier.claims.exists()


def test_a_planned_afest_adds_nothing_a_signed_one_adds_500_euros(started):
    close(started)
    actions.refresh_claims(started.dossier)
    assert kinds(started)[FINAL].amount == Decimal("1500.00")
    # The AFEST session is then held and signed: the claim still to make follows.
    close(started, afest=True)
    actions.refresh_claims(started.dossier)
    assert kinds(started)[FINAL].amount == Decimal("2000.00")
    assert set(kinds(started)) == {FIRST, FINAL, INVOICE_1, INVOICE_2}


def test_after_a_rupture_only_the_first_claims_and_a_made_claim_is_kept(started):
    close(started)
    actions.refresh_claims(started.dossier)
    actions.make_claim(started.dossier, started.users["facilitator"], INVOICE_2)
    row = started.dossier
    row.content = {**row.content, "rupture": {"date": today().isoformat(), "reason": "Démission"}}
    row.status = "terminated"
    row.save(update_fields=["content", "status"])
    actions.refresh_claims(row)
    assert set(kinds(started)) == {FIRST, INVOICE_1, INVOICE_2}
    assert kinds(started)[INVOICE_2].state == State.CLAIMED  # made before: never removed
    # The second payment, due but not made, is no longer due.
    assert "Second versement à l'entreprise n'est plus due." in set(
        row.events.values_list("comment", flat=True)
    )


@pytest.mark.parametrize("role", ["tutor", "trainer", "learner", "company_admin_other"])
def test_refresh_is_refused_to_who_does_not_see_the_money(started, role):
    with pytest.raises(PermissionDenied):
        actions.refresh_claims(started.dossier, started.users[role])


# --- make_claim ----------------------------------------------------------------------------


def test_the_company_makes_its_payment_with_the_next_invoice_number(started):
    claim = actions.make_claim(started.dossier, started.users["company_admin"], FIRST)
    assert (claim.state, claim.claimed_on, claim.invoice_number) == (
        State.CLAIMED, today(), f"{today().year}-0001")  # fmt: skip
    assert claim.issuer == started.company and claim.claimed_by == started.users["company_admin"]
    assert claim.dossier.events.filter(section="claims", actor=claim.claimed_by).exists()


def test_invoice_numbers_run_per_issuer_across_its_dossiers(started):
    other = factories.dossier(started.company, "running")
    FundingClaim.objects.create(
        dossier=other, kind=FIRST, amount=1000, due_on=today(), state=State.CLAIMED,
        issuer=started.company, invoice_number=f"{today().year}-0007", claimed_on=today(),
    )  # fmt: skip
    company = actions.make_claim(started.dossier, started.users["company_admin"], FIRST)
    facilitator = actions.make_claim(started.dossier, started.users["facilitator"], INVOICE_1)
    assert company.invoice_number == f"{today().year}-0008"
    assert facilitator.invoice_number == f"{today().year}-0001"
    assert facilitator.issuer == started.facilitator_org


@pytest.mark.parametrize("role", NOT_THE_COMPANY)
def test_only_the_company_admin_makes_the_company_payments(started, role):
    actions.refresh_claims(started.dossier)
    before = stored(started)
    with pytest.raises(PermissionDenied):
        actions.make_claim(started.dossier, started.users[role], FIRST)
    assert stored(started) == before


@pytest.mark.parametrize("role", NOT_THE_FACILITATOR)
def test_only_a_facilitator_makes_its_invoices(started, role):
    actions.refresh_claims(started.dossier)
    before = stored(started)
    with pytest.raises(PermissionDenied):
        actions.make_claim(started.dossier, started.users[role], INVOICE_1)
    assert stored(started) == before


def test_a_claim_not_due_is_refused_with_the_reason(running):
    with pytest.raises(InvalidDossier) as caught:
        actions.make_claim(running.dossier, running.users["company_admin"], FIRST)
    [error] = caught.value.errors
    assert error.path == "kind" and "aucune séance n'est signée" in error.message
    assert not running.dossier.claims.filter(kind=FIRST).exists()


def test_a_claim_is_made_once(started):
    actions.make_claim(started.dossier, started.users["company_admin"], FIRST)
    with pytest.raises(InvalidDossier, match="déjà demandée"):
        actions.make_claim(started.dossier, started.users["company_admin"], FIRST)
    assert started.dossier.claims.filter(kind=FIRST).count() == 1


def test_an_unknown_kind_is_named(started):
    with pytest.raises(InvalidDossier) as caught:
        actions.make_claim(started.dossier, started.users["company_admin"], "bonus")
    assert caught.value.errors[0].path == "kind"


# --- mark_paid, reject ---------------------------------------------------------------------


@pytest.fixture
def claimed(started):
    claim = actions.make_claim(started.dossier, started.users["company_admin"], FIRST)
    return started, claim


def test_the_opco_marks_a_claim_paid(claimed):
    world, claim = claimed
    paid = actions.mark_paid(world.dossier, world.users["opco_staff"], claim, today())
    assert (paid.state, paid.paid_on, paid.decided_by) == (
        State.PAID, today(), world.users["opco_staff"])  # fmt: skip


@pytest.mark.parametrize("role", NOT_THE_OPCO)
def test_only_the_opco_pays_or_rejects(claimed, role):
    world, claim = claimed
    before = stored(world)
    with pytest.raises(PermissionDenied):
        actions.mark_paid(world.dossier, world.users[role], claim, today())
    with pytest.raises(PermissionDenied):
        actions.reject(world.dossier, world.users[role], claim, "Non.")
    assert stored(world) == before


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (1, "ne peut pas être dans le futur"),
        (-1, "ne peut pas précéder la demande"),
    ],
)
def test_a_payment_date_is_neither_future_nor_before_the_claim(claimed, day, message):
    world, claim = claimed
    before = stored(world)
    with pytest.raises(InvalidDossier) as caught:
        actions.mark_paid(
            world.dossier, world.users["opco_staff"], claim, today() + dt.timedelta(days=day)
        )
    assert caught.value.errors[0].path == "paid_on" and message in caught.value.errors[0].message
    assert stored(world) == before


def test_a_payment_date_must_be_a_date(claimed):
    world, claim = claimed
    with pytest.raises(InvalidDossier, match="date obligatoire"):
        actions.mark_paid(world.dossier, world.users["opco_staff"], claim, "hier")


def test_only_a_claimed_claim_is_paid_and_only_once(claimed):
    world, claim = claimed
    due = world.dossier.claims.get(kind=INVOICE_1)
    with pytest.raises(InvalidDossier, match="seule une demande faite"):
        actions.mark_paid(world.dossier, world.users["opco_staff"], due, today())
    actions.mark_paid(world.dossier, world.users["opco_staff"], claim, today())
    with pytest.raises(InvalidDossier, match="payée"):
        actions.reject(world.dossier, world.users["opco_staff"], claim, "Trop tard.")


def test_a_claim_of_another_dossier_is_unknown(claimed):
    world, claim = claimed
    other = factories.dossier(world.company, "running")
    with pytest.raises(InvalidDossier, match="inconnue"):
        actions.mark_paid(other, world.users["opco_staff"], claim, today())


def test_a_rejection_needs_a_reason_and_the_claim_may_be_made_again(claimed):
    world, claim = claimed
    with pytest.raises(InvalidDossier) as caught:
        actions.reject(world.dossier, world.users["opco_staff"], claim, "  ")
    assert caught.value.errors[0].path == "reason"
    rejected = actions.reject(world.dossier, world.users["opco_staff"], claim, "SIRET absent")
    assert (rejected.state, rejected.rejected_on, rejected.rejection_reason) == (
        State.REJECTED, today(), "SIRET absent")  # fmt: skip
    again = actions.make_claim(world.dossier, world.users["company_admin"], FIRST)
    assert again.pk != claim.pk and again.invoice_number == f"{today().year}-0002"
    assert world.dossier.claims.filter(kind=FIRST).count() == 2


# --- the facilitator's hours ---------------------------------------------------------------


def test_the_facilitator_logs_its_hours(running):
    entry = actions.log_facilitator_hours(
        running.dossier, running.users["facilitator"], today(), "3,5", "Préparation du bilan"
    )
    assert (entry.hours, entry.author, entry.activity) == (
        Decimal("3.50"), running.users["facilitator"], "Préparation du bilan")  # fmt: skip
    assert running.dossier.events.filter(section="facilitator_log").exists()


def test_the_hours_are_capped_at_14_with_a_french_error(running):
    fac = running.users["facilitator"]
    actions.log_facilitator_hours(running.dossier, fac, today(), 7, "Référentiel")
    actions.log_facilitator_hours(running.dossier, fac, today(), 6.5, "Parcours")
    before = stored(running)
    with pytest.raises(InvalidDossier) as caught:
        actions.log_facilitator_hours(running.dossier, fac, today(), 1, "Bilan")
    [error] = caught.value.errors
    assert error.path == "hours"
    assert "13,5 h déjà enregistrées, il reste 0,5 h" in error.message.replace("\xa0", " ")
    assert stored(running) == before
    actions.log_facilitator_hours(running.dossier, fac, today(), "0.5", "Bilan")
    assert actions.logged_hours(running.dossier) == Decimal(14)


@pytest.mark.parametrize(
    ("date", "hours", "activity", "paths"),
    [
        ("demain", "2", "Bilan", ["date"]),
        (None, "0", "", ["date", "hours", "activity"]),
        ("future", "deux", "Bilan", ["date", "hours"]),
    ],
)
def test_bad_hours_name_each_field(running, date, hours, activity, paths):
    if date == "future":
        date = today() + dt.timedelta(days=1)
    with pytest.raises(InvalidDossier) as caught:
        actions.log_facilitator_hours(
            running.dossier, running.users["facilitator"], date, hours, activity
        )
    assert [e.path for e in caught.value.errors] == paths
    assert not FacilitatorLog.objects.exists()


@pytest.mark.parametrize("role", NOT_THE_FACILITATOR)
def test_only_the_facilitator_logs_hours(running, role):
    with pytest.raises(PermissionDenied):
        actions.log_facilitator_hours(running.dossier, running.users[role], today(), 1, "X")
    assert not FacilitatorLog.objects.exists()


def test_no_hours_on_a_refused_dossier(world):
    factories.Dossier.objects.filter(pk=world.dossier.pk).update(status="refused")
    world.dossier.refresh_from_db()
    with pytest.raises(PermissionDenied):
        actions.log_facilitator_hours(world.dossier, world.users["facilitator"], today(), 1, "X")


# --- what the document shows, to whom ----------------------------------------------------------


def test_the_document_holds_the_claims_and_hours_for_the_money_side_only(started):
    actions.make_claim(started.dossier, started.users["company_admin"], FIRST)
    actions.log_facilitator_hours(
        started.dossier, started.users["facilitator"], today(), 2, "Bilan"
    )
    full = convert.document(started.dossier)
    assert {c["kind"]: c["state"] for c in full["claims"]} == {INVOICE_1: "due", FIRST: "claimed"}
    assert full["facilitator_log"][0]["hours"] == 2
    for role in ("company_admin", "facilitator", "opco_staff"):
        assert "claims" in perms.document_for(started.users[role], started.dossier)
    for role in ("tutor", "trainer", "learner"):
        seen = perms.document_for(started.users[role], started.dossier)
        assert "claims" not in seen and "facilitator_log" not in seen


def test_an_imported_file_does_not_bring_claims(world):
    data = factories.example()
    data["claims"] = [{"kind": FIRST, "amount": 1000, "state": "paid", "due_on": "2027-01-01"}]
    row = factories.dossier(world.company, "draft", data)
    assert "claims" not in row.content and "claims" not in convert.document(row)
