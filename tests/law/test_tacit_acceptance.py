"""DEC-01 and CTR-03 in the database: the submission dates come from the history; an OPCO
silent for 20 days has accepted, and `parcours remind` records it once, with its basis."""

import datetime as dt

import pytest

from parcours.domain.rules import check
from parcours.dossiers import actions, convert
from parcours.dossiers.enums import EventKind, Status
from parcours.reminders.remind import remind

pytestmark = pytest.mark.django_db

SENT = dt.date(2026, 11, 2)


@pytest.fixture
def submitted(world, at):
    at(SENT)
    actions.submit_dossier(world.dossier, world.users["company_admin"], world.dossier.version)
    world.dossier.refresh_from_db()
    return world.dossier


def _rules(row, rule_id, as_of):
    row.refresh_from_db()
    report = check(convert.to_domain(row), as_of=as_of)
    return [f for f in report.findings if f.rule == rule_id]


def test_the_submission_date_comes_from_the_history(submitted):
    block = convert.document(submitted)["submission"]
    assert block == {"submitted_on": "2026-11-02", "first_submitted_on": "2026-11-02"}


def test_day_twenty_the_dossier_still_waits(submitted, at):
    at(SENT + dt.timedelta(days=20))
    summary = remind()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert summary.tacit == []
    assert _rules(submitted, "DEC-01", SENT + dt.timedelta(days=20)) == []


def test_day_twenty_one_the_acceptance_is_tacit_and_recorded_once(submitted, at):
    assert len(_rules(submitted, "DEC-01", SENT + dt.timedelta(days=21))) == 1
    at(SENT + dt.timedelta(days=21))
    summary = remind()
    submitted.refresh_from_db()
    assert submitted.status == Status.ACCEPTED
    assert len(summary.tacit) == 1
    assert "tacitement" in summary.text(False) and "D6325-2" in summary.text(False)
    event = submitted.events.filter(kind=EventKind.TRANSITION).first()
    assert event.actor is None and event.to_status == Status.ACCEPTED
    assert "D6325-2" in event.comment and "02/11/2026" in event.comment
    assert submitted.decided_at is not None and submitted.decision_deadline is None
    remind()  # the next day's run finds nothing more to accept
    assert submitted.events.filter(kind=EventKind.TRANSITION).count() == 2


def test_a_dry_run_accepts_nothing(submitted, at):
    at(SENT + dt.timedelta(days=30))
    summary = remind(dry_run=True)
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert len(summary.tacit) == 1 and "seraient acceptés" in summary.text(True)


def test_a_decision_in_time_leaves_nothing_to_accept(submitted, world, at):
    at(SENT + dt.timedelta(days=5))
    actions.request_changes(
        submitted, world.users["opco_staff"], submitted.version, {"contract": "Précisez."}
    )
    at(SENT + dt.timedelta(days=40))
    assert remind().tacit == []
    submitted.refresh_from_db()
    assert submitted.status == Status.CHANGES_REQUESTED


def test_ctr_03_reads_the_first_submission_once_the_contract_runs(submitted, world, at):
    # The example's contract starts on 2027-01-04: sent two months before, in time.
    at(SENT + dt.timedelta(days=3))
    actions.accept_dossier(submitted, world.users["opco_staff"], submitted.version, "ACC-1", SENT)
    assert _rules(submitted, "CTR-03", dt.date(2027, 2, 1)) == []
