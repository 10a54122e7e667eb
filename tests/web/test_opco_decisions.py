import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from parcours.dossiers import actions
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from tests import factories


@pytest.fixture
def submitted(db):
    return factories.world(status="submitted")


def test_the_opco_accepts_with_an_agreement(submitted):
    row, opco = submitted.dossier, submitted.users["opco_staff"]
    actions.accept_dossier(row, opco, 1, "ACC-2027-001", dt.date(2026, 12, 10))
    row.refresh_from_db()
    assert (row.status, row.agreement_number) == ("accepted", "ACC-2027-001")
    assert row.agreement_date == dt.date(2026, 12, 10)


def test_accepting_without_agreement_number_names_the_field(submitted):
    with pytest.raises(InvalidDossier) as raised:
        actions.accept_dossier(submitted.dossier, submitted.users["opco_staff"], 1, "", None)
    assert [e.path for e in raised.value.errors] == ["agreement_number", "agreement_date"]
    submitted.dossier.refresh_from_db()
    assert submitted.dossier.status == "submitted"


def test_the_company_cannot_accept_its_own_dossier(submitted):
    with pytest.raises(PermissionDenied):
        actions.accept_dossier(
            submitted.dossier, submitted.users["company_admin"], 1, "X", dt.date(2026, 12, 10)
        )


def test_asking_for_changes_keeps_one_comment_per_section(submitted):
    row = submitted.dossier
    asks = {"modules": "Détaillez le module 2.", "tutor": "Expérience ?"}
    actions.request_changes(row, submitted.users["opco_staff"], 1, asks)
    assert row.status == "changes_requested"
    comments = dict(row.section_comments.values_list("section", "text"))
    assert comments == {"modules": "Détaillez le module 2.", "tutor": "Expérience ?"}
    assert perms_can_edit(submitted, "modules")


def perms_can_edit(world, section):
    from parcours.dossiers.perms import can_edit_section

    return can_edit_section(world.users["company_admin"], world.dossier, section)


def test_asking_for_changes_needs_a_comment(submitted):
    with pytest.raises(InvalidDossier) as raised:
        actions.request_changes(submitted.dossier, submitted.users["opco_staff"], 1, {"x": " "})
    assert raised.value.errors[0].path == "comments"


def test_refusing_needs_a_reason(submitted):
    with pytest.raises(InvalidDossier):
        actions.refuse_dossier(submitted.dossier, submitted.users["opco_staff"], 1, "")
    actions.refuse_dossier(submitted.dossier, submitted.users["opco_staff"], 1, "Hors champ.")
    event = submitted.dossier.events.get()
    assert (event.to_status, event.comment) == ("refused", "Hors champ.")


def test_a_decision_on_a_stale_version_is_refused(submitted):
    with pytest.raises(StaleDossier):
        actions.refuse_dossier(submitted.dossier, submitted.users["opco_staff"], 7, "Non.")
    submitted.dossier.refresh_from_db()
    assert submitted.dossier.status == "submitted"
