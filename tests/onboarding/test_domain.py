"""The welcome checklist (guide action 6), pure: due dates from the contract's start, late
items, what the to-do lists show, the format's limits."""

from __future__ import annotations

import datetime as dt

import pytest

from parcours.domain import onboarding as ob
from parcours.domain.dossier import OnboardingStep
from parcours.domain.loading import InvalidDossier, parse_dossier
from parcours.domain.todo import Kind, Role, Target, todo

START = dt.date(2027, 1, 4)  # the shared example's contract start (a Monday)


def _dossier(data, status="running", ticks=()):
    data = {**data, "status": status}
    if ticks:
        data["onboarding"] = {"ticks": list(ticks)}
    return parse_dossier(data)


def test_due_dates_are_counted_from_the_contract_start(valid_dossier_data):
    lines = {line.item.code: line.due for line in ob.checklist(_dossier(valid_dossier_data))}
    assert lines[OnboardingStep.PAPERS] == dt.date(2027, 1, 3)  # the day before
    assert lines[OnboardingStep.WORKSTATION] == dt.date(2027, 1, 3)
    assert lines[OnboardingStep.WELCOME] == START
    assert lines[OnboardingStep.BOOKLET] == START
    assert lines[OnboardingStep.WALKTHROUGH] == dt.date(2027, 1, 10)  # end of the 1st week
    assert lines[OnboardingStep.CHECK_IN] == dt.date(2027, 2, 4)  # a month after
    assert len(lines) == len(OnboardingStep) == 8


def test_a_month_after_a_31st_is_the_end_of_the_next_month(valid_dossier_data):
    valid_dossier_data["contract"]["start_date"] = "2027-01-31"
    lines = {x.item.code: x.due for x in ob.checklist(_dossier(valid_dossier_data))}
    assert lines[OnboardingStep.CHECK_IN] == dt.date(2027, 2, 28)


def test_late_items_are_those_not_ticked_after_their_due_date(valid_dossier_data):
    tick = {"item": "pieces-rassemblees", "done_on": "2026-12-20", "by": "Sophie Bernard"}
    d = _dossier(valid_dossier_data, ticks=[tick])
    assert ob.late(d, dt.date(2027, 1, 3)) == []  # due that day: not late yet
    late = [x.item.code for x in ob.late(d, dt.date(2027, 1, 4))]
    assert late == [OnboardingStep.WORKSTATION]  # the papers are ticked
    late = {x.item.code for x in ob.late(d, dt.date(2027, 1, 11))}
    assert OnboardingStep.WALKTHROUGH in late and OnboardingStep.CHECK_IN not in late
    assert ob.progress(d) == (1, 8)


def test_the_to_do_lists_items_from_their_notice_for_the_tutor_and_the_company_side(
    valid_dossier_data,
):
    d = _dossier(valid_dossier_data, status="accepted")
    assert [i for i in todo(d, dt.date(2026, 12, 19)) if i.kind == Kind.ONBOARDING] == []
    items = [i for i in todo(d, dt.date(2026, 12, 20)) if i.kind == Kind.ONBOARDING]
    # The two items before the arrival, two weeks ahead, for three roles each.
    assert {i.subject for i in items} == {"pieces-rassemblees", "poste-pret"}
    assert {i.role for i in items} == {Role.TUTOR, Role.COMPANY_ADMIN, Role.FACILITATOR}
    assert all(i.target == Target.ONBOARDING and i.anchor == i.subject for i in items)
    paper = next(i for i in items if i.subject == "pieces-rassemblees")
    assert paper.title.startswith("Accueil de ") and "rassembler les pièces" in paper.title
    assert paper.due == dt.date(2027, 1, 3)
    assert not any(i.role == Role.LEARNER for i in items)


def test_a_ticked_item_leaves_the_to_do(valid_dossier_data):
    tick = {"item": "pieces-rassemblees", "done_on": "2026-12-21", "by": "Jean Tuteur"}
    d = _dossier(valid_dossier_data, status="accepted", ticks=[tick])
    subjects = {i.subject for i in todo(d, dt.date(2026, 12, 21)) if i.kind == Kind.ONBOARDING}
    assert subjects == {"poste-pret"}


def test_items_long_overdue_leave_the_to_do_but_stay_late(valid_dossier_data):
    d = _dossier(valid_dossier_data)
    day = START + dt.timedelta(days=31)
    subjects = {i.subject for i in todo(d, day) if i.kind == Kind.ONBOARDING}
    assert subjects == {"referentiel-parcouru", "echange-un-mois"}
    assert len(ob.late(d, day)) == 7


@pytest.mark.parametrize("status", ["draft", "submitted", "completed", "terminated"])
def test_no_onboarding_item_outside_an_accepted_or_running_contract(valid_dossier_data, status):
    d = _dossier(valid_dossier_data, status=status)
    assert [i for i in todo(d, START) if i.kind == Kind.ONBOARDING] == []


def test_an_item_is_ticked_once_and_the_format_has_limits(valid_dossier_data):
    tick = {"item": "accueil", "done_on": "2027-01-04", "by": "Jean Tuteur"}
    with pytest.raises(InvalidDossier, match="coché deux fois"):
        _dossier(valid_dossier_data, ticks=[tick, tick])
    with pytest.raises(InvalidDossier):
        _dossier(valid_dossier_data, ticks=[{**tick, "comment": "x" * 501}])
    with pytest.raises(InvalidDossier):
        _dossier(valid_dossier_data, ticks=[{**tick, "item": "cafe"}])
    assert _dossier(valid_dossier_data).onboarding is None  # today's files stay valid


def test_tick_errors_name_the_field_in_french(valid_dossier_data):
    d = _dossier(valid_dossier_data)
    today = dt.date(2027, 1, 5)
    assert ob.tick_errors(d, "accueil", today, "", today) == []
    assert ob.tick_errors(d, "cafe", today, "", today)[0][0] == "item"
    assert ob.tick_errors(d, "accueil", today + dt.timedelta(days=1), "", today) == [
        ("done_on", "la date ne peut pas être dans le futur")
    ]
    assert ob.tick_errors(d, "accueil", today, "x" * 501, today)[0][0] == "comment"
