import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from parcours.dossiers import perms
from tests import factories

SEES_THE_DOSSIER = {
    "company_admin": True,
    "company_admin_other": False,
    "facilitator": True,
    "facilitator_other": False,
    "tutor": True,
    "trainer": True,
    "learner": True,
    "opco_staff": False,  # a draft: the OPCO sees a dossier from its first submission
}


@pytest.mark.parametrize("role,sees", SEES_THE_DOSSIER.items())
def test_each_role_sees_only_its_dossiers(world, role, sees):
    assert perms.can_view(world.users[role], world.dossier) is sees


def test_anonymous_sees_nothing(world):
    assert not perms.visible_dossiers(AnonymousUser()).exists()


def test_a_tutor_does_not_see_another_contract_of_the_same_company(world):
    other_tutor = factories.user("tutor", world.company)
    assert not perms.can_view(other_tutor, world.dossier)


def test_a_deactivated_user_sees_nothing(world):
    admin = world.users["company_admin"]
    admin.is_active = False
    assert not perms.can_view(admin, world.dossier)


def test_get_dossier_for_404s_instead_of_403(world):
    with pytest.raises(Http404):
        perms.get_dossier_for(world.users["company_admin_other"], world.dossier.pk)
    assert perms.get_dossier_for(world.users["facilitator"], world.dossier.pk) == world.dossier


@pytest.mark.parametrize(
    "role,sees",
    [
        ("company_admin", True),
        ("opco_staff", True),
        ("facilitator", False),
        ("tutor", False),
        ("trainer", False),
        ("learner", False),
    ],
)
def test_only_company_admin_and_opco_see_the_learners_benefits(world, role, sees):
    world.dossier.status = "submitted"  # the OPCO sees a dossier from its first submission
    world.dossier.save()
    document = perms.document_for(world.users[role], world.dossier)
    assert ("benefits" in document["learner"]) is sees
    assert perms.can_see_benefits(world.users[role], world.dossier) is sees


def test_a_trainer_edits_sequences_but_not_the_contract(world):
    trainer = world.users["trainer"]
    assert perms.can_edit_section(trainer, world.dossier, "sequences")
    assert not perms.can_edit_section(trainer, world.dossier, "contract")


def test_nobody_edits_a_submitted_dossier(world):
    world.dossier.status = "submitted"
    for user in world.users.values():
        assert not perms.editable_sections(user, world.dossier)


def test_allowed_transitions_follow_role_and_state(world):
    names = [t.name for t in perms.allowed_transitions(world.users["company_admin"], world.dossier)]
    assert names == ["submit"]
    assert perms.allowed_transitions(world.users["opco_staff"], world.dossier) == []
