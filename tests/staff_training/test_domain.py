"""Who is proposed which training (guide action 5 ④), late trainings, the format block."""

from __future__ import annotations

import datetime as dt

import pytest

from parcours.domain import staff_training as st
from parcours.domain.dossier import StaffCourse
from parcours.domain.loading import InvalidDossier, parse_dossier
from parcours.domain.todo import Kind, Role, todo

TODAY = dt.date(2026, 11, 22)


def _dossier(data, **changes):
    return parse_dossier({**data, **changes})


def _codes(d, person):
    return [(p.course.code, p.recommended) for p in st.proposals(d) if p.person.id == person]


def test_the_tutor_is_proposed_the_basics_and_the_certification_to_go_further(
    valid_dossier_data,
):
    d = _dossier(valid_dossier_data)
    assert _codes(d, st.TUTOR) == [
        (StaffCourse.TUTORING_BASICS, True),
        (StaffCourse.SKILLS_GROWTH, False),
    ]
    reason = st.proposals(d)[0].reason
    assert "Sophie Bernard est le tuteur" in reason
    assert st.COURSES[StaffCourse.TUTORING_BASICS].hours == 7
    assert [c.hours for c in st.COURSES.values()] == [7, 14, 21, 35]


def test_no_tutor_no_tutoring_proposal(valid_dossier_data):
    d = _dossier(valid_dossier_data, tutor=None)
    assert [p for p in st.people(d) if p.id == st.TUTOR] == []
    assert _codes(d, st.TUTOR) == []


def test_an_untrained_internal_trainer_is_proposed_formateur_occasionnel(valid_dossier_data):
    trainers = [{**valid_dossier_data["trainers"][0], "trainer_training": False}]
    d = _dossier(valid_dossier_data, trainers=trainers)
    assert _codes(d, "F1") == [(StaffCourse.OCCASIONAL_TRAINER, True)]
    assert "TRN-02" in [p for p in st.proposals(d) if p.person.id == "F1"][0].reason


def test_an_afest_trainer_not_aware_is_proposed_referent_afest(valid_dossier_data):
    trainers = [{**valid_dossier_data["trainers"][0], "afest_aware": False}]
    d = _dossier(valid_dossier_data, trainers=trainers)
    assert _codes(d, "F1") == [(StaffCourse.AFEST_REFERENT, True)]
    person = next(p for p in st.people(d) if p.id == "F1")
    assert (person.internal, person.afest, person.role) == (True, True, "Formateur AFEST")


def test_a_trained_and_aware_trainer_gets_nothing_and_is_told_why(valid_dossier_data):
    d = _dossier(valid_dossier_data)
    assert _codes(d, "F1") == []
    assert st.without_proposal(d)["F1"].startswith("A déjà suivi une formation de formateur")


def test_a_trainer_without_internal_module_gets_nothing(valid_dossier_data):
    extra = {**valid_dossier_data["trainers"][0], "id": "F9", "name": "Ext Erne",
             "trainer_training": False, "afest_aware": False}  # fmt: skip
    d = _dossier(valid_dossier_data, trainers=[*valid_dossier_data["trainers"], extra])
    assert _codes(d, "F9") == []
    assert "aucun module interne" in st.without_proposal(d)["F9"]


def test_a_planned_training_is_attached_to_its_proposal(valid_dossier_data):
    block = {"trainings": [{"person": "tuteur", "course": "fondamentaux-tutorat",
                            "planned_on": "2026-12-01", "provider": "Atlas"}]}  # fmt: skip
    d = _dossier(valid_dossier_data, staff_training=block)
    first = st.proposals(d)[0]
    assert first.planned is not None and first.planned.provider == "Atlas"
    assert st.proposals(d)[1].planned is None


def test_overdue_is_planned_passed_and_not_done(valid_dossier_data):
    block = {"trainings": [
        {"person": "tuteur", "course": "fondamentaux-tutorat", "planned_on": "2026-11-10"},
        {"person": "tuteur", "course": "montee-en-competences", "planned_on": "2026-11-10",
         "done_on": "2026-11-12"},
        {"person": "F1", "course": "referent-afest", "planned_on": "2026-12-10"},
    ]}  # fmt: skip
    d = _dossier(valid_dossier_data, staff_training=block)
    late = st.overdue(d, TODAY)
    assert [(e.person, e.course) for e in late] == [("tuteur", StaffCourse.TUTORING_BASICS)]
    assert st.describe(d, late[0]) == "« Les fondamentaux du tutorat » (7 h) de Sophie Bernard"
    assert st.overdue(d, dt.date(2026, 11, 10)) == []


def test_the_todo_list_shows_a_late_training_to_the_company_side(valid_dossier_data):
    block = {
        "trainings": [
            {"person": "tuteur", "course": "fondamentaux-tutorat", "planned_on": "2026-11-10"}
        ]
    }
    d = _dossier(valid_dossier_data, status="draft", staff_training=block)
    items = [i for i in todo(d, TODAY) if i.kind == Kind.STAFF_TRAINING]
    assert {i.role for i in items} == {Role.COMPANY_ADMIN, Role.FACILITATOR}
    assert all(i.late(TODAY) for i in items)
    assert "prévue le 10 novembre 2026" in items[0].title
    done = {**block["trainings"][0], "done_on": "2026-11-10"}
    d = _dossier(valid_dossier_data, status="draft", staff_training={"trainings": [done]})
    assert [i for i in todo(d, TODAY) if i.kind == Kind.STAFF_TRAINING] == []


def test_entry_errors_name_each_field_in_french(valid_dossier_data):
    d = _dossier(valid_dossier_data)
    errors = dict(st.entry_errors(d, "F7", "cuisine", None, "x" * 201, TODAY + dt.timedelta(1),
                                  TODAY))  # fmt: skip
    assert set(errors) == {"person", "course", "provider", "done_on"}
    assert "dans le futur" in errors["done_on"]
    assert dict(st.entry_errors(d, "tuteur", "referent-afest", None, "", None, TODAY)) == {
        "planned_on": "indiquez la date prévue de la formation"
    }
    assert dict(st.hours_errors(d, "tuteur", 201)).keys() == {"hours_per_month"}


def test_today_files_stay_valid_and_the_block_has_limits(valid_dossier_data):
    assert parse_dossier(valid_dossier_data).staff_training is None
    with pytest.raises(InvalidDossier):
        _dossier(valid_dossier_data, staff_training={"time_set_aside": [
            {"person": "tuteur", "hours_per_month": 500}]})  # fmt: skip
    with pytest.raises(InvalidDossier):
        _dossier(valid_dossier_data, staff_training={"trainings": [
            {"person": "tuteur", "course": "yoga"}]})  # fmt: skip
