"""« Calendrier des séances »: every party reads it, the company side generates, moves, adds
and deletes sessions (plain forms and htmx), each change re-checked live; an impossible plan
shows the planner's reasons and keeps what was typed. Also « Démarrer le contrat » on the
dossier's page, and the séquences' calendar picked from the plan's dates."""

import pytest
from django.urls import reverse

from parcours.dossiers.models import Dossier
from tests import factories
from tests.planning.conftest import sign, with_sessions
from tests.web.pages import text

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def running(db):
    world = factories.world(status="running")
    with_sessions(world.dossier)
    return world


def page_url(world):
    return reverse("web:planning", args=[world.dossier.pk])


def session_url(world, session_id, live=False):
    url = reverse("web:planning_session", args=[world.dossier.pk, session_id])
    return url + ("?_live=1" if live else "")


def plan_form(**changes):
    data = {
        "version": 1, "rhythm": "jour-par-semaine", "weekdays": ["0", "1", "2", "3", "4"],
        "morning_start": "09:00", "morning_end": "12:30", "afternoon_start": "13:30",
        "afternoon_end": "17:00", "max_daily_hours": "7", "region": "metropole",
        "closures-TOTAL_FORMS": "1", "closures-INITIAL_FORMS": "0",
        "closures-0-start": "2027-08-02", "closures-0-end": "2027-08-20",
        "unavailability-TOTAL_FORMS": "1", "unavailability-INITIAL_FORMS": "0",
        "unavailability-0-trainer": "F1", "unavailability-0-start": "2027-03-01",
        "unavailability-0-end": "2027-03-12",
    }  # fmt: skip
    return data | changes


def move(**changes):
    return {"version": 1, "date": "2027-01-20", "start_time": "09:00", "end_time": "12:30",
            "hours": "3.5", "trainer": ""} | changes  # fmt: skip


# --- reading ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["company_admin", "facilitator", "tutor", "trainer", "learner",
                                  "opco_staff"])  # fmt: skip
def test_every_party_reads_the_sessions_by_month(running, login, role):
    body = text(login(running.users[role]).get(page_url(running)))
    assert "Calendrier des séances" in body
    assert "novembre 2026" in body and "janvier 2027" in body and "février 2027" in body
    assert "mardi 19 janvier 2027" in body and "09:00 – 12:30" in body or role in (
        "company_admin", "facilitator"
    )  # fmt: skip
    editable = role in ("company_admin", "facilitator")
    assert ("Générer le calendrier" in body) is editable
    assert ("Ajouter une séance" in body) is editable
    assert ('name="date"' in body) is editable


def test_the_company_side_edits_each_unsigned_session_inline(running, login):
    body = text(login(running.users["company_admin"]).get(page_url(running)))
    assert 'form="f-seance-s2"' in body and 'id="f-seance-s2"' in body
    assert 'type="date"' in body and 'type="time"' in body
    assert f'hx-post="{session_url(running, "S2", live=True)}"' in body


def test_a_signed_session_shows_its_signature_and_no_form(running, login):
    sign(running, "S0")
    body = text(login(running.users["company_admin"]).get(page_url(running)))
    assert "Émargée — salarié : signé" in body
    assert "Émargée : ne peut plus être déplacée." in body
    assert 'id="f-seance-s0"' not in body


def test_the_calendar_findings_are_shown_in_plain_french(running, login):
    body = text(login(running.users["company_admin"]).get(page_url(running)))
    # S0 (20/11/2026) lies before the action: CTR-02, next to the table and in its row.
    assert "À revoir sur le calendrier" in body
    assert "La séance S0 (20/11/2026) tombe hors de la période de l'action" in body
    assert "REF-" not in body.split("À revoir sur le calendrier")[1]


