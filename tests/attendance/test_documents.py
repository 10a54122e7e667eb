"""Signatures reach the document only through `convert.document`: the records in chain
order, the sessions' signed flags and attended hours derived from them (ATT-01, FIN-04),
the agreement from the row. The stored content never holds them; an import carrying them
is refused; the sessions section is no longer written by hand."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parcours.attendance import actions as attendance
from parcours.dossiers import actions, convert, lifecycle
from parcours.dossiers.errors import InvalidDossier
from parcours.dossiers.models import Dossier
from tests import factories


def _findings(row, rule):
    return [f for f in lifecycle.report_at(row).findings if f.rule == rule]


def test_the_document_carries_the_records_and_derives_the_sessions(running):
    row, users = running.dossier, running.users
    attendance.sign_session(row, users["learner"], "S1", signer="learner")
    attendance.record_absence(row, users["facilitator"], "S2", signer="learner", reason="Bus")
    with CaptureQueriesContext(connection) as queries:
        data = convert.document(row)
    # One query for the records (two read the money: parcours.funding; one the tutor's
    # other contracts: TUT-05).
    assert len([q for q in queries if "attendance_signature" in q["sql"]]) == 1
    assert len(queries) <= 4
    assert [(r["seq"], r["session"], r["method"]) for r in data["attendance"]] == [
        (1, "S1", "account"),
        (2, "S2", "declared"),
    ]
    sessions = {s.id: s for s in convert.to_domain(row).sessions}
    assert (sessions["S1"].learner_signed, sessions["S1"].attended_hours) == (True, 3.5)
    assert (sessions["S2"].learner_signed, sessions["S2"].attended_hours) == (False, 0)
    assert sessions["S1"].trainer_signed is False
    assert "attendance" not in row.content
    assert all("learner_signed" not in s for s in row.content["sessions"])


def test_att_01_follows_the_signatures(running):
    row, users = running.dossier, running.users
    paths = {f.path for f in _findings(row, "ATT-01")}
    assert {"sessions[0].learner_signed", "sessions[0].trainer_signed"} <= paths
    assert "sessions[1].learner_signed" in paths
    attendance.sign_session(row, users["learner"], "S1", signer="learner")
    attendance.sign_session(row, users["trainer"], "S1", signer="trainer")
    attendance.record_absence(row, users["company_admin"], "S2", signer="learner", reason="x")
    assert [f.path for f in _findings(row, "ATT-01")] == []


def test_fin_04_counts_the_signed_hours_only(running):
    row, users = running.dossier, running.users
    row.content = {**row.content, "funding": {"hourly_rate": 10.0}}
    row.save(update_fields=["content"])
    [before] = _findings(row, "FIN-04")
    assert ": 0\xa0h × 10\xa0€ = 0\xa0€ financés" in before.message
    attendance.sign_session(row, users["learner"], "S1", signer="learner")
    [after] = _findings(row, "FIN-04")
    assert ": 3,5\xa0h × 10\xa0€ = 35\xa0€ financés" in after.message
    attendance.record_absence(row, users["company_admin"], "S2", signer="learner", reason="x")
    assert _findings(row, "FIN-04")[0].message == after.message


def test_the_agreement_comes_from_the_row(world):
    row = world.dossier
    assert "agreement" not in convert.document(row)
    row.agreement_number, row.agreement_date = "ACC-2026-17", dt.date(2026, 12, 10)
    assert convert.document(row)["agreement"] == {"number": "ACC-2026-17", "date": "2026-12-10"}
    assert convert.to_domain(row).agreement.number == "ACC-2026-17"


def test_a_write_never_stores_attendance_agreement_nor_signed_flags(running):
    row = running.dossier
    Dossier.objects.filter(pk=row.pk).update(status="draft")
    row.refresh_from_db()
    attendance_free = convert.document(row)
    sessions = [
        {**s, "learner_signed": True, "trainer_signed": True, "attended_hours": 3}
        for s in attendance_free["sessions"]
    ]
    data = {
        **attendance_free,
        "sessions": sessions,
        "agreement": {"number": "X", "date": "2027-01-01"},
    }
    convert.apply_document(row, data)
    assert "agreement" not in row.content and "attendance" not in row.content
    assert all(set(s) & set(convert.SIGNED_FLAGS) == set() for s in row.content["sessions"])


def test_stored_flags_of_old_rows_are_not_read_as_signatures(running):
    row = running.dossier
    row.content["sessions"][0]["learner_signed"] = True
    row.save(update_fields=["content"])
    assert convert.to_domain(row).sessions[0].learner_signed is False


def _import_data(w, **changes):
    data = factories.example()
    data["company"] = w.company.as_party()
    return data | changes


def test_an_import_with_attendance_records_is_refused_naming_the_field(running):
    row, users = running.dossier, running.users
    attendance.sign_session(row, users["learner"], "S1", signer="learner")
    exported = convert.document(row)
    exported["company"] = running.company.as_party()
    count = Dossier.objects.count()
    with pytest.raises(InvalidDossier) as caught:
        actions.import_dossier(users["company_admin"], running.company, exported)
    [error] = caught.value.errors
    assert error.path == "attendance" and "recueillies dans parcours" in error.message
    assert Dossier.objects.count() == count


def test_an_import_with_signed_sessions_is_refused_naming_the_session(world):
    sessions = [{"id": "S1", "module": "M2", "date": "2027-01-20", "hours": 3.5,
                 "trainer_signed": True}]  # fmt: skip
    count = Dossier.objects.count()
    with pytest.raises(InvalidDossier) as caught:
        actions.import_dossier(
            world.users["company_admin"], world.company, _import_data(world, sessions=sessions)
        )
    [error] = caught.value.errors
    assert error.path == "sessions[0].trainer_signed" and "S1" in error.message
    assert Dossier.objects.count() == count


def test_the_api_import_answers_422_with_the_field(world, api_as):
    sessions = [{"id": "S1", "module": "M2", "date": "2027-01-20", "hours": 3.5,
                 "learner_signed": True}]  # fmt: skip
    answer = api_as("company_admin")(
        "post", "/api/dossiers/import", _import_data(world, sessions=sessions)
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["path"] == "sessions[0].learner_signed"


@pytest.mark.parametrize("role", ["company_admin", "facilitator", "trainer", "learner", "tutor"])
def test_put_sessions_with_signed_flags_is_refused_and_changes_nothing(running, api_as, role):
    row = running.dossier
    before = (row.version, row.content, row.signatures.count())
    sessions = [
        {**s, "trainer_signed": True, "learner_signed": True} for s in row.content["sessions"]
    ]
    answer = api_as(role)(
        "put",
        f"/api/dossiers/{row.pk}/sections/sessions",
        {"version": row.version, "data": sessions},
    )
    assert answer.status_code == 403
    row.refresh_from_db()
    assert (row.version, row.content, row.signatures.count()) == before
    assert convert.to_domain(row).sessions[0].trainer_signed is False
