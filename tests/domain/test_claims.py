"""Which funding claims are due, from the dossier alone (convention art. 7 and 9, FIN-02):
each condition on both sides."""

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parcours.domain.claims import claimable, due_claims, outlook, reason_not_due
from parcours.domain.dossier import ClaimKind
from parcours.domain.figures import Figures
from parcours.domain.financing import (
    afest_carried_out,
    company_payments,
    cost_lines,
    facilitator_invoices,
    remaining_cost,
)
from parcours.domain.loading import parse_dossier
from tests.conftest import EXAMPLES
from tests.domain.factories import findings

FIRST, FINAL = ClaimKind.FIRST_PAYMENT, ClaimKind.FINAL_PAYMENT
INVOICE_1, INVOICE_2 = ClaimKind.FACILITATOR_INVOICE_1, ClaimKind.FACILITATOR_INVOICE_2
AS_OF = dt.date(2028, 1, 10)


def session(n, module, date, signed=True):
    return {"id": f"S{n}", "module": module, "date": date, "hours": 3.5, "learner_signed": signed}


@pytest.fixture
def data(valid_dossier_data):
    """Accepted on 2026-12-10, nothing signed yet."""
    data = valid_dossier_data
    data["status"] = "running"
    data["agreement"] = {"number": "A-1", "date": "2026-12-10"}
    data["as_of"] = AS_OF.isoformat()
    return data


def closed(data, afest_signed=False):
    """The end of the contract: sessions signed, certificat, reviews held, attestation."""
    data["sessions"] = [
        session(1, "M1", "2027-01-12"),
        session(2, "M4", "2027-02-02", signed=afest_signed),
    ]
    data["documents"].append({"kind": "certificat_realisation", "date": "2028-01-03"})
    data["reviews"][0]["held_date"] = "2027-02-25"
    data["reviews"][2]["held_date"] = "2027-12-20"
    data["attestation"] = {"date": "2028-01-04", "competences": []}
    return data


def example() -> dict:
    return json.loads((EXAMPLES / "gestionnaire-paie-valide.json").read_text(encoding="utf-8"))


def due(data, as_of=AS_OF):
    return {o.kind: o for o in due_claims(parse_dossier(data), as_of)}


def test_nothing_is_due_before_the_opco_accepts(data):
    data["status"] = "submitted"
    assert outlook(parse_dossier(closed(data)), AS_OF) == []


def test_no_first_payment_before_a_session_signed_by_the_learner(data):
    data["sessions"] = [session(1, "M1", "2027-01-12", signed=False)]
    assert FIRST not in due(data)
    reason = reason_not_due(parse_dossier(data), FIRST, AS_OF)
    assert "aucune séance n'est signée" in reason


def test_first_payment_due_from_the_first_signed_session(data):
    data["sessions"] = [
        session(2, "M1", "2027-01-19"),
        session(1, "M1", "2027-01-12", signed=False),
        session(3, "M2", "2027-01-26"),
    ]
    first = due(data)[FIRST]
    assert (first.amount, first.due_on) == (1000, dt.date(2027, 1, 19))


def test_a_session_signed_after_as_of_does_not_start_the_training(data):
    data["sessions"] = [session(1, "M1", "2027-01-19")]
    assert FIRST not in due(data, dt.date(2027, 1, 18))
    assert FIRST in due(data, dt.date(2027, 1, 19))


@pytest.mark.parametrize(
    "breaking",
    [
        lambda d: d["documents"].pop(),
        lambda d: d["reviews"][0].update(held_date=None),
        lambda d: d["reviews"][2].update(held_date=None),
        lambda d: d.update(attestation=None),
        lambda d: d["sessions"].clear(),
    ],
    ids=["certificat", "suivi", "final", "attestation", "no-signed-session"],
)
def test_second_payment_waits_for_every_fin_02_piece(data, breaking):
    closed(data)
    assert due(data)[FINAL].due_on == dt.date(2028, 1, 4)  # the last piece: the attestation
    breaking(data)
    assert FINAL not in due(data)
    assert "Pas encore due" in reason_not_due(parse_dossier(data), FINAL, AS_OF)


def test_a_piece_dated_after_as_of_is_not_held_yet(data):
    closed(data)
    assert FINAL not in due(data, dt.date(2028, 1, 3))


def test_second_payment_lists_what_is_missing(data):
    data["sessions"] = [session(1, "M1", "2027-01-12")]
    reason = reason_not_due(parse_dossier(data), FINAL, AS_OF)
    assert "le certificat de réalisation" in reason and "l'attestation" in reason
    assert "FIN-02" in reason


