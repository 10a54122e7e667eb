"""parcours.planning.actions: the only writers of the sessions. Company side only, dossier
accepted or running, atomic (nothing written on error), version lock, history, French
errors naming the session and the field; a signed session is never moved nor deleted."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from parcours.domain.planning import DateRange, PlanOptions
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.dossiers.models import Dossier, DossierEvent
from parcours.planning import actions as planning
from tests import factories
from tests.planning.conftest import sign, with_sessions

pytestmark = pytest.mark.django_db

ROLES = ("company_admin", "company_admin_other", "facilitator", "facilitator_other", "tutor",
         "trainer", "learner", "opco_staff")  # fmt: skip
WRITERS = ("company_admin", "facilitator")


def snapshot(row):
    row = Dossier.objects.get(pk=row.pk)
    return row.content, row.version, DossierEvent.objects.filter(dossier=row).count()


def sessions_of(row):
    row.refresh_from_db()
    return {s["id"]: s for s in row.content["sessions"]}


CHANGES = {
    "add": lambda row, user, v: planning.add_session(
        row,
        user,
        {"module": "M1", "date": "2027-01-26", "start_time": "09:00", "end_time": "12:30"},
        v,
    ),  # fmt: skip
    "update": lambda row, user, v: planning.update_session(
        row, user, "S2", {"date": "2027-01-20"}, v
    ),
    "delete": lambda row, user, v: planning.delete_session(row, user, "S2", v),
}


# --- who, when -------------------------------------------------------------------------


@pytest.mark.parametrize("change", sorted(CHANGES))
@pytest.mark.parametrize("role", ROLES)
def test_only_the_company_side_changes_the_sessions(running, change, role):
    row, user = running.dossier, running.users[role]
    before = snapshot(row)
    if role in WRITERS:
        CHANGES[change](row, user, row.version)
        assert snapshot(row)[1] == before[1] + 1
    else:
        with pytest.raises(PermissionDenied):
            CHANGES[change](row, user, row.version)
        assert snapshot(row) == before


@pytest.mark.parametrize("status", ["draft", "submitted", "changes_requested", "refused",
                                    "completed", "terminated"])  # fmt: skip
@pytest.mark.parametrize("change", sorted(CHANGES))
def test_the_sessions_change_only_once_accepted_and_while_running(status, change):
    world = factories.world(status=status)
    row = with_sessions(world.dossier)
    before = snapshot(row)
    with pytest.raises(PermissionDenied):
        CHANGES[change](row, world.users["company_admin"], row.version)
    assert snapshot(row) == before


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_an_accepted_dossier_is_planned_too(accepted, change):
    CHANGES[change](accepted.dossier, accepted.users["facilitator"], 1)
    assert accepted.dossier.version == 2


def test_generating_is_refused_to_the_other_roles_before_anything_is_computed(running):
    for role in ROLES:
        if role in WRITERS:
            continue
        with pytest.raises(PermissionDenied):
            planning.generate_plan(running.dossier, running.users[role], PlanOptions(), 1)
    assert snapshot(running.dossier)[1] == 1


# --- moving, adding, deleting -----------------------------------------------------------


def test_a_session_is_moved_with_its_times_and_the_history_says_so(running):
    row, admin = running.dossier, running.users["company_admin"]
    planning.update_session(
        row, admin, "S2", {"date": "2027-01-21", "start_time": "13:30", "end_time": "16:30"}, 1
    )
    moved = sessions_of(row)["S2"]
    assert (moved["date"], moved["start_time"], moved["end_time"]) == (
        "2027-01-21", "13:30:00", "16:30:00"
    )  # fmt: skip
    assert moved["hours"] == 3.0  # new times without hours: the time between them
    event = row.events.first()
    assert (event.section, event.actor, event.version) == ("sessions", admin, 2)
    assert "Séance S2" in event.comment and "21/01/2027" in event.comment
    assert any(c["path"] == "sessions[2].date" for c in event.changes)


def test_moving_keeps_the_hours_unless_told(running):
    row = running.dossier
    planning.update_session(row, running.users["company_admin"], "S2", {"hours": 2.5}, 1)
    assert sessions_of(row)["S2"]["hours"] == 2.5
    planning.update_session(row, running.users["company_admin"], "S2", {"date": "2027-01-22"}, 2)
    assert sessions_of(row)["S2"]["hours"] == 2.5


def test_an_added_session_gets_a_new_id_and_its_modules_trainer(running):
    row = running.dossier
    planning.add_session(
        row, running.users["facilitator"], {"module": "M2", "date": "2027-02-08", "hours": 3}, 1
    )
    added = sessions_of(row)["S4"]
    assert (added["module"], added["hours"], added["trainer"]) == ("M2", 3.0, "F1")
    assert "Séance S4 ajoutée (M2)" in row.events.first().comment


def test_a_deleted_session_is_gone_and_the_history_keeps_it(running):
    row = running.dossier
    planning.delete_session(row, running.users["company_admin"], "S3", 1)
    assert "S3" not in sessions_of(row)
    assert row.events.first().comment.startswith("Séance S3 (M4) du 01/02/2027")


def test_a_sequence_calendar_that_followed_the_sessions_keeps_following(running):
    row = running.dossier
    sequences = row.content["sequences"]
    m2 = next(i for i, s in enumerate(sequences) if s["module"] == "M2")
    sequences[m2]["calendar"] = ["2027-01-18"]  # S1, the only M2 session
    row.content = {**row.content, "sequences": sequences}
    row.save()
    planning.update_session(row, running.users["company_admin"], "S1", {"date": "2027-01-25"}, 1)
    row.refresh_from_db()
    assert row.content["sequences"][m2]["calendar"] == ["2027-01-25"]
    assert f"sequences[{m2}].calendar[0]" in [c["path"] for c in row.events.first().changes]


def test_a_sequence_calendar_written_by_hand_is_left_alone(running):
    row = running.dossier
    before = [s["calendar"] for s in row.content["sequences"]]
    planning.update_session(row, running.users["company_admin"], "S1", {"date": "2027-01-25"}, 1)
    row.refresh_from_db()
    assert [s["calendar"] for s in row.content["sequences"]] == before


# --- refused, nothing written -----------------------------------------------------------

REFUSED = [
    ({"start_time": "12:30", "end_time": "09:00"}, "sessions[2].end_time",
     "séance du 19/01/2027 : l'heure de fin doit suivre l'heure de début"),
    ({"date": "2027-02-30"}, "sessions[2].date", "la date est obligatoire"),
    ({"start_time": "25:00"}, "sessions[2].start_time", "l'heure de début est illisible"),
    ({"hours": 0}, "sessions[2].hours", "entre 0 et 24"),
    ({"hours": 4}, "sessions[2].hours", "4 h de formation ne tiennent pas entre 09:00 et 12:30"),
    ({"trainer": "F9"}, "sessions[2].trainer", "formateur « F9 » inconnu"),
    ({"date": "2027-01-18"}, "sessions[2].start_time", "elle chevauche la séance S1"),
    ({"module": "M2"}, "module", "champ inconnu"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "path", "message"), REFUSED)
def test_a_bad_move_names_the_session_and_field_in_french_and_writes_nothing(
    running, data, path, message
):
    row = running.dossier
    before = snapshot(row)
    with pytest.raises(InvalidDossier) as raised:
        planning.update_session(row, running.users["company_admin"], "S2", data, 1)
    assert [e.path for e in raised.value.errors] == [path]
    assert message in raised.value.errors[0].message.replace("\xa0", " ")
    assert snapshot(row) == before


def test_a_day_holds_seven_training_hours_at_most(running):
    row = running.dossier
    add = {"module": "M1", "date": "2027-01-19", "start_time": "13:30", "end_time": "17:30"}
    with pytest.raises(InvalidDossier) as raised:
        planning.add_session(row, running.users["company_admin"], add, 1)
    assert "ce jour-là compterait 7,5 h de formation ; 7 h au plus par jour" in str(
        raised.value
    ).replace("\xa0", " ")
    assert snapshot(row)[1] == 1


def test_an_added_session_needs_a_known_module_and_its_hours(running):
    with pytest.raises(InvalidDossier) as raised:
        planning.add_session(running.dossier, running.users["company_admin"],
                             {"module": "M9", "date": "2027-01-26"}, 1)  # fmt: skip
    assert {e.path for e in raised.value.errors} == {"sessions[4].module", "sessions[4].hours"}


def test_an_unknown_session_is_named(running):
    with pytest.raises(InvalidDossier) as raised:
        planning.delete_session(running.dossier, running.users["company_admin"], "S99", 1)
    assert raised.value.errors[0].message == "séance « S99 » inconnue dans ce dossier"


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_stale_version_is_refused_and_the_other_save_kept(running, change):
    row = running.dossier
    Dossier.objects.filter(pk=row.pk).update(version=5)
    before = snapshot(row)
    with pytest.raises(StaleDossier):
        CHANGES[change](row, running.users["company_admin"], 4)
    assert snapshot(row) == before


# --- signed sessions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "what"),
    [
        (lambda row, u: planning.update_session(row, u, "S0", {"date": "2026-11-19"}, row.version),
         "on ne peut plus la déplacer ni la modifier"),
        (lambda row, u: planning.update_session(row, u, "S0", {"trainer": "F1"}, row.version),
         "on ne peut plus la déplacer ni la modifier"),
        (lambda row, u: planning.delete_session(row, u, "S0", row.version),
         "on ne peut plus la supprimer"),
    ],
)  # fmt: skip
def test_a_signed_session_is_neither_moved_nor_deleted(running, change, what):
    row = sign(running, "S0")
    before = snapshot(row)
    with pytest.raises(InvalidDossier) as raised:
        change(row, running.users["company_admin"])
    error = raised.value.errors[0]
    assert error.path == "sessions[0]"
    assert error.message.startswith("séance du 20/11/2026 : elle a déjà été émargée")
    assert what in error.message
    assert snapshot(row) == before


def test_the_sessions_nobody_signed_still_move_beside_a_signed_one(running):
    row = sign(running, "S0")
    admin = running.users["company_admin"]
    planning.update_session(row, admin, "S2", {"date": "2027-01-20"}, row.version)
    assert sessions_of(row)["S2"]["date"] == "2027-01-20"


# --- generating -------------------------------------------------------------------------


def test_a_generated_plan_replaces_the_sessions_and_passes_the_calendar_rules(accepted):
    from parcours.dossiers import lifecycle

    row = accepted.dossier
    planning.generate_plan(row, accepted.users["company_admin"], PlanOptions(), 1)
    row.refresh_from_db()
    sessions = row.content["sessions"]
    assert len(sessions) > 20 and row.version == 2
    assert all("2027-01-04" <= s["date"] <= "2028-01-03" for s in sessions)
    event = row.events.first()
    assert event.section == "sessions"
    assert event.comment == f"Calendrier des séances généré : {len(sessions)} séances."
    calendar = [f.rule for f in lifecycle.report_at(row).findings
                if f.rule.startswith(("ALT", "CTR-02", "PAR-03", "SEQ-01", "SEQ-02"))]  # fmt: skip
    assert calendar == []
    m2 = next(s for s in row.content["sequences"] if s["module"] == "M2")
    assert m2["calendar"] == sorted({s["date"] for s in sessions if s["module"] == "M2"})


def test_generating_keeps_the_signed_sessions_and_plans_the_rest_from_today(running):
    row = sign(running, "S0")
    closures = (DateRange(dt.date(2027, 8, 2), dt.date(2027, 8, 20)),)
    options = PlanOptions(closures=closures)
    planning.generate_plan(row, running.users["company_admin"], options, row.version)
    row.refresh_from_db()
    sessions = row.content["sessions"]
    kept = [s for s in sessions if s["id"] == "S0"]
    assert kept and kept[0]["date"] == "2026-11-20"
    others = [s for s in sessions if s["id"] != "S0"]
    assert others and all(s["date"] >= "2026-11-22" for s in others)
    assert not any("2027-08-02" <= s["date"] <= "2027-08-20" for s in others)
    assert "dont 1 déjà émargée conservée" in row.events.first().comment


def test_an_impossible_plan_gives_the_planners_reasons_and_writes_nothing(running):
    row = running.dossier
    before = snapshot(row)
    everything = (DateRange(dt.date(2026, 1, 1), dt.date(2028, 12, 31)),)
    with pytest.raises(planning.Infeasible) as raised:
        planning.generate_plan(
            row, running.users["company_admin"], PlanOptions(closures=everything), 1
        )
    assert raised.value.reasons and all(isinstance(r, str) for r in raised.value.reasons)
    assert snapshot(row) == before
