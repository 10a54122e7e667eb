"""The to-do items of a dossier at a date, by role: each appears on the day it opens (not the
day before), is on time until its due date and late the day after, and disappears once
done. The example contract: action from 4 January 2027 to 3 January 2028; reviews B1
(suivi, 25 February 2027), B2 (suivi, 24 June 2027), B3 (final, 20 December 2027); modules
M2 (interne, F1, from 18 January 2027) and M4 (AFEST, F1, from 1 February 2027)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from parcours.domain.dossier import Presence
from parcours.domain.loading import parse_dossier
from parcours.domain.todo import Kind, Role, for_person, todo
from tests.conftest import EXAMPLES

D = dt.date.fromisoformat


def dossier(status="running", **changes):
    data = json.loads((EXAMPLES / "gestionnaire-paie-valide.json").read_text(encoding="utf-8"))
    data["status"] = status
    data.update(changes)
    return parse_dossier(data)


def session(id, module, date, **flags):
    return {"id": id, "module": module, "date": date, "hours": 3.5, **flags}


def items(d, day, kind=None, role=None, **kwargs):
    found = todo(d, D(day), **kwargs)
    return [
        i for i in found if (kind is None or i.kind == kind) and (role is None or i.role == role)
    ]


def one(d, day, kind, role, **kwargs):
    found = items(d, day, kind, role, **kwargs)
    assert len(found) == 1, found
    return found[0]


# --- reviews -------------------------------------------------------------------------------


def test_a_review_opens_two_weeks_before_its_date_and_is_late_after_its_month():
    d = dossier()
    assert items(d, "2027-02-10", Kind.REVIEW) == []
    tutor = one(d, "2027-02-11", Kind.REVIEW, Role.TUTOR)
    assert tutor.title == "Tenir le bilan de suivi B1 avec Nadia Exemple (prévu le 25 février 2027)"
    assert tutor.due == D("2027-03-03")  # the end of the action's 2nd month (BIL-01, BIL-02)
    assert not tutor.late(D("2027-03-03"))
    assert tutor.late(D("2027-03-04"))
    assert {i.role for i in items(d, "2027-02-11", Kind.REVIEW)} == {
        Role.TUTOR, Role.LEARNER, Role.COMPANY_ADMIN, Role.FACILITATOR,
    }  # fmt: skip


def test_a_held_review_is_no_longer_to_do():
    d = dossier()
    reviews = [r.model_dump(mode="json") for r in d.reviews]
    reviews[0]["held_date"] = "2027-02-25"
    assert items(dossier(reviews=reviews), "2027-03-10", Kind.REVIEW) == []


def test_a_review_moved_gets_a_new_key_the_same_one_keeps_its_key():
    d = dossier()
    before = one(d, "2027-02-12", Kind.REVIEW, Role.TUTOR).key
    assert one(d, "2027-02-20", Kind.REVIEW, Role.TUTOR).key == before == "bilan:B1:2027-03-03"
    reviews = [r.model_dump(mode="json") for r in d.reviews]
    reviews[0]["planned_date"] = "2027-03-20"  # into the 3rd month
    moved = one(dossier(reviews=reviews), "2027-03-10", Kind.REVIEW, Role.TUTOR)
    assert moved.key != before


def test_a_window_without_a_planned_review_asks_to_plan_one():
    d = dossier()
    reviews = [r.model_dump(mode="json") for r in d.reviews if r.id != "B1"]
    d = dossier(reviews=reviews)
    assert items(d, "2027-01-04", Kind.PLAN_REVIEW) == []  # opens a month before the window
    plan = one(d, "2027-01-05", Kind.PLAN_REVIEW, Role.TUTOR)
    assert plan.title.startswith("Planifier un bilan de suivi pendant le 2e mois")
    assert plan.due == D("2027-03-03")


# --- sessions to sign ----------------------------------------------------------------------


def test_a_session_is_to_sign_from_its_day_by_the_learner_and_its_trainer():
    d = dossier(sessions=[session("S1", "M2", "2027-01-18")])
    assert items(d, "2027-01-17", Kind.SIGN) == []
    learner = one(d, "2027-01-18", Kind.SIGN, Role.LEARNER)
    trainer = one(d, "2027-01-18", Kind.SIGN, Role.TRAINER)
    assert (
        learner.title
        == "Signer la séance du 18 janvier 2027 (M2 « Processus internes du cabinet »)"
    )
    assert (trainer.person, trainer.anchor) == ("F1", "ligne-S1-trainer")
    assert not learner.late(D("2027-01-18")) and learner.late(D("2027-01-19"))


def test_an_external_session_has_no_trainer_line():
    d = dossier(sessions=[session("S2", "M1", "2027-01-11")])
    assert [i.role for i in items(d, "2027-01-11", Kind.SIGN)] == [Role.LEARNER]


def test_the_company_is_asked_for_a_missing_signature_a_week_later():
    d = dossier(sessions=[session("S1", "M2", "2027-01-18")])
    assert items(d, "2027-01-24", Kind.MISSING_SIGNATURE) == []
    found = items(d, "2027-01-25", Kind.MISSING_SIGNATURE, Role.COMPANY_ADMIN)
    assert [i.title.split(" pour")[0] for i in found] == [
        "Obtenir la signature de Nadia Exemple",
        "Obtenir la signature du formateur Marc Petit",
    ]


def test_a_signed_or_absent_line_is_not_to_sign():
    signed = dossier(sessions=[session("S1", "M2", "2027-01-18", learner_signed=True)])
    assert [i.role for i in items(signed, "2027-01-20", Kind.SIGN)] == [Role.TRAINER]
    absent = dossier(sessions=[session("S1", "M2", "2027-01-18", attended_hours=0)])
    assert [i.role for i in items(absent, "2027-01-20", Kind.SIGN)] == [Role.TRAINER]
    d = dossier(sessions=[session("S1", "M2", "2027-01-18")])
    lines = {("S1", "learner"): Presence.ABSENT, ("S1", "trainer"): Presence.PRESENT}
    kinds = {i.kind for i in items(d, "2027-01-30", lines=lines)}
    assert not kinds & {Kind.SIGN, Kind.MISSING_SIGNATURE}
    assert {i.kind for i in items(d, "2027-01-30")} >= {Kind.SIGN, Kind.MISSING_SIGNATURE}


def test_sessions_are_signed_only_while_the_contract_runs():
    d = dossier("accepted", sessions=[session("S1", "M2", "2027-01-18")])
    assert items(d, "2027-01-20", Kind.SIGN) == []


# --- séquences -----------------------------------------------------------------------------


def test_a_module_without_its_sequence_is_asked_a_month_before_it_starts():
    d = dossier()
    sequences = [s.model_dump(mode="json") for s in d.sequences if s.module != "M4"]
    d = dossier(sequences=sequences)
    assert items(d, "2027-01-01", Kind.SEQUENCE) == []
    trainer = one(d, "2027-01-02", Kind.SEQUENCE, Role.TRAINER)
    assert trainer.person == "F1" and trainer.due == D("2027-02-01")
    assert "séquence pédagogique du module AFEST M4" in trainer.title
    assert trainer.late(D("2027-02-02")) and not trainer.late(D("2027-02-01"))
    assert items(dossier(), "2027-01-20", Kind.SEQUENCE) == []  # both described


# --- money ---------------------------------------------------------------------------------


def test_the_first_payment_can_be_claimed_once_a_session_is_signed():
    unsigned = dossier(sessions=[session("S1", "M2", "2027-01-18")])
    assert items(unsigned, "2027-01-20", Kind.CLAIM, Role.COMPANY_ADMIN) == []
    signed = dossier(sessions=[session("S1", "M2", "2027-01-18", learner_signed=True)])
    assert items(signed, "2027-01-17", Kind.CLAIM, Role.COMPANY_ADMIN) == []
    claim = one(signed, "2027-01-18", Kind.CLAIM, Role.COMPANY_ADMIN)
    assert claim.title == "Demander le premier versement (1\u202f000\u00a0€) pour Nadia Exemple"
    assert claim.due == D("2027-02-17") and claim.late(D("2027-02-18"))


def test_a_claim_made_is_for_the_opco_to_decide_then_nobody():
    signed = [session("S1", "M2", "2027-01-18", learner_signed=True)]
    claim = {"kind": "first_payment", "amount": 1000, "state": "claimed", "due_on": "2027-01-18",
             "claimed_on": "2027-01-25", "invoice_number": "2027-0001"}  # fmt: skip
    made = dossier(sessions=signed, claims=[claim])
    assert items(made, "2027-01-26", Kind.CLAIM, Role.COMPANY_ADMIN) == []
    opco = one(made, "2027-01-26", Kind.PAYMENT, Role.OPCO_STAFF)
    assert "facture 2027-0001" in opco.title and opco.due == D("2027-02-24")
    paid = dossier(sessions=signed, claims=[claim | {"state": "paid", "paid_on": "2027-02-01"}])
    assert items(paid, "2027-02-02", Kind.PAYMENT) == []


def test_the_facilitators_first_invoice_is_for_the_facilitator_only():
    d = dossier("accepted")
    invoice = items(d, "2027-01-04", Kind.CLAIM)
    assert [(i.role, i.subject) for i in invoice] == [(Role.FACILITATOR, "facilitator_invoice_1")]
    assert items(d, "2027-01-03", Kind.CLAIM) == []  # no agreement date: from the start


# --- the end -------------------------------------------------------------------------------


def test_the_attestation_is_asked_a_month_before_the_end_and_the_closing_after_it():
    d = dossier()
    assert items(d, "2027-12-03", Kind.ATTESTATION) == []
    attestation = one(d, "2027-12-04", Kind.ATTESTATION, Role.COMPANY_ADMIN)
    assert attestation.due == D("2028-01-03")
    assert items(d, "2028-01-02", Kind.CLOSE) == []
    close = one(d, "2028-01-03", Kind.CLOSE, Role.COMPANY_ADMIN)
    assert close.due == D("2028-02-02") and close.late(D("2028-02-03"))
    done = dossier(attestation={"date": "2027-12-21", "competences": []})
    assert items(done, "2027-12-22", Kind.ATTESTATION) == []


def test_after_a_rupture_the_opco_is_informed_and_an_attestation_made():
    rupture = {"date": "2027-03-15", "reason": "démission"}
    d = dossier("terminated", rupture=rupture)
    notice = one(d, "2027-03-15", Kind.RUPTURE_NOTICE, Role.COMPANY_ADMIN)
    assert notice.due == D("2027-03-22") and notice.late(D("2027-03-23"))
    assert one(d, "2027-03-15", Kind.ATTESTATION, Role.COMPANY_ADMIN).title.endswith(
        "d'après le dernier bilan tenu"
    )
    informed = dossier("terminated", rupture=rupture | {"opco_informed_on": "2027-03-16"})
    assert items(informed, "2027-03-20", Kind.RUPTURE_NOTICE) == []
    assert items(d, "2027-03-20", Kind.SIGN) == items(d, "2027-03-20", Kind.REVIEW) == []


def test_the_opco_acknowledges_a_rupture_once_it_is_notified_in_writing():
    rupture = {"date": "2027-03-15", "reason": "démission"}
    assert items(dossier("terminated", rupture=rupture), "2027-03-20", Kind.RUPTURE_ACK) == []
    informed = dossier("terminated", rupture=rupture | {"opco_informed_on": "2027-03-16"})
    ack = one(informed, "2027-03-16", Kind.RUPTURE_ACK, Role.OPCO_STAFF)
    assert "Accuser réception de la rupture" in ack.title
    assert ack.due == D("2027-04-15") and not ack.late(D("2027-04-15"))
    assert items(informed, "2027-03-20", Kind.RUPTURE_ACK, role=Role.COMPANY_ADMIN) == []
    done = rupture | {"opco_informed_on": "2027-03-16", "acknowledged_on": "2027-03-18"}
    assert items(dossier("terminated", rupture=done), "2027-03-20", Kind.RUPTURE_ACK) == []


# --- before the contract -------------------------------------------------------------------


def test_a_draft_is_to_submit_in_the_six_weeks_before_the_action():
    d = dossier("draft")
    assert items(d, "2026-11-19") == []
    submit = one(d, "2026-11-20", Kind.SUBMIT, Role.COMPANY_ADMIN)
    assert submit.due == D("2027-01-04") and submit.late(D("2027-01-05"))
    again = one(dossier("changes_requested"), "2026-12-01", Kind.SUBMIT, Role.FACILITATOR)
    assert again.title.startswith("Corriger le dossier et le renvoyer")


def test_a_submitted_dossier_waits_for_the_opcos_decision():
    d = dossier("submitted")
    decision = one(d, "2026-11-25", Kind.DECISION, Role.OPCO_STAFF, submitted_on=D("2026-11-20"))
    assert decision.due == D("2026-12-20") and decision.late(D("2026-12-21"))
    assert "soumis le 20 novembre 2026" in decision.title
    assert items(d, "2026-11-19", submitted_on=D("2026-11-20")) == []
    assert [i.role for i in todo(d, D("2026-11-25"), submitted_on=D("2026-11-20"))] == [
        Role.OPCO_STAFF
    ]


def test_an_accepted_contract_is_started_in_the_week_before():
    d = dossier("accepted")
    assert items(d, "2026-12-27", Kind.START) == []
    assert one(d, "2026-12-28", Kind.START, Role.COMPANY_ADMIN).due == D("2027-01-04")


@pytest.mark.parametrize("status", ["completed", "refused"])
def test_a_closed_or_refused_dossier_asks_nothing_of_the_people(status):
    d = dossier(status, sessions=[session("S1", "M2", "2027-01-18")])
    found = todo(d, D("2027-06-01"))
    assert {i.role for i in found} <= {Role.COMPANY_ADMIN, Role.FACILITATOR}
    assert {i.kind for i in found} <= {Kind.CLAIM}


# --- order and people ----------------------------------------------------------------------


def test_late_items_come_first_then_by_due_date():
    d = dossier(sessions=[session("S1", "M2", "2027-01-18"), session("S9", "M2", "2027-02-20")])
    found = items(d, "2027-02-20", role=Role.LEARNER)
    flags = [i.late(D("2027-02-20")) for i in found]
    assert flags == sorted(flags, reverse=True)
    assert [i.due for i in found if not i.late(D("2027-02-20"))] == sorted(
        i.due for i in found if not i.late(D("2027-02-20"))
    )


def test_a_trainer_sees_only_their_own_items():
    d = dossier(sessions=[session("S1", "M2", "2027-01-18")])
    found = todo(d, D("2027-01-18"))
    assert [i.subject for i in for_person(found, Role.TRAINER, "F1")] == ["S1/trainer"]
    assert for_person(found, Role.TRAINER, "F2") == []
