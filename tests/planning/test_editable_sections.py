"""Who edits which section once the OPCO has accepted: the design is frozen, the sessions
are never a section anyone replaces (parcours.planning writes them)."""

import pytest

from parcours.dossiers import perms
from tests import factories

pytestmark = pytest.mark.django_db

DESIGN = ("company", "learner", "contract", "competences", "positioning", "modules", "sequences",
          "tutor", "trainers")  # fmt: skip
# During the contract: what it records (the rupture and the attestation have writers of
# their own, `parcours.closing`, and may leave the generic section edit).
RECORDED = {"reviews", "documents", "changes"}
CLOSING = {"rupture", "attestation"}
LIVE = {
    "company_admin": RECORDED,
    "facilitator": RECORDED,
    "tutor": {"reviews"},
    "trainer": {"reviews"},
    "learner": set(),
    "opco_staff": set(),
}


@pytest.mark.parametrize("status", ["draft", "changes_requested", "accepted", "running"])
def test_nobody_edits_the_sessions_as_a_section(status):
    world = factories.world(status=status)
    for user in world.users.values():
        assert not perms.can_edit_section(user, world.dossier, "sessions")


@pytest.mark.parametrize("status", ["accepted", "running"])
@pytest.mark.parametrize("role", sorted(LIVE))
def test_after_acceptance_only_what_the_contract_records_is_editable(status, role):
    world = factories.world(status=status)
    editable = perms.editable_sections(world.users[role], world.dossier)
    assert LIVE[role] <= editable <= LIVE[role] | (CLOSING if LIVE[role] == RECORDED else set())
    for section in DESIGN:
        assert not perms.can_edit_section(world.users[role], world.dossier, section)


def test_the_design_stays_editable_by_the_company_side_in_a_draft(world):
    for role in ("company_admin", "facilitator"):
        editable = perms.editable_sections(world.users[role], world.dossier)
        assert set(DESIGN) <= editable


@pytest.mark.parametrize(
    ("status", "role", "allowed"),
    [
        ("accepted", "company_admin", True),
        ("running", "facilitator", True),
        ("draft", "company_admin", False),
        ("submitted", "company_admin", False),
        ("completed", "company_admin", False),
        ("running", "tutor", False),
        ("running", "trainer", False),
        ("running", "learner", False),
        ("running", "opco_staff", False),
        ("running", "company_admin_other", False),
    ],
)
def test_only_the_company_side_plans_a_live_contract(status, role, allowed):
    world = factories.world(status=status)
    assert perms.can_plan(world.users[role], world.dossier) is allowed
