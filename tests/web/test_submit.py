import pytest
from django.core.exceptions import PermissionDenied

from parcours.dossiers import actions
from parcours.dossiers.errors import InvalidDossier, TransitionRefused
from tests import factories


def test_the_company_submits_a_clean_draft(world):
    event = actions.submit_dossier(world.dossier, world.users["company_admin"], 1)
    world.dossier.refresh_from_db()
    assert world.dossier.status == "submitted"
    assert world.dossier.content["status"] == "submitted"
    assert (event.kind, event.from_status, event.to_status) == ("transition", "draft", "submitted")


def test_the_facilitator_may_submit_too(world):
    actions.submit_dossier(world.dossier, world.users["facilitator"], 1)
    assert world.dossier.status == "submitted"


def test_a_bloquant_finding_refuses_the_submission(world):
    row = factories.dossier(world.company, data=factories.example("volume-insuffisant"))
    with pytest.raises(TransitionRefused) as raised:
        actions.submit_dossier(row, world.users["company_admin"], 1)
    assert any("VOL-01" in r for r in raised.value.reasons)
    row.refresh_from_db()
    assert (row.status, row.version) == ("draft", 1)
    assert not row.events.exists()


def test_every_alerte_needs_a_justification_before_submission(world):
    row = factories.dossier(world.company, data=factories.example("alertes-redaction-et-formateur"))
    admin = world.users["company_admin"]
    with pytest.raises(TransitionRefused) as raised:
        actions.submit_dossier(row, admin, 1)
    unjustified = [r for r in raised.value.reasons if "doit être justifiée" in r]
    assert unjustified
    from parcours.dossiers.lifecycle import report_at, unjustified_alerts

    for finding in unjustified_alerts(row, report_at(row, "submitted")):
        actions.justify_alert(row, admin, finding.rule, finding.path, "Choix assumé et expliqué.")
    actions.submit_dossier(row, admin, row.version)
    assert row.status == "submitted"


def test_a_justification_must_name_an_existing_alerte(world):
    with pytest.raises(InvalidDossier) as raised:
        actions.justify_alert(world.dossier, world.users["company_admin"], "REF-02", "x", "…")
    assert raised.value.errors[0].path == "rule"


@pytest.mark.parametrize("role", ["opco_staff", "tutor", "trainer", "learner"])
def test_other_roles_cannot_submit(world, role):
    with pytest.raises(PermissionDenied):
        actions.submit_dossier(world.dossier, world.users[role], 1)


def test_a_submitted_dossier_cannot_be_submitted_again(world):
    actions.submit_dossier(world.dossier, world.users["company_admin"], 1)
    with pytest.raises(TransitionRefused) as raised:
        actions.submit_dossier(world.dossier, world.users["company_admin"], 2)
    assert "Soumis à l'OPCO" in raised.value.message