def test_the_page_is_in_the_dossiers_navigation_once_accepted(running, login):
    client = login(running.users["learner"])
    overview = text(client.get(reverse("web:overview", args=[running.dossier.pk])))
    assert page_url(running) in overview
    draft = factories.dossier(running.company, learner=running.users["learner"])
    body = text(client.get(reverse("web:overview", args=[draft.pk])))
    assert reverse("web:planning", args=[draft.pk]) not in body


# --- generating -------------------------------------------------------------------------


def test_a_plan_is_generated_from_the_form(running, login):
    client = login(running.users["company_admin"])
    response = client.post(reverse("web:planning_generate", args=[running.dossier.pk]),
                           plan_form())  # fmt: skip
    assert response.status_code == 302
    row = Dossier.objects.get(pk=running.dossier.pk)
    sessions = row.content["sessions"]
    assert len(sessions) > 20 and row.version == 2
    assert not any("2027-08-02" <= s["date"] <= "2027-08-20" for s in sessions)
    assert not any(
        "2027-03-01" <= s["date"] <= "2027-03-12" for s in sessions if s.get("trainer") == "F1"
    )
    body = text(client.get(page_url(running)))
    assert f"Calendrier généré : {len(sessions)} séances." in body


def test_an_impossible_plan_shows_the_reasons_and_keeps_what_was_typed(running, login):
    client = login(running.users["company_admin"])
    data = plan_form(**{"closures-0-start": "2026-01-01", "closures-0-end": "2028-12-31",
                        "morning_start": "08:15"})  # fmt: skip
    response = client.post(reverse("web:planning_generate", args=[running.dossier.pk]), data)
    assert response.status_code == 422
    body = text(response)
    assert "Aucun calendrier ne respecte toutes ces contraintes" in body
    assert response.context["plan_reasons"]
    assert all(reason in body for reason in response.context["plan_reasons"])
    assert 'value="2026-01-01"' in body and 'value="2028-12-31"' in body
    assert 'value="08:15"' in body
    assert Dossier.objects.get(pk=running.dossier.pk).version == 1


def test_a_bad_half_day_is_named_on_its_field(running, login):
    client = login(running.users["facilitator"])
    data = plan_form(morning_end="08:00")
    response = client.post(reverse("web:planning_generate", args=[running.dossier.pk]), data)
    assert response.status_code == 400
    assert "L'heure de fin doit suivre l'heure de début." in text(response)
    assert Dossier.objects.get(pk=running.dossier.pk).version == 1


def test_an_htmx_generation_answers_with_the_page_to_swap(running, login):
    client = login(running.users["company_admin"])
    url = reverse("web:planning_generate", args=[running.dossier.pk])
    response = client.post(url, plan_form(), **HTMX)
    assert response.status_code == 200
    assert 'id="planning"' in text(response) and "Calendrier généré" in text(response)


def test_another_closure_row_is_served_with_the_new_total(running, login):
    client = login(running.users["company_admin"])
    url = reverse("web:planning_range_row", args=[running.dossier.pk, "closures"])
    body = text(client.get(url, {"closures-TOTAL_FORMS": 1}, **HTMX))
    assert 'name="closures-1-start"' in body and 'type="date"' in body
    assert 'name="closures-TOTAL_FORMS" value="2"' in body and 'hx-swap-oob="true"' in body
    url = reverse("web:planning_range_row", args=[running.dossier.pk, "unavailability"])
    assert 'name="unavailability-0-trainer"' in text(client.get(url))


# --- moving, adding, deleting -----------------------------------------------------------


def test_a_session_is_moved(running, login):
    client = login(running.users["company_admin"])
    response = client.post(session_url(running, "S2"), move(date="2027-01-21"))
    assert response.status_code == 302
    row = Dossier.objects.get(pk=running.dossier.pk)
    assert row.content["sessions"][2]["date"] == "2027-01-21"
    assert "Séance modifiée." in text(client.get(page_url(running)))


