"""The money's API: list, make, pay, reject, hours, real costs; every role."""

import datetime as dt

import pytest
from django.utils import timezone

from parcours.funding.models import State

pytestmark = pytest.mark.django_db


def base(world) -> str:
    return f"/api/dossiers/{world.dossier.pk}"


def today() -> str:
    return timezone.localdate().isoformat()


def test_the_list_creates_what_became_due_and_says_why_the_rest_is_not(api_as, started):
    response = api_as("company_admin")("get", f"{base(started)}/claims")
    assert response.status_code == 200
    body = response.json()
    assert {c["kind"]: c["state"] for c in body["claims"]} == {
        "first_payment": "due", "facilitator_invoice_1": "due"}  # fmt: skip
    pending = {p["kind"]: p["reason"] for p in body["not_due"]}
    assert set(pending) == {"final_payment", "facilitator_invoice_2"}
    assert "FIN-02" in pending["final_payment"]


@pytest.mark.parametrize("role", ["tutor", "trainer", "learner"])
def test_the_money_is_hidden_from_tutor_trainer_and_learner(api_as, started, role):
    api_as("company_admin")("get", f"{base(started)}/claims")  # the due claims exist
    assert "claims" in api_as("company_admin")("get", base(started)).json()["document"]
    call = api_as(role)
    assert call("get", f"{base(started)}/claims").status_code == 403
    assert call("get", f"{base(started)}/facilitator-hours").status_code == 403
    assert "claims" not in call("get", base(started)).json()["document"]


def test_outsiders_do_not_see_the_dossier(api_as, started):
    assert api_as("company_admin_other")("get", f"{base(started)}/claims").status_code == 404


def test_make_pay_and_reject_through_the_api(api_as, started):
    made = api_as("company_admin")("post", f"{base(started)}/claims", {"kind": "first_payment"})
    assert made.status_code == 201
    claim = made.json()
    assert claim["state"] == "claimed" and claim["invoice_number"].endswith("-0001")
    # Only the OPCO pays.
    url = f"{base(started)}/claims/{claim['id']}/paid"
    assert api_as("company_admin")("post", url, {"paid_on": today()}).status_code == 403
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    refused = api_as("opco_staff")("post", url, {"paid_on": future})
    assert refused.status_code == 422 and refused.json()["errors"][0]["path"] == "paid_on"
    paid = api_as("opco_staff")("post", url, {"paid_on": today()})
    assert paid.status_code == 200 and paid.json()["state"] == State.PAID
    again = api_as("opco_staff")(
        "post", f"{base(started)}/claims/{claim['id']}/rejected", {"reason": "Doublon"}
    )
    assert again.status_code == 422


def test_a_facilitator_makes_only_its_invoices(api_as, started):
    call = api_as("facilitator")
    assert call("post", f"{base(started)}/claims", {"kind": "first_payment"}).status_code == 403
    made = call("post", f"{base(started)}/claims", {"kind": "facilitator_invoice_1"})
    assert made.status_code == 201
    not_due = call("post", f"{base(started)}/claims", {"kind": "facilitator_invoice_2"})
    assert not_due.status_code == 422 and "bilan final" in not_due.json()["errors"][0]["message"]


def test_an_unknown_claim_is_404(api_as, started):
    url = f"{base(started)}/claims/999999/paid"
    assert api_as("opco_staff")("post", url, {"paid_on": today()}).status_code == 404


def test_hours_through_the_api(api_as, started):
    url = f"{base(started)}/facilitator-hours"
    body = {"date": today(), "hours": 7, "activity": "Rédaction du parcours"}
    assert api_as("company_admin")("post", url, body).status_code == 403
    logged = api_as("facilitator")("post", url, body)
    assert logged.status_code == 201 and logged.json()["logged_hours"] == 7
    api_as("facilitator")("post", url, body)
    over = api_as("facilitator")("post", url, {**body, "hours": 0.5})
    assert over.status_code == 422 and "il reste 0" in over.json()["errors"][0]["message"]
    assert api_as("opco_staff")("get", url).json()["logged_hours"] == 14


def test_real_costs_through_the_api(api_as, started):
    url = f"{base(started)}/real-costs"
    response = api_as("company_admin")("put", url, {"version": 1, "costs": {"M1": 4200.5}})
    assert response.status_code == 200
    assert response.json()["costs"]["M1"] == 4200.5 and response.json()["version"] == 2
    stale = api_as("facilitator")("put", url, {"version": 1, "costs": {"M1": 1}})
    assert stale.status_code == 409
    unknown = api_as("company_admin")("put", url, {"version": 2, "costs": {"M9": 1}})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["path"] == (
        "modules.M9.real_cost")  # fmt: skip
    assert api_as("opco_staff")("put", url, {"version": 2, "costs": {}}).status_code == 403
