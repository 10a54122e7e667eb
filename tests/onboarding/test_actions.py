"""The only writers of `onboarding`: who may tick (every role), French errors naming the
field with nothing written, the version lock, one history event each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from parcours.dossiers import convert
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.dossiers.models import DossierEvent
from parcours.onboarding import actions

TODAY = dt.date(2026, 11, 22)  # the pinned today


def _tick(w, role, **kw):
    args = {"item": "pieces-rassemblees"} | kw
    return actions.tick(w.dossier, w.users[role], w.dossier.version, **args)


def _ticks(w):
    w.dossier.refresh_from_db()
    block = convert.to_domain(w.dossier).onboarding
    return list(block.ticks) if block else []


@pytest.mark.parametrize("role", ["tutor", "company_admin", "facilitator"])
def test_the_tutor_and_the_company_side_tick_with_a_history_event(world, role):
    _tick(world, role, comment="  Organigramme à jour ")
    (tick,) = _ticks(world)
    assert (tick.item.value, tick.done_on, tick.comment) == (
        "pieces-rassemblees", TODAY, "Organigramme à jour",
    )  # fmt: skip
    assert tick.by == world.users[role].get_full_name()
    event = DossierEvent.objects.filter(dossier=world.dossier).first()
    assert event.section == "onboarding"
    assert "Rassembler les pièces" in event.comment and "22/11/2026" in event.comment


@pytest.mark.parametrize(
    "role", ["trainer", "learner", "opco_staff", "company_admin_other", "facilitator_other"]
)
def test_every_other_role_is_refused(world, role):
    with pytest.raises(PermissionDenied):
        _tick(world, role)
    assert _ticks(world) == []


@pytest.mark.parametrize("status", ["submitted", "refused", "completed", "terminated"])
def test_read_only_states_are_refused(world, status):
    world.dossier.status = status
    world.dossier.save(update_fields=["status"])
    with pytest.raises(PermissionDenied):
        _tick(world, "tutor")


def test_ticking_again_changes_the_day_and_untick_removes_it(world):
    _tick(world, "tutor")
    _tick(world, "company_admin", done_on=dt.date(2026, 11, 20))
    (tick,) = _ticks(world)
    assert tick.done_on == dt.date(2026, 11, 20)
    assert tick.by == world.users["company_admin"].get_full_name()
    actions.untick(world.dossier, world.users["tutor"], world.dossier.version,
                   item="pieces-rassemblees")  # fmt: skip
    assert _ticks(world) == []
    with pytest.raises(InvalidDossier, match="pas coché"):
        actions.untick(world.dossier, world.users["tutor"], world.dossier.version,
                       item="pieces-rassemblees")  # fmt: skip


def test_ticks_are_kept_in_the_guide_order(world):
    _tick(world, "tutor", item="echange-un-mois")
    _tick(world, "tutor", item="accueil")
    assert [t.item.value for t in _ticks(world)] == ["accueil", "echange-un-mois"]


def test_bad_input_names_the_field_and_writes_nothing(world):
    version = world.dossier.version
    with pytest.raises(InvalidDossier) as exc:
        _tick(world, "tutor", done_on=TODAY + dt.timedelta(days=1))
    assert [e.path for e in exc.value.errors] == ["onboarding.done_on"]
    assert "futur" in exc.value.errors[0].message
    with pytest.raises(InvalidDossier) as exc:
        _tick(world, "tutor", item="cafe")
    assert exc.value.errors[0].path == "onboarding.item"
    world.dossier.refresh_from_db()
    assert world.dossier.version == version and _ticks(world) == []


def test_a_stale_version_is_refused(world):
    old = world.dossier.version
    _tick(world, "tutor")
    with pytest.raises(StaleDossier):
        actions.tick(world.dossier, world.users["tutor"], old, item="accueil")
    assert [t.item.value for t in _ticks(world)] == ["pieces-rassemblees"]
