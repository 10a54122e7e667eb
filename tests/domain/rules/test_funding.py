"""FIN-01..04: the financing table, the final payment's conditions, the facilitator's
invoices, funded hours."""

import pytest

from tests.domain.factories import findings, paths, session


@pytest.fixture
def data(valid_dossier_data):
    return valid_dossier_data


def test_fin_01_shows_the_financing_table_with_afest_and_facilitator(data):
    (finding,) = findings(data, "FIN-01")
    assert (finding.path, finding.severity.value) == ("funding", "info")
    assert "Total : 5\u202f500\u00a0€" in finding.message


def test_fin_01_drops_the_afest_bonus_and_the_facilitator(data):
    data["facilitator"] = None
    data["modules"][3]["adaptation"] = "dispense"
    (finding,) = findings(data, "FIN-01")
    assert "Total : 2\u202f500\u00a0€" in finding.message


def complete(data):
    data["status"] = "completed"
    data["documents"].append({"kind": "certificat_realisation", "date": "2028-01-03"})
    data["reviews"][0]["held_date"] = "2027-02-25"
    data["reviews"][2]["held_date"] = "2027-12-20"
    data["attestation"] = {"date": "2028-01-03", "competences": []}
    return data


def test_fin_02_accepts_a_complete_closing(data):
    assert findings(complete(data), "FIN-02") == []


def test_fin_02_lists_each_missing_piece(data):
    data["status"] = "completed"
    assert paths(data, "FIN-02") == ["documents", "reviews", "reviews", "attestation"]
    assert {f.severity.value for f in findings(data, "FIN-02")} == {"bloquant"}


def test_fin_02_wants_a_held_suivi_review(data):
    complete(data)
    data["reviews"][0]["held_date"] = None
    assert paths(data, "FIN-02") == ["reviews"]


def test_fin_02_asks_nothing_more_after_a_rupture(data):
    data["status"] = "terminated"
    data["rupture"] = {
        "date": "2027-05-01",
        "reason": "Démission",
        "opco_informed_on": "2027-05-03",
    }
    assert findings(data, "FIN-02") == []


def test_fin_02_gives_nothing_before_closing(data):
    data["status"] = "running"
    assert findings(data, "FIN-02", as_of="2028-02-01") == []


def test_fin_03_shows_two_facilitator_invoices(data):
    (finding,) = findings(data, "FIN-03")
    assert (finding.path, finding.severity.value) == ("facilitator", "info")
    assert "Facture 1" in finding.message and "Facture 2" in finding.message


def test_fin_03_only_the_first_invoice_after_a_rupture(data):
    data["rupture"] = {"date": "2027-05-01", "reason": "Démission"}
    (finding,) = findings(data, "FIN-03")
    assert "Facture 2" not in finding.message
    assert "seule la première" in finding.message


def test_fin_03_is_silent_without_facilitator(data):
    data["facilitator"] = None
    assert findings(data, "FIN-03") == []


def test_fin_04_funds_attended_hours_up_to_as_of(data):
    data["status"] = "running"
    data["funding"] = {"hourly_rate": 10}
    data["sessions"] = [
        session(1, "M1", "2027-03-01", hours=7, attended_hours=5),
        session(2, "M1", "2027-03-02", hours=7),  # signed: 7 h
        session(3, "M1", "2027-03-03", hours=7, learner_signed=False),  # nothing
        session(4, "M1", "2027-03-10", hours=7),  # after as_of
    ]
    (finding,) = findings(data, "FIN-04", as_of="2027-03-05")
    assert (finding.path, finding.severity.value) == ("funding.hourly_rate", "info")
    assert "12\u00a0h × 10\u00a0€ = 120\u00a0€" in finding.message


def test_fin_04_is_silent_without_hourly_rate(data):
    data["status"] = "running"
    assert findings(data, "FIN-04", as_of="2027-03-05") == []


def test_fin_04_gives_nothing_before_acceptance(data):
    data["funding"] = {"hourly_rate": 10}
    assert findings(data, "FIN-04", as_of="2027-03-05") == []
