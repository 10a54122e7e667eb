"""The sessions' calendar through the API: read with the signature state, planned by the
company side with the version read; French reasons when no plan exists; a signed session
refused; nothing written on error."""

import pytest

from parcours.dossiers.models import Dossier
from tests.planning.conftest import sign, with_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(world):
    Dossier.objects.filter(pk=world.dossier.pk).update(status="running")
    world.dossier.refresh_from_db()
    with_sessions(world.dossier)
    return world


def url(world, tail=""):
    return f"/api/dossiers/{world.dossier.pk}/{tail}"


def test_every_party_reads_the_sessions_with_their_signature_state(api_as, running):
    sign(running, "S0")
    body = api_as("tutor")("get", url(running, "sessions")).json()
    assert body["editable"] is False and body["version"] == running.dossier.version
    first = body["sessions"][0]
    assert (first["id"], first["date"], first["start_time"], first["end_time"]) == (
        "S0", "2026-11-20", "09:00", "12:30"
    )  # fmt: skip
    assert (first["signed"], first["learner_signed"], first["state"]) == (
        True, True, "Émargée — salarié : signé"
    )  # fmt: skip
    afest = next(s for s in body["sessions"] if s["id"] == "S3")
    assert afest["needs_trainer_signature"] and afest["state"] == "À venir"
    assert afest["trainer_name"] == "Marc Petit"
    assert api_as("company_admin")("get", url(running, "sessions")).json()["editable"] is True


def test_a_session_is_added_moved_and_deleted_with_the_version(api_as, running):
    admin = api_as("company_admin")
    added = admin("post", url(running, "sessions"),
                  {"version": 1, "module": "M1", "date": "2027-01-26", "start_time": "09:00",
                   "end_time": "11:00"})  # fmt: skip
    assert added.status_code == 201
    new = added.json()["document"]["sessions"][-1]
    assert (new["id"], new["hours"]) == ("S4", 2.0)
    moved = admin("put", url(running, "sessions/S4"), {"version": 2, "date": "2027-01-27"})
    assert moved.status_code == 200
    assert moved.json()["document"]["sessions"][-1]["date"] == "2027-01-27"
    deleted = admin("delete", url(running, "sessions/S4"), {"version": 3})
    assert deleted.status_code == 200
    assert "S4" not in {s["id"] for s in deleted.json()["document"]["sessions"]}
    assert deleted.json()["version"] == 4


def test_a_stale_version_is_a_409_and_nothing_changes(api_as, running):
    response = api_as("facilitator")("put", url(running, "sessions/S2"),
                                      {"version": 7, "date": "2027-01-27"})  # fmt: skip
    assert response.status_code == 409
    assert response.json()["current_version"] == 1
    running.dossier.refresh_from_db()
    assert running.dossier.content["sessions"][2]["date"] == "2027-01-19"


def test_a_bad_move_is_a_422_naming_the_session_and_field(api_as, running):
    response = api_as("company_admin")(
        "put", url(running, "sessions/S2"), {"version": 1, "start_time": "12:30",
                                             "end_time": "09:00"}
    )  # fmt: skip
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "path": "sessions[2].end_time",
            "message": "séance du 19/01/2027 : l'heure de fin doit suivre l'heure de début",
        }
    ]


def test_a_signed_session_cannot_be_deleted(api_as, running):
    row = sign(running, "S0")
    response = api_as("company_admin")("delete", url(running, "sessions/S0"),
                                       {"version": row.version})  # fmt: skip
    assert response.status_code == 422
    assert "déjà été émargée" in response.json()["errors"][0]["message"]
    row.refresh_from_db()
    assert "S0" in {s["id"] for s in row.content["sessions"]}


def test_a_plan_is_generated_from_the_options(api_as, running):
    body = {
        "version": 1,
        "rhythm": "deux-jours-par-semaine",
        "weekdays": [0, 1, 2, 3],
        "half_days": [{"label": "matin", "start": "08:30", "end": "12:00"}],
        "region": "alsace-moselle",
        "closures": [{"start": "2027-08-02", "end": "2027-08-20"}],
        "trainer_unavailability": {"F1": [{"start": "2027-03-01", "end": "2027-03-12"}]},
    }
    response = api_as("company_admin")("post", url(running, "plan"), body)
    assert response.status_code == 200, response.json()
    sessions = response.json()["document"]["sessions"]
    assert sessions and all(s["start_time"] == "08:30:00" for s in sessions)
    assert all(dt_weekday(s["date"]) < 4 for s in sessions)
    assert not any("2027-08-02" <= s["date"] <= "2027-08-20" for s in sessions)
    f1 = [s for s in sessions if s.get("trainer") == "F1"]
    assert not any("2027-03-01" <= s["date"] <= "2027-03-12" for s in f1)


def dt_weekday(iso):
    import datetime as dt

    return dt.date.fromisoformat(iso).weekday()


def test_an_impossible_plan_is_a_422_with_the_planners_reasons(api_as, running):
    body = {"version": 1, "closures": [{"start": "2026-01-01", "end": "2028-12-31"}]}
    response = api_as("company_admin")("post", url(running, "plan"), body)
    assert response.status_code == 422
    assert response.json()["reasons"] and "Aucun calendrier" in response.json()["detail"]
    running.dossier.refresh_from_db()
    assert running.dossier.version == 1


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"weekdays": [7]}, "weekdays[0]"),
        ({"rhythm": "tous-les-jours"}, "rhythm"),
        ({"closures": [{"start": "2027-03-10", "end": "2027-03-01"}]}, "closures[0].end"),
        ({"trainer_unavailability": {"F9": [{"start": "2027-03-01"}]}},
         "trainer_unavailability.F9"),
        ({"half_days": [{"label": "matin", "start": "12:00", "end": "09:00"}]},
         "half_days[0].end"),
    ],
)  # fmt: skip
def test_bad_options_are_named(api_as, running, body, path):
    response = api_as("company_admin")("post", url(running, "plan"), {"version": 1, **body})
    assert response.status_code == 422
    assert path in [e["path"] for e in response.json()["errors"]]


def test_the_other_parties_may_not_plan(api_as, running):
    for role in ("tutor", "trainer", "learner", "opco_staff"):
        response = api_as(role)("post", url(running, "plan"), {"version": 1})
        assert response.status_code == 403
    assert (
        api_as("company_admin_other")("post", url(running, "plan"), {"version": 1}).status_code
        == 404
    )
