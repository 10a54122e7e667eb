"""Lessons learned (guide action 5 ⑤, step 6), pure: the end of the parcours, who still has
to answer, the window of the to-do list, the format block's limits."""

from __future__ import annotations

import datetime as dt

import pytest

from parcours.domain import lessons as ls
from parcours.domain.dossier import Quality
from parcours.domain.loading import InvalidDossier, parse_dossier
from parcours.domain.todo import Kind, Role, todo


def _ended(data, status="completed", **changes):
    return parse_dossier({**data, "status": status, **changes})


def _answer(quality, again="oui"):
    return {"quality": quality, "by": "X", "answered_on": "2026-11-20", "again": again}


def test_a_running_parcours_has_no_end_and_asks_nothing(valid_dossier_data):
    d = parse_dossier({**valid_dossier_data, "status": "running"})
    assert ls.end_date(d) is None
    assert ls.open_qualities(d, dt.date(2030, 1, 1)) == []
    assert not ls.debrief_open(d, dt.date(2030, 1, 1))


def test_completed_ends_at_the_action_end_terminated_at_the_rupture(valid_dossier_data):
    d = _ended(valid_dossier_data)
    assert ls.end_date(d) == d.contract.action_end
    rupture = {"date": "2026-06-30", "reason": "Démission"}
    d = _ended(valid_dossier_data, "terminated", rupture=rupture)
    assert ls.end_date(d) == dt.date(2026, 6, 30)


def test_each_party_present_is_asked_until_it_answers_within_the_window(valid_dossier_data):
    d = _ended(valid_dossier_data)
    end = ls.end_date(d)
    expected = [Quality.COMPANY, Quality.TUTOR, Quality.LEARNER]
    if d.facilitator is not None:
        expected.append(Quality.FACILITATOR)
    assert ls.open_qualities(d, end) == expected
    d = _ended(valid_dossier_data, lessons={"answers": [_answer("tuteur")]})
    assert Quality.TUTOR not in ls.open_qualities(d, end)
    # The last day of the window, then nothing: an old parcours is not reminded.
    assert ls.open_qualities(d, end + ls.WINDOW)
    assert ls.open_qualities(d, end + ls.WINDOW + dt.timedelta(days=1)) == []
    assert ls.debrief_open(d, end + ls.WINDOW)
    assert not ls.debrief_open(d, end + ls.WINDOW + dt.timedelta(days=1))


def test_no_tutor_no_facilitator_not_asked(valid_dossier_data):
    d = _ended(valid_dossier_data, tutor=None, facilitator=None)
    assert ls.expected_qualities(d) == (Quality.COMPANY, Quality.LEARNER)


def test_the_todo_asks_each_party_its_opinion_and_the_company_side_the_debrief(
    valid_dossier_data,
):
    d = _ended(valid_dossier_data, lessons={"answers": [_answer("salarie")]})
    end = ls.end_date(d)
    items = todo(d, end + dt.timedelta(days=3))
    lessons = [i for i in items if i.kind == Kind.LESSONS]
    assert {i.role for i in lessons} >= {Role.COMPANY_ADMIN, Role.TUTOR}
    assert Role.LEARNER not in {i.role for i in lessons}  # answered
    assert all(i.title.startswith("Donner votre avis sur le parcours") for i in lessons)
    assert all(i.due == end + ls.ANSWER_DELAY for i in lessons)
    debrief = [i for i in items if i.kind == Kind.DEBRIEF]
    assert {i.role for i in debrief} == {Role.COMPANY_ADMIN, Role.FACILITATOR}
    assert "l'OPCO invité" in debrief[0].title
    # Before the end, nothing; the debrief held: no debrief item.
    assert not [i for i in todo(d, end - dt.timedelta(days=1)) if i.kind == Kind.LESSONS]
    held = {"held_on": "2026-11-20", "participants": ["Anne"], "opco_invited": True}
    d = _ended(valid_dossier_data, lessons={"answers": [], "debrief": held})
    assert not [i for i in todo(d, end + dt.timedelta(days=3)) if i.kind == Kind.DEBRIEF]


def test_the_block_refuses_two_answers_of_one_party_and_a_trainer(valid_dossier_data):
    with pytest.raises(InvalidDossier):
        _ended(valid_dossier_data, lessons={"answers": [_answer("tuteur"), _answer("tuteur")]})
    with pytest.raises(InvalidDossier):
        _ended(valid_dossier_data, lessons={"answers": [_answer("formateur")]})
    with pytest.raises(InvalidDossier):
        _ended(valid_dossier_data, lessons={"answers": [_answer("tuteur", "bof")]})
    with pytest.raises(InvalidDossier):
        _ended(valid_dossier_data, lessons={"debrief": {"held_on": "2026-11-20",
                                                         "participants": []}})  # fmt: skip


def test_errors_name_the_field_in_french():
    assert ls.answer_errors("", "", "bof")[0][0] == "again"
    assert ls.answer_errors("x" * (ls.TEXT_MAX + 1), "", "oui") == [
        ("worked", f"Ce texte dépasse {ls.TEXT_MAX} signes.")
    ]
    today = dt.date(2026, 11, 22)
    assert [f for f, _ in ls.debrief_errors(today + dt.timedelta(days=1), [], None, today)] == [
        "held_on", "participants"]  # fmt: skip
    assert ls.debrief_errors(today, ["Anne"], None, today) == []
