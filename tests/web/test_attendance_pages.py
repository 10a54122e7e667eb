"""The émargement pages: every role × every way of signing, through the pages. One signs
one's own line only (someone else's: 403, nothing stored); absences with a reason; one-time
links (used twice, expired, for another line: refused, nothing signed); the shared tablet
(wrong password: refused, nothing stored; the tablet's own session untouched); the homes
lead with « Mes prochaines séances »."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re

import pytest
import time_machine
from django.urls import reverse

from parcours.attendance.models import Signature, SigningLink
from parcours.dossiers.enums import Status
from tests import factories
from tests.factories import PASSWORD
from tests.web.pages import text as page_text

PAST, TODAY, FUTURE = dt.date(2026, 11, 18), dt.date(2026, 11, 22), dt.date(2026, 12, 2)
# S1 interne (learner + trainer lines), S2 externe today (learner line), S3 interne later.
SESSIONS = [
    {"id": "S1", "module": "M2", "date": PAST.isoformat(), "hours": 3.5,
     "start_time": "09:00:00", "end_time": "12:30:00", "trainer": "F1"},
    {"id": "S2", "module": "M1", "date": TODAY.isoformat(), "hours": 3.5,
     "start_time": "13:30:00", "end_time": "17:00:00"},
    {"id": "S3", "module": "M4", "date": FUTURE.isoformat(), "hours": 3.5,
     "start_time": "09:00:00", "end_time": "12:30:00", "trainer": "F1"},
]  # fmt: skip
PNG = factories.PNG


@pytest.fixture
def running(world):
    """The world's dossier, running, with three sessions and the trainer account mapped to
    the document's trainer F1."""
    row = world.dossier
    row.status = Status.RUNNING
    row.content = {**row.content, "status": "running", "sessions": SESSIONS}
    row.trainer_accounts = {"F1": world.users["trainer"].pk}
    row.save()
    return world


def text(response) -> str:
    """The page as read: no tags, non-breaking spaces as plain ones, spaces collapsed."""
    plain = re.sub(r"<[^>]+>", " ", page_text(response).replace("\u00a0", " "))
    plain = re.sub(r"\s+", " ", plain.replace("\u202f", " "))
    return re.sub(r" ([,.])", r"\1", plain)


def url(name, w, *args):
    return reverse(f"web:{name}", args=[w.dossier.pk, *args])


def line(session, signer):
    return {"session": session, "signer": signer}


def stored():
    return list(Signature.objects.values_list("session_id", "signer", "method", "presence"))


# --- the page ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["company_admin", "facilitator", "tutor", "trainer", "learner", "opco_staff"]
)
def test_every_party_reads_the_sheet_and_sees_only_its_own_sign_buttons(running, login, role):
    response = login(running.users[role]).get(url("attendance", running))
    assert response.status_code == 200
    page = text(response)
    assert "Émargement" in page
    assert "mercredi 18 novembre 2026, 9 h – 12 h 30" in page.lower()
    buttons = response.content.decode().count('class="sign-now"')
    # The learner signs S1 and S2 (S3 is later); the trainer S1's trainer line; nobody else.
    assert buttons == {"learner": 2, "trainer": 1}.get(role, 0)


def test_outsiders_do_not_see_the_sheet(running, login):
    response = login(running.users["company_admin_other"]).get(url("attendance", running))
    assert response.status_code == 404


