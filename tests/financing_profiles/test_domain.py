"""Financing by profile (guide « Les financements », convention art. 7 and 9, FIN-04): a
company's first contracts get the forfait, an experienced company is funded by the hour
attended and gets no facilitator funding. Each function on both profiles."""

import datetime as dt

import pytest

from parcours.domain.claims import due_claims, outlook, reason_not_due
from parcours.domain.dossier import ClaimKind
from parcours.domain.figures import Figures
from parcours.domain.financing import (
    HOURS_LABEL,
    company_payments,
    cost_lines,
    facilitator_invoices,
    financing_table,
    hour_based,
    remaining_cost,
)
from parcours.domain.loading import parse_dossier
from tests.domain.factories import findings

FIRST, FINAL = ClaimKind.FIRST_PAYMENT, ClaimKind.FINAL_PAYMENT
INVOICE_1 = ClaimKind.FACILITATOR_INVOICE_1
AS_OF = dt.date(2028, 1, 10)


def session(n, module, date, signed=True, attended=None):
    s = {"id": f"S{n}", "module": module, "date": date, "hours": 3.5, "learner_signed": signed}
    if attended is not None:
        s["attended_hours"] = attended
    return s


@pytest.fixture
def data(valid_dossier_data):
    data = valid_dossier_data
    data["status"] = "running"
    data["agreement"] = {"number": "A-1", "date": "2026-12-10"}
    data["as_of"] = AS_OF.isoformat()
    return data


def experienced(data, rate=40.0):
    data["company"]["first_contract"] = False
    data["funding"] = {"hourly_rate": rate}
    return data


def closed(data):
    data["sessions"] = [
        session(1, "M1", "2027-01-12"),  # 3.5 h signed
        session(2, "M2", "2027-02-02", attended=2),  # 2 h attended of 3.5
        session(3, "M3", "2027-03-02", signed=False),  # not attended
    ]
    data["documents"].append({"kind": "certificat_realisation", "date": "2028-01-03"})
    data["reviews"][0]["held_date"] = "2027-02-25"
    data["reviews"][2]["held_date"] = "2027-12-20"
    data["attestation"] = {"date": "2028-01-04", "competences": []}
    return data


def figures(data):
    return Figures(parse_dossier(data))


def test_profile_follows_first_contract(data):
    assert not hour_based(parse_dossier(data))
    assert hour_based(parse_dossier(experienced(data)))


def test_financing_table_first_contract_is_the_forfait(data):
    lines = financing_table(figures(data))
    assert [line.amount for line in lines][:2] == [2500, 2500]


def test_financing_table_experienced_is_hours_times_rate_without_facilitator(data):
    f = figures(experienced(data))
    facilitator, parcours = financing_table(f)
    assert facilitator.amount == 0 and "premiers contrats" in facilitator.comment
    hours = f.parcours_hours - f.facilitator_hours
    assert parcours.hours == hours and parcours.amount == pytest.approx(hours * 40)
    assert "heures non suivies" in parcours.comment


def test_payments_first_contract_two_experienced_one(data):
    assert [p.amount for p in company_payments(figures(data))] == [1000, 1500]
    f = figures(experienced(data))
    (only,) = company_payments(f)
    assert only.label == HOURS_LABEL and "40" in only.due


def test_facilitator_invoices_only_for_first_contracts(data):
    assert len(facilitator_invoices(figures(data))) == 2
    assert facilitator_invoices(figures(experienced(data))) == []


def test_cost_lines_experienced_fund_each_line_by_the_hour(data):
    for m in data["modules"]:
        m["real_cost"] = 1000
    forfait = cost_lines(figures(data))
    assert forfait[2].funded is None  # internal: included in the parcours forfait
    f = figures(experienced(data, rate=10))
    facilitator, external, internal, afest = cost_lines(f)
    assert facilitator.funded == 0
    assert external.funded == external.hours * 10 and internal.funded == internal.hours * 10
    assert afest.funded == afest.hours * 10
    # The rate is the OPCO's funding, not a cost estimate: the real costs are the modules'.
    assert external.real_cost == 2000  # M1 + M3
    funded = sum(line.funded for line in (external, internal, afest))
    assert remaining_cost(f) == pytest.approx(max(0, 2500 + 5000 - funded))


def test_claims_first_contract_keep_the_forfait(data):
    closed(data)
    assert set(due_claims(parse_dossier(data), AS_OF)) >= set()
    kinds = {o.kind for o in due_claims(parse_dossier(data), AS_OF)}
    assert FIRST in kinds and FINAL in kinds and INVOICE_1 in kinds


def test_claims_experienced_one_payment_of_the_hours_attended(data):
    closed(experienced(data))
    (only,) = due_claims(parse_dossier(data), AS_OF)
    assert only.kind == FINAL and only.label == HOURS_LABEL
    assert only.amount == pytest.approx((3.5 + 2) * 40)  # the unsigned session is not paid
    assert only.due_on == dt.date(2028, 1, 4)
    assert "expérimentée" in reason_not_due(parse_dossier(data), FIRST, AS_OF)
    assert "expérimentée" in reason_not_due(parse_dossier(data), INVOICE_1, AS_OF)


def test_claims_experienced_wait_for_the_fin_02_pieces(data):
    experienced(data)
    data["sessions"] = [session(1, "M1", "2027-01-12")]
    (o,) = outlook(parse_dossier(data), AS_OF)
    assert o.due_on is None and "certificat de réalisation" in o.reason


def test_claims_experienced_after_a_rupture_need_the_certificat_only(data):
    experienced(data)
    data["sessions"] = [session(1, "M1", "2027-01-12")]
    data["status"] = "terminated"
    data["rupture"] = {"date": "2027-05-01", "reason": "Démission"}
    (o,) = outlook(parse_dossier(data), AS_OF)
    assert o.due_on is None
    data["documents"].append({"kind": "certificat_realisation", "date": "2027-05-10"})
    (o,) = due_claims(parse_dossier(data), AS_OF)
    assert (o.amount, o.due_on) == (3.5 * 40, dt.date(2027, 5, 10))


def test_claims_experienced_without_rate_never_due(data):
    closed(experienced(data, rate=None))
    data["funding"] = {"hourly_rate": None}
    (o,) = outlook(parse_dossier(data), AS_OF)
    assert o.due_on is None and "taux horaire" in o.reason


def test_fin_01_tells_the_opco_to_set_the_rate(data):
    data["company"]["first_contract"] = False
    found = findings(data, "FIN-01")
    assert len(found) == 1 and found[0].path == "funding.hourly_rate"
    assert "taux horaire" in found[0].message and "OPCO" in found[0].fix


def test_fin_01_experienced_with_rate_says_hour_based(data):
    found = findings(experienced(data), "FIN-01")
    assert len(found) == 1 and "forfait horaire" in found[0].message
    assert "tiers facilitateur n'est pas financé" in found[0].message


def test_fin_01_first_contract_unchanged(data):
    found = findings(data, "FIN-01")
    assert "Accompagnement du tiers facilitateur : 2\u202f500\xa0€" in found[0].message


def test_fin_03_no_invoice_schedule_for_an_experienced_company(data):
    assert findings(data, "FIN-03")
    assert not findings(experienced(data), "FIN-03")
