"""What a signature may not be: before the session's day, twice, outside a running
contract, on a missing session or trainer line, an absence without a reason; provider
sheets for external sessions only, checked by content. Each refusal: a French
`InvalidDossier` naming the field, nothing stored."""

import datetime as dt
import io

import pytest
import time_machine

from parcours.attendance import actions as attendance
from parcours.dossiers.errors import InvalidDossier
from parcours.dossiers.models import Dossier
from tests.attendance.conftest import PDF, PNG, stored


def _refused(row, write, path, words):
    before = stored(row)
    with pytest.raises(InvalidDossier) as caught:
        write()
    [error] = caught.value.errors
    assert error.path == path
    assert words in error.message, error.message
    assert stored(row) == before


def test_no_signing_before_the_sessions_day(running):
    learner = running.users["learner"]
    _refused(
        running.dossier,
        lambda: attendance.sign_session(running.dossier, learner, "S3", signer="learner"),
        "session",
        "avant ce jour",
    )


def test_the_sessions_day_has_come_at_midnight_local_time(running):
    s3 = dt.date.fromisoformat(running.dossier.content["sessions"][2]["date"])
    # 00:30 in Paris is still the day before in UTC: the server's local day counts.
    with time_machine.travel(dt.datetime.combine(s3, dt.time(23, 30), tzinfo=dt.UTC)
                             - dt.timedelta(days=1)):  # fmt: skip
        attendance.sign_session(running.dossier, running.users["learner"], "S3", signer="learner")


def test_one_record_per_session_and_signer(running):
    learner = running.users["learner"]
    attendance.sign_session(running.dossier, learner, "S1", signer="learner")
    _refused(
        running.dossier,
        lambda: attendance.sign_session(running.dossier, learner, "S1", signer="learner"),
        "signer",
        "déjà signée",
    )
    _refused(
        running.dossier,
        lambda: attendance.record_absence(
            running.dossier, running.users["company_admin"], "S1", signer="learner", reason="x"
        ),
        "signer",
        "déjà signée",
    )


@pytest.mark.parametrize("status", ["draft", "accepted", "completed", "terminated"])
def test_only_a_running_contract_is_signed(running, status):
    Dossier.objects.filter(pk=running.dossier.pk).update(status=status)
    running.dossier.refresh_from_db()
    _refused(
        running.dossier,
        lambda: attendance.sign_session(
            running.dossier, running.users["learner"], "S1", signer="learner"
        ),
        "status",
        "En cours",
    )


def test_an_unknown_session_and_a_trainer_line_of_an_external_session(running):
    trainer = running.users["trainer"]
    _refused(
        running.dossier,
        lambda: attendance.sign_session(running.dossier, trainer, "S9", signer="learner"),
        "session",
        "séance inconnue",
    )
    _refused(
        running.dossier,
        lambda: attendance.sign_session(running.dossier, trainer, "S2", signer="trainer"),
        "signer",
        "internes et AFEST",
    )


def test_an_absence_needs_a_reason(running):
    _refused(
        running.dossier,
        lambda: attendance.record_absence(
            running.dossier, running.users["company_admin"], "S1", signer="learner", reason=" "
        ),
        "absence_reason",
        "motif",
    )
    _refused(
        running.dossier,
        lambda: attendance.sign_session(
            running.dossier, running.users["learner"], "S1", signer="learner", presence="absent"
        ),
        "absence_reason",
        "motif",
    )


def test_a_declared_absence_says_who_recorded_it(running):
    admin = running.users["company_admin"]
    record = attendance.record_absence(
        running.dossier, admin, "S1", signer="learner", reason="Arrêt maladie"
    )
    assert (record.method, record.recorded_by, record.signer_user) == (
        "declared",
        admin,
        running.users["learner"],
    )
    assert record.as_record()["recorded_by"] == str(admin)
    event = running.dossier.events.first()
    assert event.section == "attendance" and "Arrêt maladie" in event.comment


def test_a_drawn_signature_must_be_a_png(running):
    learner = running.users["learner"]
    _refused(
        running.dossier,
        lambda: attendance.sign_session(
            running.dossier,
            learner,
            "S1",
            signer="learner",
            method="tablet",
            drawn_signature=b"GIF89a...",
        ),
        "drawn_signature",
        "PNG",
    )
    attendance.sign_session(
        running.dossier, learner, "S1", signer="learner", method="tablet", drawn_signature=PNG
    )


def test_links_sheets_and_declarations_have_their_own_actions(running):
    _refused(
        running.dossier,
        lambda: attendance.sign_session(
            running.dossier, running.users["learner"], "S1", signer="learner", method="link"
        ),
        "method",
        "propre action",
    )


def _sheet(content=PDF, name="feuille.pdf"):
    out = io.BytesIO(content)
    out.name = name
    return out


def test_a_provider_sheet_covers_external_sessions_only(running):
    admin = running.users["company_admin"]
    _refused(
        running.dossier,
        lambda: attendance.upload_provider_sheet(running.dossier, admin, ["S1"], _sheet()),
        "session_ids[0]",
        "externe ou à distance",
    )


def test_a_provider_sheet_is_checked_by_its_content_not_its_name(running, private_media):
    admin = running.users["company_admin"]
    _refused(
        running.dossier,
        lambda: attendance.upload_provider_sheet(
            running.dossier, admin, ["S2"], _sheet(b"MZ not a pdf", "feuille.pdf")
        ),
        "file",
        "PDF, un JPEG ou un PNG",
    )
    assert not (private_media / "attendance").exists() or not any(
        (private_media / "attendance").iterdir()
    )


def test_a_provider_sheet_records_the_learners_presence_with_its_hash(running, private_media):
    import hashlib

    [record] = attendance.upload_provider_sheet(
        running.dossier, running.users["facilitator"], ["S2"], _sheet()
    )
    assert record.method == "provider_sheet" and record.signer == "learner"
    assert record.evidence_sha256 == hashlib.sha256(PDF).hexdigest()
    assert (private_media / record.evidence_path).read_bytes() == PDF
    assert record.evidence_path.endswith(".pdf") and "feuille" not in record.evidence_path
    assert record.recorded_by == running.users["facilitator"]
