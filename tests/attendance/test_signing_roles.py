"""Every role × every way of signing, through the actions: one signs only one's own line;
a refusal raises `PermissionDenied` and stores nothing (no record, no link, no event)."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from parcours.attendance import actions as attendance
from parcours.attendance import perms as attendance_perms
from parcours.attendance.verify import verify_dossier
from parcours.domain.dossier import Signer, SigningMethod
from tests.attendance.conftest import PDF, PNG, stored

ROLES = (
    "anonymous",
    "company_admin",
    "company_admin_other",
    "facilitator",
    "facilitator_other",
    "tutor",
    "trainer",
    "learner",
    "opco_staff",
)


def _learner_line(w, user):
    return attendance.sign_session(w.dossier, user, "S1", signer=Signer.LEARNER)


def _trainer_line(w, user):
    return attendance.sign_session(w.dossier, user, "S1", signer=Signer.TRAINER)


def _tablet(w, user):
    return attendance.sign_session(
        w.dossier, user, "S1", signer=Signer.LEARNER, method="tablet", drawn_signature=PNG
    )


def _absence(w, user):
    return attendance.record_absence(w.dossier, user, "S1", signer="learner", reason="Malade")


def _trainer_absence(w, user):
    return attendance.record_absence(w.dossier, user, "S1", signer="trainer", reason="Grève")


def _link(w, user):
    return attendance.create_signing_link(w.dossier, user, "S1", signer="learner")


def _sheet(w, user):
    sheet = io.BytesIO(PDF)
    sheet.name = "feuille.pdf"
    return attendance.upload_provider_sheet(w.dossier, user, ["S2"], sheet)


KINDS = {
    "learner_line": (_learner_line, {"learner"}),
    "tablet": (_tablet, {"learner"}),
    "trainer_line": (_trainer_line, {"trainer"}),
    "learner_absence": (_absence, {"learner", "trainer", "company_admin", "facilitator"}),
    "trainer_absence": (_trainer_absence, {"trainer"}),
    "link": (_link, {"trainer", "company_admin", "facilitator"}),
    "provider_sheet": (_sheet, {"company_admin", "facilitator"}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", KINDS)
def test_each_role_signs_only_what_is_theirs_and_a_refusal_stores_nothing(running, role, kind):
    write, allowed = KINDS[kind]
    user = running.users.get(role) or AnonymousUser()
    before = stored(running.dossier)
    if role in allowed:
        write(running, user)
        assert stored(running.dossier) != before
        assert verify_dossier(running.dossier) == []
    else:
        with pytest.raises(PermissionDenied):
            write(running, user)
        assert stored(running.dossier) == before


@pytest.mark.parametrize("role", ROLES)
def test_can_sign_answers_like_the_action(running, role):
    user = running.users.get(role) or AnonymousUser()
    row = running.dossier
    assert attendance_perms.can_sign(user, row, "S1", "learner") == (role == "learner")
    assert attendance_perms.can_sign(user, row, "S1", "trainer") == (role == "trainer")
    assert attendance_perms.can_create_link(user, row, "S1", "learner") == (
        role in {"trainer", "company_admin", "facilitator"}
    )
    assert attendance_perms.can_upload_provider_sheet(user, row) == (
        role in {"company_admin", "facilitator"}
    )


def test_a_record_says_who_how_and_when_at_the_servers_second(running):
    signature = _tablet(running, running.users["learner"])
    assert signature.signer_user == running.users["learner"]
    assert signature.method == SigningMethod.TABLET
    assert signature.signed_at.microsecond == 0
    assert signature.evidence_sha256 and signature.evidence_path.startswith("attendance/")
    assert signature.evidence_path.endswith(".png")
    record = signature.as_record()
    assert record["signed_at"].endswith("Z") and record["seq"] == 1


def test_a_trainer_signs_only_the_sessions_of_the_trainer_mapped_to_them(running):
    """F2 runs S4; the `trainer` account is F1: it may not sign S4's trainer line, and F2's
    own account may sign S4 but not S1."""
    from parcours.accounts.enums import Role
    from tests import factories

    row = running.dossier
    other = factories.user(Role.TRAINER, running.company)
    trainers = row.content["trainers"] + [{**row.content["trainers"][0], "id": "F2"}]
    s1 = row.content["sessions"][0]
    row.content = {
        **row.content,
        "trainers": trainers,
        "sessions": [*row.content["sessions"], {**s1, "id": "S4", "trainer": "F2"}],
    }
    row.trainer_accounts = {"F1": running.users["trainer"].pk, "F2": other.pk}
    row.save()
    row.trainers.add(other)
    before = stored(row)
    with pytest.raises(PermissionDenied):
        attendance.sign_session(row, running.users["trainer"], "S4", signer="trainer")
    with pytest.raises(PermissionDenied):
        attendance.sign_session(row, other, "S1", signer="trainer")
    assert stored(row) == before
    assert attendance.sign_session(row, other, "S4", signer="trainer").trainer_ref == "F2"


def test_an_unmapped_trainer_account_signs_nothing(running):
    row = running.dossier
    row.trainer_accounts = {}
    row.save()
    with pytest.raises(PermissionDenied):
        attendance.sign_session(row, running.users["trainer"], "S1", signer="trainer")
    assert stored(row)[0] == 0


def test_lines_for_lists_own_lines_and_what_helpers_may_do(running):
    row = running.dossier
    learner = attendance_perms.lines_for(running.users["learner"], row)
    assert [(line.session_id, line.signer) for line in learner] == [
        ("S1", Signer.LEARNER),
        ("S2", Signer.LEARNER),
        ("S3", Signer.LEARNER),
    ]
    assert [line.can_sign for line in learner] == [True, True, False]  # S3: next week
    trainer = attendance_perms.lines_for(running.users["trainer"], row)
    own = [(line.session_id, line.signer) for line in trainer if line.own]
    assert own == [("S1", Signer.TRAINER), ("S3", Signer.TRAINER)]
    assert attendance_perms.lines_for(running.users["tutor"], row) == []
    assert attendance_perms.lines_for(running.users["company_admin_other"], row) == []
    _learner_line(running, running.users["learner"])
    first = attendance_perms.lines_for(running.users["learner"], row)[0]
    assert first.signed and not first.can_sign and first.record["method"] == "account"
