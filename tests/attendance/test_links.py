"""One-time signing links: one session, one signer, a limited time, once. Only the token's
SHA-256 is stored."""

import datetime as dt
import hashlib

import pytest
import time_machine
from django.utils import timezone

from parcours.attendance import actions as attendance
from parcours.attendance.errors import InvalidLink
from parcours.attendance.models import SigningLink
from parcours.dossiers.errors import InvalidDossier
from tests.attendance.conftest import stored


def _link(w, signer="learner", session="S1", who="company_admin"):
    return attendance.create_signing_link(w.dossier, w.users[who], session, signer=signer)


def test_a_link_signs_its_line_once_with_method_link(running):
    link, raw = _link(running)
    assert link.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {f.value_to_string(link) for f in SigningLink._meta.fields}
    record = attendance.sign_with_link(raw)
    assert (record.session_id, record.signer, record.method) == ("S1", "learner", "link")
    assert record.signer_user == running.users["learner"]
    link.refresh_from_db()
    assert link.used_at == record.signed_at
    before = stored(running.dossier)
    with pytest.raises(InvalidLink, match="déjà servi"):
        attendance.sign_with_link(raw)
    with pytest.raises(InvalidLink, match="déjà servi"):
        attendance.open_link(raw)
    assert stored(running.dossier) == before


def test_a_link_is_valid_for_the_configured_minutes_then_expires(running, settings):
    settings.SIGNING_LINK_MINUTES = 30
    link, raw = _link(running, signer="trainer", who="trainer")
    assert link.expires_at - link.created_at <= dt.timedelta(minutes=30)
    assert link.expires_at - link.created_at > dt.timedelta(minutes=29)
    before = stored(running.dossier)
    later = timezone.now() + dt.timedelta(minutes=31)
    with time_machine.travel(later), pytest.raises(InvalidLink, match="expiré"):
        attendance.sign_with_link(raw)
    assert stored(running.dossier) == before
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=29)):
        assert attendance.sign_with_link(raw).method == "link"


@pytest.mark.parametrize(
    ("session", "signer"), [("S2", None), (None, "trainer"), ("S2", "learner")]
)
def test_a_link_does_not_sign_another_session_or_signer(running, session, signer):
    _, raw = _link(running)
    before = stored(running.dossier)
    with pytest.raises(InvalidLink, match="seulement"):
        attendance.sign_with_link(raw, session_id=session, signer=signer)
    assert stored(running.dossier) == before
    # The refusal did not use it up: on its own line it still signs.
    assert attendance.sign_with_link(raw, session_id="S1", signer="learner").session_id == "S1"


def test_an_unknown_or_altered_token_signs_nothing(running):
    _, raw = _link(running)
    before = stored(running.dossier)
    for token in ("", "sig_inconnu", raw[:-1], raw + "x"):
        with pytest.raises(InvalidLink, match="pas valable"):
            attendance.sign_with_link(token)
    assert stored(running.dossier) == before


def test_a_link_cannot_sign_a_line_already_signed(running):
    _, raw = _link(running)
    attendance.sign_session(running.dossier, running.users["learner"], "S1", signer="learner")
    with pytest.raises(InvalidDossier):
        attendance.sign_with_link(raw)


def test_no_link_before_the_sessions_day_nor_for_a_missing_trainer_line(running):
    with pytest.raises(InvalidDossier):
        _link(running, session="S3")
    with pytest.raises(InvalidDossier):
        _link(running, session="S2", signer="trainer")
    assert stored(running.dossier)[1] == 0


def test_a_link_of_a_contract_that_stopped_running_signs_nothing(running):
    _, raw = _link(running)
    type(running.dossier).objects.filter(pk=running.dossier.pk).update(status="terminated")
    with pytest.raises(InvalidDossier):
        attendance.sign_with_link(raw)
    assert stored(running.dossier)[0] == 0