def test_a_planned_afest_without_a_signed_afest_session_adds_nothing(data):
    closed(data, afest_signed=False)
    final = due(data)[FINAL]
    assert final.amount == 1500
    assert not afest_carried_out(parse_dossier(data))


def test_a_held_and_signed_afest_session_adds_500_euros(data):
    closed(data, afest_signed=True)
    assert due(data)[FINAL].amount == 2000


def test_a_signed_session_of_another_module_is_not_an_afest(data):
    closed(data)
    data["sessions"].append(session(9, "M2", "2027-03-01"))
    assert due(data)[FINAL].amount == 1500


def test_after_a_rupture_only_the_first_payment_and_the_first_invoice(data):
    closed(data, afest_signed=True)
    data["status"] = "terminated"
    data["rupture"] = {"date": "2027-05-01", "reason": "Démission"}
    assert set(due(data)) == {FIRST, INVOICE_1}
    assert {o.kind for o in outlook(parse_dossier(data), AS_OF)} == {FIRST, INVOICE_1}
    assert "rompu" in reason_not_due(parse_dossier(data), FINAL, AS_OF)


def test_a_rupture_before_any_signed_session_gives_no_first_payment(data):
    data["status"] = "terminated"
    data["rupture"] = {"date": "2027-01-05", "reason": "Rupture pendant la période d'essai"}
    assert set(due(data)) == {INVOICE_1}


def test_facilitator_first_invoice_after_acceptance_second_at_the_final_review(data):
    assert due(data, dt.date(2026, 12, 10))[INVOICE_1].due_on == dt.date(2026, 12, 10)
    assert INVOICE_1 not in due(data, dt.date(2026, 12, 9))
    assert INVOICE_2 not in due(data)
    data["reviews"][2]["held_date"] = "2027-12-20"
    invoice = due(data)[INVOICE_2]
    assert (invoice.amount, invoice.due_on) == (1250, dt.date(2027, 12, 20))


def test_no_facilitator_no_invoice(data):
    data["facilitator"] = None
    closed(data)
    assert set(due(data)) == {FIRST, FINAL}


def test_claimable_leaves_out_the_claims_made_but_not_a_rejected_one(data):
    data["sessions"] = [session(1, "M1", "2027-01-12")]
    data["claims"] = [
        {"kind": "first_payment", "amount": 1000, "state": "claimed", "due_on": "2027-01-12",
         "claimed_on": "2027-01-15", "invoice_number": "2027-0001"},
        {"kind": "facilitator_invoice_1", "amount": 1250, "state": "rejected",
         "due_on": "2026-12-10", "claimed_on": "2026-12-11", "invoice_number": "2026-0001",
         "rejected_on": "2026-12-12", "rejection_reason": "Facture illisible"},
    ]  # fmt: skip
    assert {o.kind for o in claimable(parse_dossier(data), AS_OF)} == {INVOICE_1}


@settings(max_examples=60, deadline=None)
@given(
    signed=st.lists(st.tuples(st.sampled_from(["M1", "M2", "M4"]), st.booleans()), max_size=6),
    ruptured=st.booleans(),
    days=st.integers(min_value=0, max_value=500),
)
def test_due_claims_never_exceed_the_convention(signed, ruptured, days):
    """Whatever was signed: at most 1,000 + 2,000 € for the company, 2 × 1,250 € for the
    facilitator; after a rupture, at most the first of each; the first payment exactly when
    a session up to as_of is signed by the learner."""
    data = closed(dict(example(), status="running"))
    data["sessions"] = [
        session(i, m, (dt.date(2027, 1, 4) + dt.timedelta(days=7 * i)).isoformat(), s)
        for i, (m, s) in enumerate(signed)
    ]
    if ruptured:
        data.update(status="terminated", rupture={"date": "2027-06-01", "reason": "Démission"})
    as_of = dt.date(2027, 1, 1) + dt.timedelta(days=days)
    d = parse_dossier(data)
    found = {o.kind: o for o in due_claims(d, as_of)}
    company = sum(o.amount for k, o in found.items() if k in (FIRST, FINAL))
    assert company <= (1000 if ruptured else 3000)
    assert sum(o.amount for k, o in found.items() if k in (INVOICE_1, INVOICE_2)) <= (
        1250 if ruptured else 2500
    )
    started = any(s.learner_signed and s.date <= as_of for s in d.sessions)
    assert (FIRST in found) == started
    assert all(o.due_on <= as_of for o in found.values())