def test_an_htmx_move_answers_with_the_updated_calendar(running, login):
    client = login(running.users["company_admin"])
    response = client.post(session_url(running, "S2"), move(date="2027-01-21"), **HTMX)
    assert response.status_code == 200
    body = text(response)
    assert "Séance modifiée." in body and "jeudi 21 janvier 2027" in body
    assert 'name="version" value="2"' in body


def test_a_refused_move_names_the_error_in_the_row_and_keeps_the_input(running, login):
    client = login(running.users["company_admin"])
    response = client.post(session_url(running, "S2"),
                           move(start_time="12:30", end_time="09:00"))  # fmt: skip
    assert response.status_code == 400
    body = text(response)
    assert "séance du 20/01/2027 : l'heure de fin doit suivre l'heure de début" in body
    assert 'value="12:30"' in body.split('id="seance-s2"')[1].split("</tr>")[0]
    assert Dossier.objects.get(pk=running.dossier.pk).version == 1


def test_a_stale_move_shows_the_conflict(running, login):
    Dossier.objects.filter(pk=running.dossier.pk).update(version=3)
    response = login(running.users["company_admin"]).post(session_url(running, "S2"), move())
    assert response.status_code == 409
    assert "Quelqu'un d'autre a enregistré ce dossier avant vous" in text(response)


def test_a_live_check_shows_what_a_move_would_bring_without_saving(running, login):
    client = login(running.users["company_admin"])
    response = client.post(session_url(running, "S2", live=True), move(date="2028-02-01"),
                           **HTMX)  # fmt: skip
    assert response.status_code == 200
    body = text(response)
    assert "Aperçu : la modification n'est pas encore enregistrée." in body
    assert "La séance S2 (01/02/2028) tombe hors de la période de l'action" in body
    assert Dossier.objects.get(pk=running.dossier.pk).version == 1


def test_a_live_check_says_when_a_move_would_be_refused(running, login):
    client = login(running.users["company_admin"])
    response = client.post(session_url(running, "S2", live=True), move(date="2027-01-18"),
                           **HTMX)  # fmt: skip
    body = text(response)
    assert "Cette modification serait refusée" in body and "chevauche la séance S1" in body


def test_a_session_is_added_then_deleted(running, login):
    client = login(running.users["facilitator"])
    add = move(date="2027-01-26", module="M1")
    assert (
        client.post(reverse("web:planning_add", args=[running.dossier.pk]), add).status_code == 302
    )
    row = Dossier.objects.get(pk=running.dossier.pk)
    assert row.content["sessions"][-1]["id"] == "S4"
    delete = reverse("web:planning_delete", args=[running.dossier.pk, "S4"])
    assert client.post(delete, {"version": 2}).status_code == 302
    row.refresh_from_db()
    assert "S4" not in {s["id"] for s in row.content["sessions"]}
    assert row.events.first().section == "sessions"


def test_a_live_check_of_a_new_session(running, login):
    client = login(running.users["company_admin"])
    url = reverse("web:planning_add", args=[running.dossier.pk]) + "?_live=1"
    response = client.post(url, move(date="2027-01-26", module="M1"), **HTMX)
    assert "Aperçu" in text(response)
    assert Dossier.objects.get(pk=running.dossier.pk).version == 1


def test_a_signed_session_cannot_be_deleted_from_the_page(running, login):
    row = sign(running, "S0")
    client = login(running.users["company_admin"])
    delete = reverse("web:planning_delete", args=[row.pk, "S0"])
    response = client.post(delete, {"version": row.version})
    assert response.status_code == 400
    assert "elle a déjà été émargée" in text(response)


def test_the_other_parties_cannot_post(running, login):
    for role in ("tutor", "trainer", "learner", "opco_staff"):
        client = login(running.users[role])
        assert client.post(session_url(running, "S2"), move()).status_code == 403
    assert Dossier.objects.get(pk=running.dossier.pk).version == 1


