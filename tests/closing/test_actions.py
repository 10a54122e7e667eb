"""The writers of the contract's end (`parcours.closing.actions`): who may, in which state,
which dates (both sides of each limit), the OPCO's acknowledgment locking the rupture, the
attestation prepared from the right review, and closing the contract."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from parcours.closing import actions as closing
from parcours.dossiers import actions, lifecycle
from parcours.dossiers.errors import InvalidDossier, StaleDossier, TransitionRefused
from tests import factories
from tests.closing.conftest import (
    COMPETENCES,
    START,
    TODAY,
    hold,
    live_world,
    sign_learner,
    version,
)

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
COMPANY_SIDE = ("company_admin", "facilitator")
OTHERS = ("tutor", "trainer", "learner", "opco_staff", "company_admin_other",
          "facilitator_other")  # fmt: skip


def declare(w, role="company_admin", **fields):
    fields = {"date": TODAY - 2 * DAY, "reason_code": "demission"} | fields
    return closing.declare_rupture(w.dossier, w.users[role], version(w.dossier), **fields)


def errors_of(raised) -> dict[str, str]:
    return {e.path: e.message for e in raised.value.errors}


def blocking(row) -> set[str]:
    return {f.rule for f in lifecycle.report_at(row).findings if f.severity == "bloquant"}


# --- declaring --------------------------------------------------------------------------


@pytest.mark.parametrize("role", COMPANY_SIDE)
def test_the_company_side_declares_a_rupture_and_the_contract_ends(live, role):
    declare(live, role, reason_code="commun_accord")
    row = live.dossier
    row.refresh_from_db()
    assert row.status == "terminated"
    assert row.content["rupture"] == {
        "date": "2026-11-20", "reason": "Rupture d'un commun accord", "opco_informed_on": None,
        "reason_code": "commun_accord", "acknowledged_on": None,
    }  # fmt: skip
    event = row.events.first()
    assert (event.kind, event.to_status) == ("transition", "terminated")
    assert "Rupture au 20/11/2026 : Rupture d'un commun accord" in event.comment


@pytest.mark.parametrize("role", OTHERS)
def test_nobody_else_declares_a_rupture_and_nothing_is_written(live, role):
    before = version(live.dossier)
    with pytest.raises(PermissionDenied):
        declare(live, role)
    live.dossier.refresh_from_db()
    assert (live.dossier.status, live.dossier.version) == ("running", before)
    assert "rupture" not in live.dossier.content or live.dossier.content["rupture"] is None


def test_an_accepted_contract_can_be_broken_off_too(db):
    w = live_world(status="accepted")
    declare(w)
    w.dossier.refresh_from_db()
    assert w.dossier.status == "terminated"


@pytest.mark.parametrize("status", ["draft", "submitted", "refused", "completed"])
def test_no_rupture_outside_a_live_contract(db, status):
    w = live_world(status=status)
    with pytest.raises(PermissionDenied):
        declare(w)


def test_the_rupture_date_may_be_today_not_tomorrow(live):
    with pytest.raises(InvalidDossier) as raised:
        declare(live, date=TODAY + DAY)
    assert "futur" in errors_of(raised)["rupture.date"]
    assert live.dossier.status == "running"
    declare(live, date=TODAY)
    assert live.dossier.content["rupture"]["date"] == TODAY.isoformat()


def test_the_rupture_date_may_be_the_contract_start_not_the_day_before(live):
    with pytest.raises(InvalidDossier) as raised:
        declare(live, date=START - DAY)
    assert "début du contrat (05/01/2026)" in errors_of(raised)["rupture.date"]
    declare(live, date=START)
    assert live.dossier.content["rupture"]["date"] == START.isoformat()


def test_the_rupture_date_is_required(live):
    with pytest.raises(InvalidDossier) as raised:
        declare(live, date=None)
    assert "obligatoire" in errors_of(raised)["rupture.date"]


def test_the_opco_is_informed_on_or_after_the_rupture_never_in_the_future(live):
    day = TODAY - 5 * DAY
    for informed, wrong in ((day - DAY, "précéder la rupture"), (TODAY + DAY, "futur")):
        with pytest.raises(InvalidDossier) as raised:
            declare(live, date=day, opco_informed_on=informed)
        assert wrong in errors_of(raised)["rupture.opco_informed_on"]
    declare(live, date=day, opco_informed_on=day)
    assert live.dossier.content["rupture"]["opco_informed_on"] == day.isoformat()


def test_the_reason_comes_from_the_list(live):
    with pytest.raises(InvalidDossier) as raised:
        declare(live, reason_code="caprice")
    assert "Démission" in errors_of(raised)["rupture.reason_code"]


def test_another_reason_needs_its_precision(live):
    with pytest.raises(InvalidDossier) as raised:
        declare(live, reason_code="autre", details="  ")
    assert "précisez" in errors_of(raised)["rupture.details"]
    declare(live, reason_code="autre", details="Fermeture de l'établissement")
    assert live.dossier.content["rupture"]["reason"] == "Autre motif : Fermeture de l'établissement"


def test_every_bad_field_is_named_at_once(live):
    with pytest.raises(InvalidDossier) as raised:
        declare(live, reason_code="autre", date=TODAY + DAY)
    assert set(errors_of(raised)) == {"rupture.details", "rupture.date"}


def test_a_stale_version_is_refused(live):
    with pytest.raises(StaleDossier):
        closing.declare_rupture(live.dossier, live.users["company_admin"], 99,
                                date=TODAY, reason_code="demission")  # fmt: skip
    live.dossier.refresh_from_db()
    assert live.dossier.status == "running"


# --- correcting until the OPCO acknowledges ---------------------------------------------------


def test_a_terminated_rupture_is_corrected_until_acknowledged_and_rup_01_clears(live):
    declare(live)
    assert "RUP-01" in blocking(live.dossier)
    declare(live, "facilitator", reason_code="licenciement", opco_informed_on=TODAY)
    row = live.dossier
    row.refresh_from_db()
    assert row.status == "terminated"
    assert row.content["rupture"]["reason"] == "Licenciement"
    assert "RUP-01" not in blocking(row)
    event = row.events.first()
    assert event.section == "rupture" and "Rupture corrigée" in event.comment
    assert any(c["path"] == "rupture.reason" for c in event.changes)


def test_the_opco_acknowledges_and_the_rupture_is_read_only_after(live):
    declare(live, opco_informed_on=TODAY - DAY)
    closing.acknowledge_rupture(live.dossier, live.users["opco_staff"], version(live.dossier),
                                TODAY)  # fmt: skip
    row = live.dossier
    row.refresh_from_db()
    assert row.content["rupture"]["acknowledged_on"] == TODAY.isoformat()
    assert "Accusé de réception" in row.events.first().comment
    for role in COMPANY_SIDE:
        with pytest.raises(PermissionDenied):
            declare(live, role, reason_code="licenciement")
    with pytest.raises(PermissionDenied):
        closing.acknowledge_rupture(row, live.users["opco_staff"], version(row), TODAY)
    assert row.content["rupture"]["reason"] == "Démission"


@pytest.mark.parametrize("role", [*COMPANY_SIDE, "tutor", "trainer", "learner"])
def test_only_the_opco_acknowledges(live, role):
    declare(live, opco_informed_on=TODAY)
    with pytest.raises(PermissionDenied):
        closing.acknowledge_rupture(live.dossier, live.users[role], version(live.dossier), TODAY)


def test_nothing_to_acknowledge_before_the_notice_is_sent(live):
    declare(live)
    with pytest.raises(InvalidDossier) as raised:
        closing.acknowledge_rupture(live.dossier, live.users["opco_staff"],
                                    version(live.dossier), TODAY)  # fmt: skip
    assert "rien à accuser" in raised.value.errors[0].message


def test_nothing_to_acknowledge_on_a_running_contract(live):
    with pytest.raises(PermissionDenied):
        closing.acknowledge_rupture(live.dossier, live.users["opco_staff"], 1, TODAY)


def test_the_acknowledgment_is_dated_between_the_notice_and_today(live):
    sent = TODAY - 3 * DAY
    declare(live, date=sent, opco_informed_on=sent)
    opco = live.users["opco_staff"]
    for day, wrong in ((sent - DAY, "précéder l'envoi"), (TODAY + DAY, "futur")):
        with pytest.raises(InvalidDossier) as raised:
            closing.acknowledge_rupture(live.dossier, opco, version(live.dossier), day)
        assert wrong in raised.value.errors[0].message
        assert raised.value.errors[0].path == "rupture.acknowledged_on"
    closing.acknowledge_rupture(live.dossier, opco, version(live.dossier), sent)
    assert live.dossier.content["rupture"]["acknowledged_on"] == sent.isoformat()


# --- the generic section editor no longer writes them -----------------------------------------


@pytest.mark.parametrize("section", ["rupture", "attestation"])
@pytest.mark.parametrize("status", ["draft", "running", "terminated"])
def test_rupture_and_attestation_are_no_section_anyone_replaces(db, section, status):
    w = live_world(status=status)
    for user in w.users.values():
        with pytest.raises(PermissionDenied):
            actions.update_section(w.dossier, user, section, None, w.dossier.version)


# --- the attestation ----------------------------------------------------------------------


def prepare(w, day=TODAY, role="company_admin"):
    return closing.prepare_attestation(w.dossier, w.users[role], day, version(w.dossier))


FINAL = {"C1": 3, "C2": 2, "C3": 3, "C4": 2, "C5": 1, "C6": 4, "C7": 2}


def test_the_attestation_is_prepared_from_the_final_review(live):
    hold(live.dossier, 0, "2026-02-26", dict.fromkeys(COMPETENCES, 1))
    hold(live.dossier, 2, "2026-11-16", FINAL)
    prepare(live)
    row = live.dossier
    row.refresh_from_db()
    attestation = row.content["attestation"]
    assert attestation["date"] == TODAY.isoformat()
    assert {s["competence"]: s["level"] for s in attestation["competences"]} == FINAL
    assert [s["competence"] for s in attestation["competences"]] == list(COMPETENCES)
    assert "bilan final B3 du 16/11/2026" in row.events.first().comment
    assert "CLO-01" not in blocking(row)


def test_the_attestation_waits_for_the_final_review(live):
    hold(live.dossier, 0, "2026-02-26")
    with pytest.raises(InvalidDossier) as raised:
        prepare(live)
    assert "bilan final" in errors_of(raised)["attestation"]
    assert "attestation" not in live.dossier.content or not live.dossier.content["attestation"]


def test_the_attestation_needs_a_level_for_every_competence(live):
    hold(live.dossier, 2, "2026-11-16", {c: 2 for c in COMPETENCES[:5]})
    with pytest.raises(InvalidDossier) as raised:
        prepare(live)
    assert "C6, C7" in errors_of(raised)["attestation.competences"]


def test_the_attestation_is_dated_between_the_final_review_and_today(live):
    hold(live.dossier, 2, "2026-11-16", FINAL)
    for day, wrong in ((dt.date(2026, 11, 15), "précéder le bilan final"), (TODAY + DAY, "futur")):
        with pytest.raises(InvalidDossier) as raised:
            prepare(live, day)
        assert wrong in errors_of(raised)["attestation.date"]
    prepare(live, dt.date(2026, 11, 16))
    assert live.dossier.content["attestation"]["date"] == "2026-11-16"


@pytest.mark.parametrize("role", OTHERS)
def test_only_the_company_side_prepares_the_attestation(live, role):
    hold(live.dossier, 2, "2026-11-16", FINAL)
    with pytest.raises(PermissionDenied):
        prepare(live, role=role)


@pytest.mark.parametrize("status", ["draft", "accepted", "completed"])
def test_no_attestation_outside_a_running_or_broken_contract(db, status):
    w = live_world(status=status)
    hold(w.dossier, 2, "2026-11-16", FINAL)
    with pytest.raises(PermissionDenied):
        prepare(w)


def test_after_a_rupture_the_attestation_takes_the_last_held_review(live):
    hold(live.dossier, 0, "2026-02-26", dict.fromkeys(COMPETENCES, 1))
    hold(live.dossier, 1, "2026-06-25", dict.fromkeys(COMPETENCES, 2))
    declare(live, date=dt.date(2026, 7, 10), opco_informed_on=dt.date(2026, 7, 11))
    with pytest.raises(InvalidDossier) as raised:
        prepare(live, dt.date(2026, 7, 9))
    assert "précéder la rupture" in errors_of(raised)["attestation.date"]
    prepare(live, dt.date(2026, 7, 10))
    row = live.dossier
    row.refresh_from_db()
    assert {s["level"] for s in row.content["attestation"]["competences"]} == {2}
    assert "bilan de suivi B2 du 25/06/2026" in row.events.first().comment
    assert blocking(row) & {"CLO-01", "RUP-01", "BIL-03", "FIN-02"} == set()


def test_after_a_rupture_without_review_the_attestation_takes_the_positioning(live):
    declare(live, date=dt.date(2026, 2, 2))
    prepare(live)
    row = live.dossier
    row.refresh_from_db()
    assessed = {e["competence"]: e["assessed_level"] for e in row.content["positioning"]["entries"]}
    assert {s["competence"]: s["level"] for s in row.content["attestation"]["competences"]} == (
        assessed
    )
    assert "positionnement initial" in row.events.first().comment


def test_the_attestation_can_still_be_prepared_after_the_opco_acknowledged(live):
    declare(live, opco_informed_on=TODAY)
    closing.acknowledge_rupture(live.dossier, live.users["opco_staff"], version(live.dossier),
                                TODAY)  # fmt: skip
    prepare(live, role="facilitator")
    assert live.dossier.content["attestation"]["competences"]


# --- closing ------------------------------------------------------------------------------


def ready_to_close(w):
    hold(w.dossier, 0, "2026-02-26", dict.fromkeys(COMPETENCES, 1))
    hold(w.dossier, 1, "2026-06-25", dict.fromkeys(COMPETENCES, 2))
    hold(w.dossier, 2, "2026-11-16", FINAL)
    content = w.dossier.content
    content["documents"].append(
        {"kind": "certificat_realisation", "date": "2026-11-18", "signed_by": ["company"]}
    )
    w.dossier.content = content
    w.dossier.save(update_fields=["content"])


def test_the_contract_closes_once_the_closing_rules_pass(live):
    ready_to_close(live)
    with pytest.raises(TransitionRefused) as raised:
        actions.complete_contract(live.dossier, live.users["company_admin"], version(live.dossier))
    assert any("CLO-01" in r for r in raised.value.reasons)
    assert not any("BIL-03" in r for r in raised.value.reasons)
    prepare(live)
    actions.complete_contract(live.dossier, live.users["company_admin"], version(live.dossier))
    live.dossier.refresh_from_db()
    assert live.dossier.status == "completed"


def test_closing_is_refused_without_the_final_review(live):
    with pytest.raises(TransitionRefused) as raised:
        actions.complete_contract(live.dossier, live.users["facilitator"], version(live.dossier))
    reasons = " ".join(raised.value.reasons)
    assert "BIL-03" in reasons and "CLO-01" in reasons and "FIN-02" in reasons


# --- POST /terminate keeps working, with its dates checked ------------------------------------


def test_terminate_with_a_free_reason_finds_its_code(live):
    actions.terminate_contract(live.dossier, live.users["opco_staff"], version(live.dossier),
                               TODAY, "démission")  # fmt: skip
    assert live.dossier.content["rupture"]["reason_code"] == "demission"
    assert live.dossier.status == "terminated"


def test_terminate_refuses_a_date_in_the_future(live):
    with pytest.raises(InvalidDossier) as raised:
        actions.terminate_contract(live.dossier, live.users["company_admin"],
                                   version(live.dossier), TODAY + DAY, "Démission")  # fmt: skip
    assert errors_of(raised).keys() == {"rupture.date"}


def test_terminate_checks_the_role_before_the_dates(live):
    with pytest.raises(PermissionDenied):
        actions.terminate_contract(live.dossier, live.users["tutor"], version(live.dossier),
                                   TODAY + DAY, "Démission")  # fmt: skip


def test_hours_followed_are_the_signed_hours(live):
    from parcours.domain.closing import followed_hours
    from parcours.dossiers import convert

    factories.add_sessions(live.dossier)
    assert followed_hours(convert.to_domain(live.dossier)) == 0
    sign_learner(live, "S1")
    assert followed_hours(convert.to_domain(live.dossier)) == 3.5


# --- the certificat de réalisation joined -------------------------------------------------


def record(w, day=TODAY, role="company_admin"):
    return closing.record_certificate(w.dossier, w.users[role], day, version(w.dossier))


def test_the_certificate_is_joined_once_a_session_is_signed(live):
    factories.add_sessions(live.dossier)
    with pytest.raises(InvalidDossier) as raised:
        record(live)
    assert "rien à attester" in errors_of(raised)["documents"]
    sign_learner(live, "S1")
    signed_on = TODAY - 2 * DAY
    for day, wrong in ((signed_on - DAY, "précéder la première séance émargée"),
                       (TODAY + DAY, "futur")):  # fmt: skip
        with pytest.raises(InvalidDossier) as raised:
            record(live, day)
        assert wrong in errors_of(raised)["documents"]
    record(live, signed_on, role="facilitator")
    record(live, TODAY)
    row = live.dossier
    row.refresh_from_db()
    joined = [d for d in row.content["documents"] if d["kind"] == "certificat_realisation"]
    assert joined == [{"kind": "certificat_realisation", "date": TODAY.isoformat(),
                       "signed_by": ["company"]}]  # fmt: skip
    assert "3,5" in row.events.first().comment


@pytest.mark.parametrize("role", OTHERS)
def test_only_the_company_side_joins_the_certificate(live, role):
    factories.add_sessions(live.dossier)
    sign_learner(live, "S1")
    with pytest.raises(PermissionDenied):
        record(live, role=role)
