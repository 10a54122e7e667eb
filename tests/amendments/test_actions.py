"""The writers of the versions: who may do what, before and after the first review, the
dates (never in the future, never before what they follow), and nothing written on error."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from parcours.amendments import actions
from parcours.amendments import versions as v
from parcours.amendments.models import Kind, ParcoursVersion, State
from parcours.dossiers import convert
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.dossiers.models import DossierEvent
from tests.amendments.conftest import ACCEPTED_ON, AFTER_B1, B1_HELD, BEFORE_B1, changed, hold

pytestmark = pytest.mark.django_db
COMPANY_SIDE = ("company_admin", "facilitator")
NOT_OPCO = ("company_admin", "facilitator", "tutor", "trainer", "learner")
NOT_COMPANY = ("opco_staff", "tutor", "trainer", "learner")


def _hours(row, module: str) -> float:
    row.refresh_from_db()
    return next(m["hours"] for m in row.content["modules"] if m["id"] == module)


def _snapshot(row):
    row.refresh_from_db()
    return (
        row.version,
        row.content,
        list(row.parcours_versions.values_list("number", "state", "in_force_from")),
        DossierEvent.objects.filter(dossier=row).count(),
    )


def _propose(world, **hours):
    row = world.dossier
    return actions.propose_adaptation(
        row,
        world.users["opco_staff"],
        changed(row, **(hours or {"M1": 120})),
        "Le positionnement montre un besoin de pratique sur le logiciel.",
        row.version,
    )


def _avenant(world, user="company_admin", **hours):
    """After B1 (held 25 February 2027), on 15 March 2027: an avenant drafted and submitted."""
    row = world.dossier
    hold(row, "B1", B1_HELD)
    draft = actions.save_draft(
        row,
        world.users[user],
        Kind.AVENANT,
        changed(row, **(hours or {"M3": 70})),
        "La DSN demande plus de pratique.",
        row.version,
    )
    return actions.submit(row, world.users[user], draft.number, row.version)


def _adj01(row):
    report = convert.to_domain(row)
    from parcours.domain.rules import check

    return [f for f in check(report).findings if f.rule == "ADJ-01"]


# --- version 1 ------------------------------------------------------------------------------


def test_version_1_is_recorded_from_the_accepted_document_at_acceptance(live):
    first = live.dossier.parcours_versions.get()
    assert (first.number, first.kind, first.state) == (1, Kind.INITIAL, State.ACCEPTED)
    assert first.in_force_from == ACCEPTED_ON
    assert first.author == live.users["opco_staff"]
    assert first.sections["modules"] == live.dossier.content["modules"]
    assert first.sections["contract"] == {
        "action_start": "2027-01-04",
        "action_end": "2028-01-03",
        "weekly_hours": 35.0,
    }


def test_a_dossier_accepted_before_versions_existed_gets_version_1_when_first_needed(world):
    row = world.dossier
    row.status = "running"
    row.save(update_fields=["status"])
    assert not row.parcours_versions.exists()
    first = v.ensure_initial(row)
    assert first.number == 1 and first.in_force_from == dt.date(2026, 11, 22)
    assert v.ensure_initial(row).pk == first.pk  # once


def test_a_draft_dossier_has_no_version(world):
    assert v.ensure_initial(world.dossier) is None


# --- adaptations (until the first review) ---------------------------------------------------


def test_the_opco_proposes_an_adaptation_the_company_accepts_it_and_it_comes_into_force(live):
    row = live.dossier
    proposal = _propose(live)
    assert (proposal.number, proposal.kind, proposal.state) == (2, Kind.ADAPTATION, State.PROPOSED)
    assert proposal.proposed_at == BEFORE_B1
    assert _hours(row, "M1") == 105  # nothing changes before the answer
    done = actions.accept_adaptation(row, live.users["facilitator"], 2, row.version)
    assert (done.state, done.decided_at, done.in_force_from) == (
        State.ACCEPTED,
        BEFORE_B1,
        BEFORE_B1,
    )
    assert _hours(row, "M1") == 120
    entry = row.content["changes"][-1]
    assert entry["date"] == "2027-02-01" and entry["amendment"] is False
    assert "M1" in entry["summary"] and "105" in entry["summary"] and "120" in entry["summary"]
    hold(row, "B1", B1_HELD)
    assert _adj01(row) == []  # an adaptation before the first review needs no avenant


@pytest.mark.parametrize("role", NOT_OPCO)
def test_only_the_opco_proposes_an_adaptation(live, role):
    row = live.dossier
    before = _snapshot(row)
    with pytest.raises(PermissionDenied):
        actions.propose_adaptation(row, live.users[role], changed(row, M1=120), "x", row.version)
    assert _snapshot(row) == before


@pytest.mark.parametrize("role", NOT_COMPANY)
def test_only_the_company_side_accepts_or_declines_an_adaptation(live, role):
    row = live.dossier
    _propose(live)
    before = _snapshot(row)
    with pytest.raises(PermissionDenied):
        actions.accept_adaptation(row, live.users[role], 2, row.version)
    with pytest.raises(PermissionDenied):
        actions.decline_adaptation(row, live.users[role], 2, "Non.", row.version)
    assert _snapshot(row) == before


def test_the_company_declines_an_adaptation_with_a_reason_and_nothing_changes(live):
    row = live.dossier
    _propose(live)
    with pytest.raises(InvalidDossier) as missing:
        actions.decline_adaptation(row, live.users["company_admin"], 2, "  ", row.version)
    assert missing.value.errors[0].path == "reason"
    done = actions.decline_adaptation(
        row, live.users["company_admin"], 2, "Le module est déjà très chargé.", row.version
    )
    assert (done.state, done.decision_reason) == (State.DECLINED, "Le module est déjà très chargé.")
    assert _hours(row, "M1") == 105 and row.content["changes"] == []
    assert v.pending(v.versions(row)) is None  # a new proposal may follow


def test_no_adaptation_after_the_first_review(live, at):
    row = live.dossier
    hold(row, "B1", B1_HELD)
    at(AFTER_B1)
    before = _snapshot(row)
    with pytest.raises(InvalidDossier) as refused:
        _propose(live)
    assert "avenant" in refused.value.errors[0].message
    assert "25/02/2027" in refused.value.errors[0].message
    assert _snapshot(row) == before


def test_an_adaptation_proposed_before_the_review_cannot_come_into_force_after_it(live, at):
    row = live.dossier
    _propose(live)
    hold(row, "B1", B1_HELD)
    at(AFTER_B1)
    with pytest.raises(InvalidDossier) as refused:
        actions.accept_adaptation(row, live.users["company_admin"], 2, row.version)
    assert refused.value.errors[0].path == "decided_at"
    # Accepted on a day before the review, it is still an adaptation (not back-dated: the
    # answer follows the proposal of 1 February).
    done = actions.accept_adaptation(
        row, live.users["company_admin"], 2, row.version, dt.date(2027, 2, 20)
    )
    assert done.in_force_from == dt.date(2027, 2, 20)
    assert _adj01(row) == []


def test_an_adaptation_on_the_day_of_the_first_review_is_still_an_adaptation(live, at):
    row = live.dossier
    hold(row, "B1", B1_HELD)
    at(B1_HELD)
    _propose(live)
    actions.accept_adaptation(row, live.users["company_admin"], 2, row.version)
    assert _adj01(row) == []


# --- avenants (after it) --------------------------------------------------------------------


def test_no_avenant_before_the_first_review(live):
    row = live.dossier
    before = _snapshot(row)
    with pytest.raises(InvalidDossier) as refused:
        actions.save_draft(
            row, live.users["company_admin"], Kind.AVENANT, changed(row, M3=70), "", row.version
        )
    assert "article 6" in refused.value.errors[0].message
    assert _snapshot(row) == before


def test_the_avenant_lives_from_draft_to_signatures_and_comes_into_force_at_the_last(live, at):
    row = live.dossier
    at(AFTER_B1)
    submitted = _avenant(live)
    assert (submitted.state, submitted.proposed_at) == (State.PROPOSED, AFTER_B1)
    at(dt.date(2027, 3, 20))
    accepted = actions.accept_avenant(row, live.users["opco_staff"], submitted.number, row.version)
    assert (accepted.state, accepted.decided_at, accepted.in_force) == (
        State.ACCEPTED,
        dt.date(2027, 3, 20),
        False,
    )
    at(dt.date(2027, 3, 30))
    signed = {
        "company": dt.date(2027, 3, 21),
        "facilitator": dt.date(2027, 3, 22),
        "opco": dt.date(2027, 3, 28),
        "learner": dt.date(2027, 3, 25),
    }
    for party, day in signed.items():
        assert _hours(row, "M3") == 56  # not in force before every party signed
        actions.record_signature(row, live.users["company_admin"], 2, party, row.version, day)
    version = row.parcours_versions.get(number=2)
    assert version.in_force_from == dt.date(2027, 3, 28)  # the last signature
    assert _hours(row, "M3") == 70
    entry = row.content["changes"][-1]
    assert entry == {
        "date": "2027-03-28",
        "summary": entry["summary"],
        "amendment": True,
    }
    assert "M3" in entry["summary"]
    assert _adj01(row) == []  # an avenant: ADJ-01 stays quiet


def test_adj_01_still_judges_a_change_after_the_first_review_without_an_avenant(live, at):
    from parcours.dossiers import actions as dossier_actions

    row = live.dossier
    hold(row, "B1", B1_HELD)
    at(AFTER_B1)
    dossier_actions.update_section(
        row,
        live.users["company_admin"],
        "changes",
        [{"date": "2027-03-15", "summary": "M3 allongé", "amendment": False}],
        row.version,
    )
    assert [f.path for f in _adj01(row)] == ["changes[0].amendment"]


@pytest.mark.parametrize("role", NOT_COMPANY)
def test_only_the_company_side_drafts_and_submits_an_avenant(live, at, role):
    row = live.dossier
    hold(row, "B1", B1_HELD)
    at(AFTER_B1)
    before = _snapshot(row)
    with pytest.raises(PermissionDenied):
        actions.save_draft(
            row, live.users[role], Kind.AVENANT, changed(row, M3=70), "", row.version
        )
    assert _snapshot(row) == before


@pytest.mark.parametrize("role", COMPANY_SIDE)
def test_the_company_side_drafts_edits_and_submits_an_avenant(live, at, role):
    row = live.dossier
    hold(row, "B1", B1_HELD)
    at(AFTER_B1)
    user = live.users[role]
    draft = actions.save_draft(row, user, Kind.AVENANT, changed(row, M3=70), "", row.version)
    assert draft.state == State.DRAFT and _hours(row, "M3") == 56
    with pytest.raises(InvalidDossier) as no_reason:
        actions.submit(row, user, draft.number, row.version)
    assert no_reason.value.errors[0].path == "explanation"
    actions.save_draft(
        row, user, Kind.AVENANT, changed(row, M3=77), "Plus de DSN.", row.version, draft.number
    )
    done = actions.submit(row, user, draft.number, row.version)
    assert done.state == State.PROPOSED and done.sections["modules"][2]["hours"] == 77


@pytest.mark.parametrize("role", NOT_OPCO)
def test_only_the_opco_accepts_or_refuses_an_avenant(live, at, role):
    row = live.dossier
    at(AFTER_B1)
    _avenant(live)
    before = _snapshot(row)
    with pytest.raises(PermissionDenied):
        actions.accept_avenant(row, live.users[role], 2, row.version)
    with pytest.raises(PermissionDenied):
        actions.refuse_avenant(row, live.users[role], 2, "Non.", row.version)
    assert _snapshot(row) == before


def test_the_opco_refuses_an_avenant_with_a_reason(live, at):
    row = live.dossier
    at(AFTER_B1)
    _avenant(live)
    with pytest.raises(InvalidDossier) as missing:
        actions.refuse_avenant(row, live.users["opco_staff"], 2, "", row.version)
    assert missing.value.errors[0].path == "reason"
    done = actions.refuse_avenant(
        row, live.users["opco_staff"], 2, "Le parcours dépasserait 25 %.", row.version
    )
    assert (done.state, done.decision_reason) == (State.REFUSED, "Le parcours dépasserait 25 %.")
    assert _hours(row, "M3") == 56
    with pytest.raises(InvalidDossier):  # a refused avenant is never signed
        actions.record_signature(row, live.users["company_admin"], 2, "company", row.version)


# --- signatures -------------------------------------------------------------------------------


def _accepted(live, at):
    at(AFTER_B1)
    _avenant(live)
    actions.accept_avenant(live.dossier, live.users["opco_staff"], 2, live.dossier.version)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("company_admin", {"company", "facilitator", "opco", "learner"}),
        ("facilitator", {"company", "facilitator", "opco", "learner"}),
        ("opco_staff", {"opco"}),
        ("learner", {"learner"}),
        ("tutor", set()),
        ("trainer", set()),
    ],
)
def test_who_records_which_party_signature(live, at, role, allowed):
    _accepted(live, at)
    row = live.dossier
    for party in ("company", "facilitator", "opco", "learner"):
        if party in allowed:
            done = actions.record_signature(row, live.users[role], 2, party, row.version)
            assert done.signature(party) == AFTER_B1
        else:
            before = _snapshot(row)
            with pytest.raises(PermissionDenied):
                actions.record_signature(row, live.users[role], 2, party, row.version)
            assert _snapshot(row) == before


def test_a_signature_is_recorded_once(live, at):
    _accepted(live, at)
    row = live.dossier
    actions.record_signature(row, live.users["learner"], 2, "learner", row.version)
    with pytest.raises(InvalidDossier) as twice:
        actions.record_signature(row, live.users["company_admin"], 2, "learner", row.version)
    assert "déjà" in twice.value.errors[0].message


def test_without_a_facilitator_three_parties_sign(live, at):
    row = live.dossier
    content = dict(row.content)
    content["facilitator"] = None
    row.content = content
    row.save(update_fields=["content"])
    _accepted(live, at)
    with pytest.raises(InvalidDossier) as not_a_party:
        actions.record_signature(row, live.users["company_admin"], 2, "facilitator", row.version)
    assert not_a_party.value.errors[0].path == "party"
    for party in ("company", "opco", "learner"):
        actions.record_signature(row, live.users["company_admin"], 2, party, row.version)
    assert row.parcours_versions.get(number=2).in_force_from == AFTER_B1


# --- dates: not in the future, not before what they follow -------------------------------------


def test_no_date_in_the_future(live, at):
    row = live.dossier
    tomorrow = BEFORE_B1 + dt.timedelta(days=1)
    with pytest.raises(InvalidDossier) as proposal:
        actions.propose_adaptation(
            row, live.users["opco_staff"], changed(row, M1=120), "x", row.version, tomorrow
        )
    assert proposal.value.errors[0].path == "proposed_at"
    assert "futur" in proposal.value.errors[0].message
    _propose(live)
    with pytest.raises(InvalidDossier) as decision:
        actions.accept_adaptation(row, live.users["company_admin"], 2, row.version, tomorrow)
    assert decision.value.errors[0].path == "decided_at"


def test_no_date_before_the_event_it_follows(live, at):
    row = live.dossier
    with pytest.raises(InvalidDossier) as proposal:  # before version 1 came into force
        actions.propose_adaptation(
            row,
            live.users["opco_staff"],
            changed(row, M1=120),
            "x",
            row.version,
            ACCEPTED_ON - dt.timedelta(days=1),
        )
    assert proposal.value.errors[0].path == "proposed_at"
    assert "antidaté" in proposal.value.errors[0].message
    _propose(live)
    with pytest.raises(InvalidDossier) as decision:
        actions.decline_adaptation(
            row, live.users["company_admin"], 2, "Non.", row.version, dt.date(2027, 1, 31)
        )
    assert decision.value.errors[0].path == "decided_at"


def test_an_avenant_is_not_submitted_before_the_first_review_nor_signed_before_its_acceptance(
    live, at
):
    row = live.dossier
    hold(row, "B1", B1_HELD)
    at(AFTER_B1)
    user = live.users["company_admin"]
    draft = actions.save_draft(row, user, Kind.AVENANT, changed(row, M3=70), "DSN.", row.version)
    with pytest.raises(InvalidDossier) as early:
        actions.submit(row, user, draft.number, row.version, dt.date(2027, 2, 20))
    assert early.value.errors[0].path == "proposed_at"
    actions.submit(row, user, draft.number, row.version, dt.date(2027, 3, 1))
    with pytest.raises(InvalidDossier):  # the OPCO's decision before the submission
        actions.accept_avenant(row, live.users["opco_staff"], 2, row.version, dt.date(2027, 3, 28))
    actions.accept_avenant(row, live.users["opco_staff"], 2, row.version, dt.date(2027, 3, 10))
    with pytest.raises(InvalidDossier) as signed:
        actions.record_signature(row, user, 2, "company", row.version, dt.date(2027, 3, 9))
    assert signed.value.errors[0].path == "signed_on"
    with pytest.raises(InvalidDossier) as future:
        actions.record_signature(row, user, 2, "company", row.version, dt.date(2027, 3, 16))
    assert "futur" in future.value.errors[0].message


# --- nothing written on error ------------------------------------------------------------------


def test_a_stale_version_writes_nothing(live):
    row = live.dossier
    before = _snapshot(row)
    with pytest.raises(StaleDossier):
        actions.propose_adaptation(
            row, live.users["opco_staff"], changed(row, M1=120), "x", row.version - 1
        )
    assert _snapshot(row) == before
    assert not ParcoursVersion.objects.filter(dossier=row, number=2).exists()


def test_a_bad_module_names_its_field_and_writes_nothing(live):
    row = live.dossier
    before = _snapshot(row)
    sections = changed(row, M1=-3)
    with pytest.raises(InvalidDossier) as bad:
        actions.propose_adaptation(row, live.users["opco_staff"], sections, "x", row.version)
    assert [e.path for e in bad.value.errors] == ["modules[0].hours"]
    assert _snapshot(row) == before


def test_a_version_that_changes_nothing_is_not_sent(live):
    row = live.dossier
    before = _snapshot(row)
    with pytest.raises(InvalidDossier) as same:
        actions.propose_adaptation(row, live.users["opco_staff"], changed(row), "x", row.version)
    assert "ne change rien" in same.value.errors[0].message
    assert _snapshot(row) == before


def test_only_the_action_dates_and_weekly_hours_of_the_contract_change(live):
    row = live.dossier
    with pytest.raises(InvalidDossier) as bad:
        actions.propose_adaptation(
            row, live.users["opco_staff"], {"contract": {"job_title": "Autre"}}, "x", row.version
        )
    assert bad.value.errors[0].path == "contract.job_title"


def test_a_module_with_sessions_is_not_removed(live):
    from tests.factories import add_sessions

    row = live.dossier
    add_sessions(row)
    sections = changed(row)
    sections["modules"] = [m for m in sections["modules"] if m["id"] != "M2"]
    with pytest.raises(InvalidDossier) as refused:
        actions.propose_adaptation(row, live.users["opco_staff"], sections, "x", row.version)
    assert "M2" in refused.value.errors[0].message
    assert "séance" in refused.value.errors[0].message


def test_one_change_of_the_parcours_at_a_time(live):
    _propose(live)
    with pytest.raises(InvalidDossier) as busy:
        _propose(live, M2=60)
    assert "une seule modification" in busy.value.errors[0].message


def test_a_removed_module_takes_its_sequences_along_and_keeps_real_costs(live):
    row = live.dossier
    content = dict(row.content)
    content["modules"] = [
        dict(m, real_cost=900.0) if m["id"] == "M1" else m for m in content["modules"]
    ]
    row.content = content
    row.save(update_fields=["content"])
    sections = changed(row, M1=110)
    for m in sections["modules"]:
        m.pop("real_cost", None)  # the editor does not carry costs
    sections["modules"] = [m for m in sections["modules"] if m["id"] != "M4"]
    _propose_with = actions.propose_adaptation(
        row, live.users["opco_staff"], sections, "M4 retiré.", row.version
    )
    actions.accept_adaptation(row, live.users["company_admin"], _propose_with.number, row.version)
    row.refresh_from_db()
    assert [m["id"] for m in row.content["modules"]] == ["M1", "M2", "M3", "M5"]
    assert row.content["modules"][0]["real_cost"] == 900.0
    assert all(s["module"] != "M4" for s in row.content["sequences"])


def test_the_history_says_each_step_in_french(live, at):
    row = live.dossier
    _propose(live)
    actions.accept_adaptation(row, live.users["company_admin"], 2, row.version)
    comments = list(row.events.filter(section="changes").values_list("comment", flat=True))
    assert comments[0].startswith("Adaptation (version 2) acceptée le 01/02/2027")
    assert any("proposée à l'entreprise le 01/02/2027" in c for c in comments)
    changed_paths = row.events.filter(section="changes").first().changes
    assert any(c["path"] == "modules[0].hours" for c in changed_paths)


def test_a_draft_is_discarded_by_its_side_only(live, at):
    row = live.dossier
    hold(row, "B1", B1_HELD)
    at(AFTER_B1)
    draft = actions.save_draft(
        row, live.users["company_admin"], Kind.AVENANT, changed(row, M3=70), "", row.version
    )
    with pytest.raises(PermissionDenied):
        actions.discard_draft(row, live.users["opco_staff"], draft.number, row.version)
    actions.discard_draft(row, live.users["facilitator"], draft.number, row.version)
    assert not row.parcours_versions.filter(number=draft.number).exists()


def test_a_finished_contract_does_not_change(live):
    row = live.dossier
    row.status = "completed"
    row.save(update_fields=["status"])
    with pytest.raises(PermissionDenied):
        _propose(live)
