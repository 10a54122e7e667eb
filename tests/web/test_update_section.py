import pytest
from django.core.exceptions import PermissionDenied

from parcours.dossiers import actions
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.dossiers.models import Dossier, DossierEvent


def _contract(dossier, **change):
    return {**dossier.content["contract"], **change}


def test_it_saves_the_section_bumps_the_version_and_records_the_diff(world):
    admin, row = world.users["company_admin"], world.dossier
    actions.update_section(row, admin, "contract", _contract(row, job_title="Paie"), 1)
    row.refresh_from_db()
    assert row.content["contract"]["job_title"] == "Paie"
    assert row.version == 2
    event = row.events.get()
    assert (event.actor, event.kind, event.section) == (admin, "edit", "contract")
    assert event.changes == [
        {"path": "contract.job_title", "before": "Gestionnaire de paie", "after": "Paie"}
    ]


def test_the_second_of_two_concurrent_saves_is_refused_and_the_first_kept(world):
    row = world.dossier
    first = Dossier.objects.get(pk=row.pk)  # both people opened version 1
    second = Dossier.objects.get(pk=row.pk)
    actions.update_section(
        first, world.users["company_admin"], "contract", _contract(first, job_title="Première"), 1
    )
    with pytest.raises(StaleDossier) as raised:
        actions.update_section(
            second,
            world.users["facilitator"],
            "contract",
            _contract(second, job_title="Seconde"),
            1,
        )
    assert "Quelqu'un d'autre a enregistré ce dossier avant vous" in raised.value.message
    assert "les siennes sont conservées" in raised.value.message
    row.refresh_from_db()
    assert row.content["contract"]["job_title"] == "Première"
    assert row.version == 2
    assert row.events.count() == 1


def test_a_bad_field_is_named_in_french_and_nothing_is_written(world):
    row = world.dossier
    before = Dossier.objects.get(pk=row.pk).content
    with pytest.raises(InvalidDossier) as raised:
        actions.update_section(
            row,
            world.users["company_admin"],
            "contract",
            _contract(row, weekly_hours="beaucoup"),
            1,
        )
    assert raised.value.errors[0].path == "contract.weekly_hours"
    assert raised.value.errors[0].message == "doit être un nombre"
    row.refresh_from_db()
    assert (row.content, row.version) == (before, 1)
    assert not DossierEvent.objects.exists()


def test_an_unknown_field_is_refused(world):
    row = world.dossier
    with pytest.raises(InvalidDossier) as raised:
        actions.update_section(
            row, world.users["company_admin"], "contract", _contract(row, salaire=1800), 1
        )
    assert raised.value.errors[0].path == "contract.salaire"


def test_a_tutor_cannot_edit_the_contract(world):
    row = world.dossier
    with pytest.raises(PermissionDenied):
        actions.update_section(row, world.users["tutor"], "contract", _contract(row), 1)
    row.refresh_from_db()
    assert row.version == 1


def test_a_facilitator_editing_the_learner_keeps_the_benefits_it_cannot_see(world):
    row = world.dossier
    learner = {k: v for k, v in row.content["learner"].items() if k != "benefits"}
    actions.update_section(
        row, world.users["facilitator"], "learner", {**learner, "first_name": "Nina"}, 1
    )
    row.refresh_from_db()
    assert row.content["learner"]["benefits"] == ["rsa"]
    assert row.content["learner"]["first_name"] == "Nina"


def test_an_event_with_benefits_is_shown_without_them_to_the_facilitator(world):
    from parcours.dossiers import perms

    row = world.dossier
    learner = {**row.content["learner"], "benefits": ["aah"], "first_name": "Nina"}
    actions.update_section(row, world.users["company_admin"], "learner", learner, 1)
    event = row.events.get()
    seen = perms.event_changes_for(world.users["facilitator"], row, event)
    assert [c["path"] for c in seen] == ["learner.first_name"]
    row.status = "submitted"  # the OPCO sees a dossier from its first submission
    row.save()
    assert len(perms.event_changes_for(world.users["opco_staff"], row, event)) == 2