def test_the_learner_signs_her_line_in_one_tap_and_htmx_swaps_the_line(running, login):
    client = login(running.users["learner"])
    response = client.post(
        url("attendance_sign", running), line("S1", "learner"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.lstrip().startswith("<li")
    assert "Signé" in fragment and "depuis son compte" in fragment
    assert stored() == [("S1", "learner", "account", "present")]


def test_the_trainer_signs_his_own_trainer_line(running, login):
    client = login(running.users["trainer"])
    response = client.post(url("attendance_sign", running), line("S1", "trainer"))
    assert response.status_code == 302
    assert stored() == [("S1", "trainer", "account", "present")]


@pytest.mark.parametrize(
    "role, session, signer",
    [
        ("trainer", "S1", "learner"),  # the trainer signs for the learner
        ("learner", "S1", "trainer"),  # the learner signs for the trainer
        ("company_admin", "S1", "learner"),
        ("facilitator", "S2", "learner"),
        ("tutor", "S1", "learner"),
        ("opco_staff", "S1", "learner"),
    ],
)
def test_signing_someone_elses_line_is_refused_and_nothing_is_stored(
    running, login, role, session, signer
):
    response = login(running.users[role]).post(
        url("attendance_sign", running), line(session, signer), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 403
    assert stored() == []


def test_an_outsider_cannot_sign_anything(running, login):
    response = login(running.users["company_admin_other"]).post(
        url("attendance_sign", running), line("S1", "learner")
    )
    assert response.status_code == 404
    assert stored() == []


def test_a_future_session_cannot_be_signed_and_the_error_is_french(running, login):
    response = login(running.users["learner"]).post(
        url("attendance_sign", running), line("S3", "learner"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    page = text(response)
    assert "a lieu le 02/12/2026" in page and "Rien n'a été enregistré" in page
    assert stored() == []


def test_signing_twice_is_refused(running, login):
    client = login(running.users["learner"])
    client.post(url("attendance_sign", running), line("S2", "learner"))
    response = client.post(
        url("attendance_sign", running), line("S2", "learner"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert "déjà" in text(response)
    assert len(stored()) == 1


def test_a_sheet_of_a_dossier_not_running_cannot_be_signed(world, login):
    row = world.dossier
    row.content = {**row.content, "sessions": SESSIONS}
    row.status = Status.ACCEPTED
    row.save()
    response = login(world.users["learner"]).post(
        url("attendance_sign", world), line("S1", "learner"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code in (403, 422)
    assert stored() == []


# --- absences ------------------------------------------------------------------------------


def test_the_learner_declares_her_own_absence_with_a_reason(running, login):
    client = login(running.users["learner"])
    response = client.post(
        url("attendance_absence", running),
        {**line("S1", "learner"), "reason": "Arrêt maladie"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Absent(e)" in text(response) and "Arrêt maladie" in text(response)
    assert stored() == [("S1", "learner", "account", "absent")]


@pytest.mark.parametrize("role", ["company_admin", "facilitator", "trainer"])
def test_the_company_side_and_the_sessions_trainer_record_the_learners_absence(
    running, login, role
):
    response = login(running.users[role]).post(
        url("attendance_absence", running), {**line("S1", "learner"), "reason": "Congé"}
    )
    assert response.status_code == 302
    assert stored() == [("S1", "learner", "declared", "absent")]
    assert Signature.objects.get().recorded_by == running.users[role]


@pytest.mark.parametrize("role", ["tutor", "opco_staff", "learner"])
def test_others_cannot_record_an_absence_for_someone_else(running, login, role):
    response = login(running.users[role]).post(
        url("attendance_absence", running), {**line("S1", "trainer"), "reason": "Congé"}
    )
    assert response.status_code == 403
    assert stored() == []


def test_an_absence_without_reason_is_refused_in_french(running, login):
    response = login(running.users["learner"]).post(
        url("attendance_absence", running), {**line("S1", "learner"), "reason": " "},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert response.status_code == 422
    assert "motif" in text(response)
    assert stored() == []


# --- one-time links ------------------------------------------------------------------------


def make_link(client, w, session="S1", signer="learner"):
    response = client.post(url("attendance_link", w), line(session, signer), HTTP_HX_REQUEST="true")
    assert response.status_code == 200, text(response)
    page = response.content.decode()
    assert "<svg" in page  # the QR code, inline
    return re.search(r'href="https?://[^"]*(/signer/[^"/]+/)"', page).group(1), page


@pytest.mark.parametrize("role", ["company_admin", "facilitator", "trainer"])
def test_the_company_side_and_the_trainer_hand_out_a_link_with_its_expiry(running, login, role):
    path, page = make_link(login(running.users[role]), running)
    assert "Valable jusqu'au" in page and "pour une seule signature" in page
    assert SigningLink.objects.count() == 1


@pytest.mark.parametrize("role", ["learner", "tutor", "opco_staff"])
def test_others_cannot_make_a_link(running, login, role):
    response = login(running.users[role]).post(
        url("attendance_link", running), line("S1", "learner")
    )
    assert response.status_code == 403
    assert SigningLink.objects.count() == 0


def test_a_link_signs_once_without_login_then_is_gone(running, login, client):
    path, _ = make_link(login(running.users["trainer"]), running)
    client.logout()
    page = client.get(path)
    assert page.status_code == 200
    assert "Séance du mercredi 18 novembre 2026, 9 h – 12 h 30" in text(page)
    assert "ligne de Nadia Exemple, salarié(e) en contrat" in text(page)
    drawn = "data:image/png;base64," + base64.b64encode(PNG).decode()
    done = client.post(path, {"session": "S1", "signer": "learner", "drawing": drawn})
    assert done.status_code == 200
    assert "Séance signée" in text(done)
    assert stored() == [("S1", "learner", "link", "present")]
    assert Signature.objects.get().evidence_sha256
    again = client.post(path, {"session": "S1", "signer": "learner"})
    assert again.status_code == 410
    assert "déjà servi" in text(again) and "Rien n'a été signé" in text(again)
    assert client.get(path).status_code == 410
    assert len(stored()) == 1


def test_an_expired_link_signs_nothing(running, login, client):
    path, _ = make_link(login(running.users["company_admin"]), running)
    client.logout()
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)):
        response = client.post(path, {"session": "S1", "signer": "learner"})
    assert response.status_code == 410
    assert "expiré" in text(response)
    assert stored() == []


def test_a_link_cannot_sign_another_session_or_signer(running, login, client):
    path, _ = make_link(login(running.users["company_admin"]), running)
    client.logout()
    for other in ({"session": "S2", "signer": "learner"}, {"session": "S1", "signer": "trainer"}):
        response = client.post(path, other)
        assert response.status_code == 410
        assert "seulement" in text(response)
    assert stored() == []


def test_an_unknown_link_is_a_clear_404(running, client):
    response = client.get(reverse("web:sign_link", args=["sig_inconnu"]))
    assert response.status_code == 404
    assert "n'existe pas" in text(response)
    assert client.post(reverse("web:sign_link", args=["sig_inconnu"])).status_code == 404
    assert stored() == []


# --- the shared tablet -----------------------------------------------------------------------


def tablet_post(client, w, signer, username, password, session="S1", drawing=""):
    data = {**line(session, signer), "username": username, "password": password}
    if drawing:
        data["drawing"] = drawing
    return client.post(url("attendance_tablet", w, session), data)


@pytest.mark.parametrize("opener", ["company_admin", "facilitator", "trainer"])
def test_the_tablet_signs_as_the_signer_without_logging_them_in(running, login, opener):
    client = login(running.users[opener])
    assert client.get(url("attendance_tablet", running, "S1")).status_code == 200
    learner = running.users["learner"]
    drawn = "data:image/png;base64," + base64.b64encode(PNG).decode()
    response = tablet_post(client, running, "learner", learner.username, PASSWORD, drawing=drawn)
    assert response.status_code == 200
    assert "Signé par" in text(response)
    record = Signature.objects.get()
    assert (record.signer_user, record.method, record.signer) == (learner, "tablet", "learner")
    assert record.evidence_sha256
    # The tablet is still its opener's.
    assert int(client.session["_auth_user_id"]) == running.users[opener].pk


def test_the_tablet_signs_without_drawing_too(running, login):
    client = login(running.users["company_admin"])
    trainer = running.users["trainer"]
    response = tablet_post(client, running, "trainer", trainer.username, PASSWORD)
    assert response.status_code == 200
    assert stored() == [("S1", "trainer", "tablet", "present")]


def test_the_tablet_refuses_a_wrong_password_and_stores_nothing(running, login):
    client = login(running.users["trainer"])
    learner = running.users["learner"]
    response = tablet_post(client, running, "learner", learner.username, "pas-le-bon")
    assert response.status_code == 403
    assert "Identifiant ou mot de passe incorrect" in text(response)
    assert stored() == []


def test_the_tablet_refuses_someone_signing_anothers_line(running, login):
    client = login(running.users["company_admin"])
    trainer = running.users["trainer"]
    response = tablet_post(client, running, "learner", trainer.username, PASSWORD)
    assert response.status_code == 403
    assert "chacun signe sa propre ligne" in text(response)
    assert stored() == []


@pytest.mark.parametrize("role", ["learner", "tutor", "opco_staff"])
def test_only_the_company_side_or_the_sessions_trainer_open_the_tablet(running, login, role):
    assert (
        login(running.users[role]).get(url("attendance_tablet", running, "S1")).status_code == 403
    )


# --- provider's signed sheet ---------------------------------------------------------------


def test_the_company_uploads_a_providers_sheet_for_external_sessions(running, login):
    client = login(running.users["company_admin"])
    sheet = io.BytesIO(factories.PDF)
    sheet.name = "feuille.pdf"
    response = client.post(url("attendance_sheet", running), {"sessions": ["S2"], "file": sheet})
    assert response.status_code == 302
    assert stored() == [("S2", "learner", "provider_sheet", "present")]


def test_a_providers_sheet_needs_a_pdf_or_image(running, login):
    client = login(running.users["company_admin"])
    sheet = io.BytesIO(b"pas un pdf")
    sheet.name = "feuille.txt"
    response = client.post(url("attendance_sheet", running), {"sessions": ["S2"], "file": sheet})
    assert response.status_code == 400
    assert "PDF" in text(response)
    assert stored() == []


@pytest.mark.parametrize("role", ["learner", "trainer", "tutor", "opco_staff"])
def test_only_the_company_side_uploads_a_providers_sheet(running, login, role):
    sheet = io.BytesIO(factories.PDF)
    sheet.name = "feuille.pdf"
    response = login(running.users[role]).post(
        url("attendance_sheet", running), {"sessions": ["S2"], "file": sheet}
    )
    assert response.status_code == 403
    assert stored() == []


# --- homes ---------------------------------------------------------------------------------


def test_the_learners_home_lists_her_next_sessions_and_signs_in_one_tap(running, login):
    client = login(running.users["learner"])
    home = client.get(reverse("web:dashboard"))
    page = text(home).lower()
    assert "mes prochaines séances" in page
    assert "à signer maintenant" in page
    assert "dimanche 22 novembre 2026" in page  # today's
    assert "mercredi 2 décembre 2026" in page  # upcoming
    assert "en retard" in page  # S1, four days ago
    response = client.post(
        url("attendance_sign", running),
        {**line("S2", "learner"), "show_session": "1", "next": "/"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Dimanche 22 novembre 2026" in text(response) and "Signé" in text(response)
    assert stored() == [("S2", "learner", "account", "present")]


def test_the_trainers_home_lists_only_his_lines(running, login):
    page = text(login(running.users["trainer"]).get(reverse("web:dashboard")))
    block = page[page.index("Mes prochaines séances") : page.index("Dossiers (")]
    assert "Mercredi 18 novembre 2026" in block  # S1, his trainer line
    assert "Mardi 2 décembre" not in block and "M1 —" not in block  # S2: no line of his
    assert block.count("Je signe") == 1


@pytest.mark.parametrize("role", ["company_admin", "tutor", "facilitator"])
def test_the_other_roles_home_has_no_sessions_block(running, login, role):
    assert "Mes prochaines séances" not in text(login(running.users[role]).get("/"))


def test_the_overview_of_a_running_dossier_leads_with_what_to_do_now(running, login):
    learner_page = text(login(running.users["learner"]).get(url("overview", running)))
    assert learner_page.index("Maintenant") < learner_page.index("À faire")
    assert "Chiffres" not in learner_page  # the company's tables are not hers
    assert "Séances à signer" in learner_page
    company_page = text(login(running.users["company_admin"]).get(url("overview", running)))
    assert "Séances non signées (3)" in company_page  # S1 learner + trainer, S2 learner
    assert company_page.index("Maintenant") < company_page.index("Anomalies bloquantes")


def test_the_overview_of_a_draft_has_no_now_block(world, login):
    assert "Maintenant" not in text(login(world.users["learner"]).get(url("overview", world)))


def test_a_learners_home_before_acceptance_has_no_sessions_block(world, login):
    assert "Mes prochaines séances" not in text(login(world.users["learner"]).get("/"))


def test_after_acceptance_the_home_lists_the_planned_sessions_without_signing(world, login):
    row = world.dossier
    row.status = Status.ACCEPTED
    row.content = {**row.content, "status": "accepted", "sessions": SESSIONS}
    row.save()
    response = login(world.users["learner"]).get("/")
    page = text(response)
    assert "Mes prochaines séances" in page and "Mercredi 2 décembre 2026" in page
    assert 'class="sign-now"' not in response.content.decode()
