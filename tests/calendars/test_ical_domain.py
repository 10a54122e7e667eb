"""The pure iCalendar builder: events, times in the dossier's time zone, UIDs, filters."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from hypothesis import example, given, settings
from hypothesis import strategies as st

from parcours.domain import ical
from parcours.domain.loading import parse_dossier
from tests.calendars.conftest import ALL_DAY, SUMMER, WINTER, data_with_sessions, parse

STAMP = dt.datetime(2026, 11, 22, 9, tzinfo=dt.UTC)
UTC = dt.UTC


def build(sessions=None, key="dossier-7", **kwargs) -> bytes:
    dossier = parse_dossier(data_with_sessions(**({"sessions": sessions} if sessions else {})))
    selection = ical.Selection(key=key, dossier=dossier, **kwargs)
    return ical.calendar([selection], title="Essai", stamp=STAMP).to_ical()


def sessions_of(body: bytes) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in parse(body).walk("VEVENT") if "seance" in str(e["uid"])}


def test_one_event_per_session_which_parses_back():
    events = sessions_of(build())
    assert sorted(events) == [f"dossier-7-seance-S{i}@parcours" for i in (1, 2, 3, 4)]
    assert str(events["dossier-7-seance-S1@parcours"]["summary"]) == (
        "Formation : Processus internes du cabinet"
    )


def test_winter_and_summer_times_are_paris_wall_clock():
    events = sessions_of(build())
    winter = events["dossier-7-seance-S1@parcours"]
    summer = events["dossier-7-seance-S2@parcours"]
    assert winter["dtstart"].dt == dt.datetime(2027, 1, 18, 9, tzinfo=ZoneInfo("Europe/Paris"))
    # CET is UTC+1 in January, CEST UTC+2 in July: 9:00 and 13:30 Paris time.
    assert winter["dtstart"].dt.astimezone(UTC) == dt.datetime(2027, 1, 18, 8, tzinfo=UTC)
    assert winter["dtend"].dt.astimezone(UTC) == dt.datetime(2027, 1, 18, 11, 30, tzinfo=UTC)
    assert summer["dtstart"].dt.astimezone(UTC) == dt.datetime(2027, 7, 19, 11, 30, tzinfo=UTC)
    assert summer["dtend"].dt.astimezone(UTC) == dt.datetime(2027, 7, 19, 15, tzinfo=UTC)


def test_the_file_says_tzid_and_carries_its_vtimezone():
    body = build()
    assert b"DTSTART;TZID=Europe/Paris:20270118T090000\r\n" in body
    assert body.count(b"BEGIN:VTIMEZONE") == 1
    assert b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in body
    assert body.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1_735_689_600, max_value=2_082_758_400))  # 2025 to 2036
# The changes of 2027: 28 March and 31 October at 01:00 UTC, a second before and at.
@example(1_806_195_599)
@example(1_806_195_600)
@example(1_824_944_399)
@example(1_824_944_400)
def test_the_vtimezone_agrees_with_the_tz_database(timestamp):
    # Agenda apps compute offsets from the file's VTIMEZONE, not from their own database.
    zone = parse(build()).walk("VTIMEZONE")[0].to_tz(lookup_tzid=False)
    ours = dt.datetime.fromtimestamp(timestamp, zone)
    paris = dt.datetime.fromtimestamp(timestamp, ZoneInfo("Europe/Paris"))
    assert ours.utcoffset() == paris.utcoffset()
    assert ours.replace(tzinfo=None) == paris.replace(tzinfo=None)


def test_a_session_without_times_is_an_all_day_event():
    event = sessions_of(build())["dossier-7-seance-S3@parcours"]
    assert event["dtstart"].dt == dt.date(2027, 3, 1)
    assert event["dtend"].dt == dt.date(2027, 3, 2)
    assert "Durée : 7" in str(event["description"])


def test_one_missing_time_comes_from_the_other_and_the_hours():
    only_start = {**WINTER, "end_time": None}
    only_end = {**SUMMER, "start_time": None}
    events = sessions_of(build([only_start, only_end]))
    start = events["dossier-7-seance-S1@parcours"]
    end = events["dossier-7-seance-S2@parcours"]
    assert start["dtend"].dt.time() == dt.time(12, 30)
    assert end["dtstart"].dt.time() == dt.time(13, 30)


def test_uids_are_stable_when_sessions_move_or_are_listed_in_another_order():
    moved = [{**SUMMER, "date": "2027-07-26"}, ALL_DAY, WINTER]
    first = build([WINTER, SUMMER, ALL_DAY])
    again = build(moved)
    assert set(sessions_of(first)) == set(sessions_of(again))
    moved_event = sessions_of(again)["dossier-7-seance-S2@parcours"]
    assert moved_event["dtstart"].dt.date() == dt.date(2027, 7, 26)


def test_uids_of_two_dossiers_never_collide():
    assert not set(sessions_of(build(key="dossier-1"))) & set(sessions_of(build(key="dossier-2")))


def test_description_and_location_are_in_french():
    events = sessions_of(build())
    internal = events["dossier-7-seance-S1@parcours"]
    external = events["dossier-7-seance-S3@parcours"]
    text = str(internal["description"])
    assert "Modalité : formation interne, dans l'entreprise" in text
    assert "Formateur : Marc Petit" in text
    assert "Horaires : 9\u00a0h\u00a000 – 12\u00a0h\u00a030 (3,5\u00a0h)" in text
    assert str(internal["location"]).startswith("Cabinet Exemple Expertise Comptable, 12 rue")
    assert str(external["location"]) == "Organisme Exemple Formation"
    assert "Organisme de formation : Organisme Exemple Formation" in str(external["description"])


def test_reviews_are_all_day_events_in_french():
    reviews = [e for e in parse(build()).walk("VEVENT") if "bilan" in str(e["uid"])]
    assert [(str(e["summary"]), e["dtstart"].dt) for e in reviews] == [
        ("Bilan de suivi", dt.date(2027, 2, 25)),
        ("Bilan de suivi", dt.date(2027, 6, 24)),
        ("Bilan final", dt.date(2027, 12, 20)),
    ]
    assert not [e for e in parse(build(reviews=False)).walk("VEVENT") if "bilan" in str(e["uid"])]


def test_only_the_sessions_a_trainer_runs():
    # S1 and S2 name F1; S3 is external; S4 is on F1's module but names F2.
    assert sorted(sessions_of(build(trainers=frozenset({"F1"})))) == [
        "dossier-7-seance-S1@parcours",
        "dossier-7-seance-S2@parcours",
    ]
    assert sorted(sessions_of(build(trainers=frozenset({"F2"})))) == [
        "dossier-7-seance-S4@parcours"
    ]


def test_a_session_without_its_own_trainer_is_its_modules_trainers():
    no_trainer = {**WINTER, "trainer": None}
    assert list(sessions_of(build([no_trainer], trainers=frozenset({"F1"})))) == [
        "dossier-7-seance-S1@parcours"
    ]


def test_internal_only_leaves_out_external_sessions():
    kept = sessions_of(build(internal_only=True))
    assert "dossier-7-seance-S3@parcours" not in kept
    assert len(kept) == 3


def test_internal_only_can_leave_out_the_sessions_of_known_other_trainers():
    kept = sessions_of(build(internal_only=True, other_trainers=frozenset({"F1"})))
    assert sorted(kept) == ["dossier-7-seance-S4@parcours"]


def test_sessions_and_reviews_after_a_rupture_are_left_out():
    data = data_with_sessions()
    data["rupture"] = {"date": "2027-02-28", "reason": "Démission"}
    dossier = parse_dossier(data)
    cal = ical.calendar([ical.Selection("d", dossier)], title="x", stamp=STAMP)
    uids = {str(e["uid"]) for e in cal.walk("VEVENT")}
    assert uids == {"d-seance-S1@parcours", "d-seance-S4@parcours", "d-bilan-B1@parcours"}


def test_overseas_companies_get_their_own_time_zone():
    data = data_with_sessions([WINTER])
    data["company"]["address"] = "3 rue de Paris, 97400 Saint-Denis"
    cal = ical.dossier_calendar(parse_dossier(data), title="x", key="d", stamp=STAMP)
    body = cal.to_ical()
    event = next(iter(sessions_of(body).values()))
    assert b"DTSTART;TZID=Indian/Reunion:20270118T090000" in body
    assert event["dtstart"].dt.astimezone(UTC) == dt.datetime(2027, 1, 18, 5, tzinfo=UTC)
    zone = parse(body).walk("VTIMEZONE")[0]
    assert zone["tzid"] == "Indian/Reunion"
    built = zone.to_tz(lookup_tzid=False)
    assert dt.datetime(2027, 7, 1, 12, tzinfo=built).utcoffset() == dt.timedelta(hours=4)


def test_merged_calendar_holds_every_selection_with_the_learners_name():
    one = parse_dossier(data_with_sessions([WINTER]))
    other_data = data_with_sessions([SUMMER])
    other_data["learner"]["first_name"] = "Yanis"
    two = parse_dossier(other_data)
    cal = ical.calendar(
        [
            ical.Selection("dossier-1", one, reviews=False, name_learner=True),
            ical.Selection("dossier-2", two, reviews=False, name_learner=True),
        ],
        title="Mes séances",
        stamp=STAMP,
    )
    summaries = {str(e["uid"]): str(e["summary"]) for e in cal.walk("VEVENT")}
    assert summaries == {
        "dossier-1-seance-S1@parcours": "Formation : Processus internes du cabinet (Nadia Exemple)",
        "dossier-2-seance-S2@parcours": (
            "Formation : Entrées, sorties et absences en situation de travail (Yanis Exemple)"
        ),
    }
    assert str(cal["x-wr-calname"]) == "Mes séances"


def test_dossier_calendar_only_trainer_accepts_one_id():
    dossier = parse_dossier(data_with_sessions())
    cal = ical.dossier_calendar(dossier, title="x", key="k", only_trainer="F2", reviews=False)
    assert [str(e["uid"]) for e in cal.walk("VEVENT")] == ["k-seance-S4@parcours"]


def test_an_empty_calendar_is_still_a_valid_calendar():
    cal = ical.calendar([], title="Rien", stamp=STAMP)
    parsed = parse(cal.to_ical())
    assert parsed.walk("VEVENT") == []
    assert str(parsed["prodid"]) == ical.PRODID
