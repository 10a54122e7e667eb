"""The actions check on their own that the user may see the dossier: the views' 404
(`get_dossier_for`) is not the only guard. Each is called directly, as an outsider (the
other company's admin, the other facilitator), and must refuse and write nothing; the
livret is read-only once the contract is over."""

import pytest
from django.core.exceptions import PermissionDenied

from parcours.dossiers import actions, perms
from parcours.dossiers.models import Dossier, DossierEvent

pytestmark = pytest.mark.django_db
OUTSIDERS = ["company_admin_other", "facilitator_other"]


def snapshot(row):
    fresh = Dossier.objects.get(pk=row.pk)
    people = (fresh.tutor_id, fresh.learner_id, sorted(fresh.trainers.values_list("pk", flat=True)))
    events = DossierEvent.objects.filter(dossier=row).count()
    return fresh.version, fresh.content, fresh.livret_sections, people, events


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_an_outsider_may_edit_no_section(world, outsider):
    assert perms.editable_sections(world.users[outsider], world.dossier) == frozenset()


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_update_section_refuses_an_outsider_and_writes_nothing(world, outsider, monkeypatch):
    row, before = world.dossier, snapshot(world.dossier)
    # Even if the section table let them through, the action checks the dossier is theirs.
    monkeypatch.setattr(perms, "editable_sections", lambda user, dossier: frozenset({"contract"}))
    job = {**row.content["contract"], "job_title": "Poste réécrit par un inconnu"}
    with pytest.raises(PermissionDenied):
        actions.update_section(row, world.users[outsider], "contract", job, row.version)
    assert snapshot(row) == before


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_assign_people_refuses_an_outsider_and_writes_nothing(world, outsider, monkeypatch):
    row, before = world.dossier, snapshot(world.dossier)
    monkeypatch.setattr(perms, "can_assign_people", lambda user, dossier: True)
    with pytest.raises(PermissionDenied):
        actions.assign_people(row, world.users[outsider], row.version, tutor=None, learner=None)
    assert snapshot(row) == before


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_update_livret_refuses_an_outsider_and_writes_nothing(world, outsider, monkeypatch):
    row, before = world.dossier, snapshot(world.dossier)
    monkeypatch.setattr(perms, "can_edit_livret", lambda user, dossier: True)
    with pytest.raises(PermissionDenied):
        actions.update_livret(row, world.users[outsider], {"Accueil": "Intrus"}, row.version)
    assert snapshot(row) == before


def test_the_outsider_checks_hold_without_any_monkeypatch(world):
    row, before = world.dossier, snapshot(world.dossier)
    outsider = world.users["company_admin_other"]
    with pytest.raises(PermissionDenied):
        actions.update_section(row, outsider, "contract", row.content["contract"], row.version)
    with pytest.raises(PermissionDenied):
        actions.assign_people(row, outsider, row.version)
    with pytest.raises(PermissionDenied):
        actions.update_livret(row, outsider, {"Accueil": "Intrus"}, row.version)
    assert snapshot(row) == before


@pytest.mark.parametrize("status", ["completed", "terminated", "refused"])
@pytest.mark.parametrize("role", ["company_admin", "facilitator"])
def test_the_livret_is_read_only_once_the_contract_is_over(world, status, role):
    row = world.dossier
    Dossier.objects.filter(pk=row.pk).update(status=status)
    row.refresh_from_db()
    before = snapshot(row)
    assert not perms.can_edit_livret(world.users[role], row)
    with pytest.raises(PermissionDenied):
        actions.update_livret(row, world.users[role], {"Accueil": "Après la fin"}, row.version)
    assert snapshot(row) == before


@pytest.mark.parametrize("status", ["draft", "submitted", "running"])
def test_the_livret_is_written_until_the_contract_runs(world, status):
    row = world.dossier
    Dossier.objects.filter(pk=row.pk).update(status=status)
    row.refresh_from_db()
    actions.update_livret(row, world.users["company_admin"], {"Accueil": "Texte"}, row.version)
    row.refresh_from_db()
    assert row.livret_sections == {"Accueil": "Texte"}