# --- the table, its wording and the real costs ----------------------------------------------


def test_fin_01_says_the_afest_bonus_needs_a_signed_afest_session(data):
    (finding,) = findings(data, "FIN-01", as_of="2027-03-01")
    assert "seulement si une séance AFEST est effectivement tenue et signée" in finding.message
    data["sessions"] = [session(1, "M4", "2027-02-02")]
    (finding,) = findings(data, "FIN-01", as_of="2027-03-01")
    assert "accordés : une séance AFEST a été tenue et signée" in finding.message


def test_the_payment_schedule_adds_the_afest_bonus_only_once_carried_out(data):
    d = parse_dossier(data)
    second = company_payments(Figures(d))[1]
    assert second.amount == 1500 and "si une séance AFEST est tenue et signée" in second.due
    data["sessions"] = [session(1, "M4", "2027-02-02")]
    second = company_payments(Figures(parse_dossier(data)))[1]
    assert second.amount == 2000 and second.label == "Second versement (dont AFEST)"


def test_real_costs_fill_the_table_and_the_remaining_cost(data):
    costs = {"M1": 4200, "M3": 2240.5, "M2": 1500, "M5": 300, "M4": 0}
    for m in data["modules"]:
        m["real_cost"] = costs[m["id"]]
    f = Figures(parse_dossier(data))
    facilitator, external, internal, afest = cost_lines(f)
    assert facilitator.real_cost == 2500
    assert external.real_cost == 6440.5  # M1 + M3
    assert internal.real_cost == 1800  # M2 + M5 (évaluation)
    assert afest.real_cost == 0
    # 2,500 (facilitator) + 6,440.5 + 1,800 + 0 real, 2,500 + 2,500 + 500 funded.
    assert remaining_cost(f) == pytest.approx(10740.5 - 5500)


def test_remaining_cost_unknown_while_a_module_has_no_cost(data):
    for m in data["modules"]:
        m["real_cost"] = 100
    del data["modules"][2]["real_cost"]  # M3, externe
    f = Figures(parse_dossier(data))
    assert cost_lines(f)[1].real_cost is None and remaining_cost(f) is None
    data["funding"] = {"hourly_rate": 10}  # M3's 56 h at the hourly rate
    assert cost_lines(Figures(parse_dossier(data)))[1].real_cost == 100 + 560


def test_remaining_cost_is_never_negative(data):
    for m in data["modules"]:
        m["real_cost"] = 10
    assert remaining_cost(Figures(parse_dossier(data))) == 0


def test_real_cost_must_not_be_negative(data):
    data["modules"][0]["real_cost"] = -1
    with pytest.raises(Exception, match="real_cost"):
        parse_dossier(data)


def test_after_a_rupture_the_schedule_and_fin_02_no_longer_ask_for_the_second_payments(data):
    """The article 9 table and the facilitator's schedule list only the first payment and the
    first invoice; FIN-02 asks nothing for a second payment that will never be due."""
    closed(data, afest_signed=True)
    del data["attestation"]
    data["status"] = "terminated"
    data["rupture"] = {"date": "2027-05-01", "reason": "Démission"}
    f = Figures(parse_dossier(data))
    assert [p.label for p in company_payments(f)] == ["Premier versement"]
    assert sum(p.amount for p in company_payments(f)) == 1000
    assert [p.amount for p in facilitator_invoices(f)] == [1250]
    assert findings(data, "FIN-02") == []
    assert "seule la première est due" in findings(data, "FIN-03")[0].message
    data.update(status="completed", rupture=None)
    f = Figures(parse_dossier(data))
    assert [p.amount for p in company_payments(f)] == [1000, 2000]
    assert len(facilitator_invoices(f)) == 2
    assert [x.path for x in findings(data, "FIN-02")] == ["attestation"]


def test_a_session_dated_exactly_on_as_of_counts_as_held(data):
    """The day itself is included: hours attended, the first payment due that day, the
    AFEST bonus carried out that day; the day before, none of them."""
    from parcours.domain.financing import attended_hours

    data["sessions"] = [session(1, "M4", "2027-02-02")]
    d = parse_dossier(data)
    day = dt.date(2027, 2, 2)
    assert attended_hours(d, day) == 3.5
    assert afest_carried_out(d, day)
    assert due(data, day)[FIRST].due_on == day
    before = day - dt.timedelta(days=1)
    assert attended_hours(d, before) == 0
    assert not afest_carried_out(d, before)
    assert FIRST not in due(data, before)