# --- « Démarrer le contrat » -----------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "shown"),
    [("company_admin", True), ("facilitator", True), ("opco_staff", True), ("tutor", False),
     ("learner", False)],
)  # fmt: skip
def test_an_accepted_dossier_shows_the_start_button_to_who_may_start(role, shown, login):
    world = factories.world(status="accepted")
    body = text(login(world.users[role]).get(reverse("web:overview", args=[world.dossier.pk])))
    assert ("Démarrer le contrat" in body) is shown
    if shown:
        action = reverse("web:transition", args=[world.dossier.pk, "start"])
        assert f'action="{action}"' in body and 'name="version" value="1"' in body


def test_starting_the_contract_is_said_on_the_dossiers_page(login):
    world = factories.world(status="accepted")
    client = login(world.users["opco_staff"])
    url = reverse("web:transition", args=[world.dossier.pk, "start"])
    response = client.post(url, {"version": 1}, follow=True)
    body = text(response)
    assert "Le contrat a démarré" in body
    assert "Le contrat est en cours</strong> depuis le 22/11/2026" in body
    assert "Démarrer le contrat" not in body
    assert Dossier.objects.get(pk=world.dossier.pk).status == "running"


def test_a_stale_start_is_refused_and_said(login):
    world = factories.world(status="accepted")
    url = reverse("web:transition", args=[world.dossier.pk, "start"])
    response = login(world.users["company_admin"]).post(url, {"version": 4})
    assert response.status_code == 409
    assert "Quelqu'un d'autre a enregistré ce dossier avant vous" in text(response)
    assert Dossier.objects.get(pk=world.dossier.pk).status == "accepted"


def test_an_unknown_transition_is_a_404(login):
    world = factories.world(status="accepted")
    url = reverse("web:transition", args=[world.dossier.pk, "refuse"])
    assert login(world.users["opco_staff"]).post(url, {"version": 1}).status_code == 404


# --- the séquences' calendar ------------------------------------------------------------


def test_a_sequence_calendar_offers_the_modules_planned_dates_never_iso_text(world, login):
    with_sessions(world.dossier)
    body = text(login(world.users["company_admin"]).get(
        reverse("web:step", args=[world.dossier.pk, "sequences"])))  # fmt: skip
    m2 = body.split('id="sequences-0"')[1].split('id="sequences-1"')[0]
    assert 'type="checkbox" name="sequences-0-calendar" value="2027-01-18"' in m2  # S1
    assert "lun. 18/01/2027" in m2
    assert '<textarea name="sequences-0-calendar"' not in body
    assert 'type="date" name="sequences-0-calendar_added"' in m2
    assert "Ajouter une date" in m2


def test_checked_and_added_dates_make_the_calendar(world, login):
    from tests.web.test_pages_steps import _form_data

    with_sessions(world.dossier)
    client = login(world.users["company_admin"])
    url = reverse("web:step", args=[world.dossier.pk, "sequences"])
    data = _form_data(client.get(url))
    data["sequences-0-calendar"] = ["2027-01-18"]
    data["sequences-0-calendar_added"] = ["2027-04-12", "", "2027-02-15"]
    data["version"] = 1
    response = client.post(url, data)
    assert response.status_code == 302, text(response)[:2000]
    row = Dossier.objects.get(pk=world.dossier.pk)
    assert row.content["sequences"][0]["calendar"] == ["2027-01-18", "2027-02-15", "2027-04-12"]


def test_the_add_a_date_button_serves_one_date_input(world, login):
    client = login(world.users["trainer"])
    url = reverse("web:sequence_date", args=[world.dossier.pk, "sequences-1-calendar_added"])
    body = text(client.get(url, **HTMX))
    assert 'type="date" name="sequences-1-calendar_added"' in body
    bad = reverse("web:sequence_date", args=[world.dossier.pk, "contract-start_date"])
    assert client.get(bad).status_code == 400
    assert login(world.users["tutor"]).get(url).status_code == 403
