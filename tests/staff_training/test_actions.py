"""The only writers of `staff_training`: permission for every role, French errors naming the
field with nothing written, the version lock, one history event each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from parcours.dossiers import convert
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.dossiers.models import DossierEvent
from parcours.staff_training import actions

DEC_1 = dt.date(2026, 12, 1)


def _plan(w, role, **kw):
    args = {"person": "tuteur", "course": "fondamentaux-tutorat", "planned_on": DEC_1} | kw
    return actions.plan_training(w.dossier, w.users[role], w.dossier.version, **args)


def _block(w):
    w.dossier.refresh_from_db()
    return convert.to_domain(w.dossier).staff_training


@pytest.mark.parametrize("role", ["company_admin", "facilitator"])
def test_the_company_side_plans_a_training_with_a_history_event(world, role):
    _plan(world, role, provider="  Atlas ")
    entry = _block(world).trainings[0]
    assert (entry.person, entry.planned_on, entry.provider) == ("tuteur", DEC_1, "Atlas")
    event = DossierEvent.objects.filter(dossier=world.dossier).first()
    assert event.section == "staff_training"
    assert "Les fondamentaux du tutorat" in event.comment and "Sophie Bernard" in event.comment


@pytest.mark.parametrize(
    "role", ["tutor", "trainer", "learner", "opco_staff", "company_admin_other",
             "facilitator_other"],
)  # fmt: skip
def test_every_other_role_is_refused(world, role):
    with pytest.raises(PermissionDenied):
        _plan(world, role)
    with pytest.raises(PermissionDenied):
        actions.set_time(world.dossier, world.users[role], world.dossier.version,
                         person="tuteur", hours_per_month=8)  # fmt: skip
    assert _block(world) is None


@pytest.mark.parametrize("status", ["submitted", "refused", "completed", "terminated"])
def test_read_only_states_are_refused(world, status):
    world.dossier.status = status
    world.dossier.save(update_fields=["status"])
    with pytest.raises(PermissionDenied):
        _plan(world, "company_admin")


def test_a_running_contract_may_still_plan(world):
    world.dossier.status = "running"
    world.dossier.save(update_fields=["status"])
    _plan(world, "company_admin")
    assert len(_block(world).trainings) == 1


def test_planning_again_changes_the_one_entry_and_marks_it_done(world):
    _plan(world, "company_admin")
    _plan(world, "company_admin", done_on=dt.date(2026, 11, 20))
    trainings = _block(world).trainings
    assert len(trainings) == 1 and trainings[0].done_on == dt.date(2026, 11, 20)


def test_bad_input_names_the_field_and_writes_nothing(world):
    version = world.dossier.version
    with pytest.raises(InvalidDossier) as caught:
        _plan(world, "company_admin", person="F7", done_on=dt.date(2030, 1, 1))
    paths = {e.path for e in caught.value.errors}
    assert paths == {"staff_training.person", "staff_training.done_on"}
    world.dossier.refresh_from_db()
    assert world.dossier.version == version and _block(world) is None


def test_a_stale_version_is_refused(world):
    _plan(world, "company_admin")
    with pytest.raises(StaleDossier):
        actions.plan_training(world.dossier, world.users["facilitator"], 1, person="F1",
                              course="referent-afest", planned_on=DEC_1)  # fmt: skip


def test_remove_and_time_set_aside(world):
    _plan(world, "company_admin")
    w = world
    actions.remove_training(w.dossier, w.users["facilitator"], w.dossier.version,
                            person="tuteur", course="fondamentaux-tutorat")  # fmt: skip
    assert _block(w).trainings == []
    with pytest.raises(InvalidDossier):
        actions.remove_training(w.dossier, w.users["facilitator"], w.dossier.version,
                                person="tuteur", course="fondamentaux-tutorat")  # fmt: skip
    actions.set_time(w.dossier, w.users["company_admin"], w.dossier.version, person="F1",
                     hours_per_month=7.5)  # fmt: skip
    assert [(x.person, x.hours_per_month) for x in _block(w).time_set_aside] == [("F1", 7.5)]
    event = DossierEvent.objects.filter(dossier=w.dossier).first()
    assert event.comment == "Temps dégagé pour Marc Petit : 7,5\u00a0h par mois."
    actions.set_time(w.dossier, w.users["company_admin"], w.dossier.version, person="F1",
                     hours_per_month=None)  # fmt: skip
    assert _block(w).time_set_aside == []
    with pytest.raises(InvalidDossier) as caught:
        actions.set_time(w.dossier, w.users["company_admin"], w.dossier.version,
                         person="tuteur", hours_per_month=-1)  # fmt: skip
    assert caught.value.errors[0].path == "staff_training.hours_per_month"
