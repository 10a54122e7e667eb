"""plan(): where sessions go (days, half-days, hours), what is kept, and the séquences."""

import datetime as dt
from collections import Counter

import pytest

from parcours.domain.dossier import Session
from parcours.domain.planning import (
    DateRange,
    HalfDay,
    Infeasible,
    InvalidOptions,
    PlanOptions,
    Region,
    Rhythm,
    apply_plan,
    plan,
)
from parcours.domain.planning.days import monday
from tests.domain.planning.helpers import (
    assert_valid_plan,
    calendar_findings,
    dossier_with,
    module,
    valid_data,
    valid_dossier,
)

D = dt.date
T = dt.time


@pytest.fixture(scope="module")
def dossier():
    return valid_dossier()


@pytest.fixture(scope="module")
def default_plan(dossier):
    return plan(dossier, PlanOptions())


def test_the_valid_example_is_planned_without_any_new_finding(dossier, default_plan):
    assert_valid_plan(dossier, PlanOptions(), default_plan)
    assert calendar_findings(apply_plan(dossier, default_plan)) == set()


def test_each_module_gets_exactly_its_hours_in_half_days(dossier, default_plan):
    count = Counter(s.module for s in default_plan.sessions)
    assert count == {"M1": 30, "M2": 14, "M3": 16, "M4": 20, "M5": 4}  # 105 h = 30 × 3.5 h
    assert {(s.start_time, s.end_time) for s in default_plan.sessions} <= {
        (T(9), T(12, 30)),
        (T(13, 30), T(17)),
    }


def test_the_last_session_of_a_module_is_cut_to_what_remains():
    data = valid_data()
    data["modules"][0]["hours"] = 100  # 28 half-days of 3.5 h and 2 h
    d = dossier_with(data)
    result = plan(d)
    m1 = [s for s in result.sessions if s.module == "M1"]
    assert [s.hours for s in m1].count(3.5) == 28
    assert m1[-1].hours == 2 and m1[-1].end_time in (T(11), T(15, 30))
    assert sum(s.hours for s in m1) == 100


def test_internal_sessions_name_their_trainer_and_external_ones_none(default_plan):
    trainers = {s.module: s.trainer for s in default_plan.sessions}
    assert trainers == {"M1": None, "M2": "F1", "M3": None, "M4": "F1", "M5": None}


def test_sequence_calendars_are_the_session_dates_of_their_module(dossier, default_plan):
    planned = apply_plan(dossier, default_plan)
    m2_dates = sorted({s.date for s in default_plan.sessions if s.module == "M2"})
    assert default_plan.calendars["M2"] == m2_dates
    assert planned.sequences_of("M2")[0].calendar == m2_dates
    assert set(default_plan.calendars) == {"M2", "M4"}  # interne and AFEST only


def test_ids_are_unique_and_never_reuse_an_id_the_dossier_knows():
    data = valid_data()
    data["sessions"] = [
        {"id": "S2", "module": "M1", "date": "2027-01-12", "hours": 3.5},
        {"id": "S5", "module": "M1", "date": "2027-01-19", "hours": 3.5},
    ]
    d = dossier_with(data)
    result = plan(d, PlanOptions(keep=(d.sessions[0],)))
    ids = [s.id for s in result.sessions]
    assert len(ids) == len(set(ids))
    assert ids.count("S2") == 1 and "S5" not in ids  # S5 is dropped, its id not reused


def test_at_most_max_daily_hours_a_day():
    long_half_days = (HalfDay("matin", T(8), T(12)), HalfDay("après-midi", T(13), T(17)))
    options = PlanOptions(
        rhythm=Rhythm.TWO_DAYS_A_WEEK, half_days=long_half_days, max_daily_hours=7
    )
    d = valid_dossier()
    result = plan(d, options)
    per_day = Counter()
    for s in result.sessions:
        per_day[s.date] += s.hours
    assert max(per_day.values()) <= 7
    assert max(Counter(s.date for s in result.sessions).values()) == 1  # 4 h + 4 h > 7 h
    assert_valid_plan(d, options, result)


def test_no_session_on_a_closure_nor_on_a_trainers_unavailable_days(dossier):
    closure = DateRange(D(2027, 7, 26), D(2027, 8, 20))
    away = DateRange(D(2027, 3, 1), D(2027, 4, 30))
    options = PlanOptions(
        rhythm=Rhythm.TWO_DAYS_A_WEEK, closures=(closure,), trainer_unavailability={"F1": (away,)}
    )
    result = plan(dossier, options)
    assert not [s for s in result.sessions if s.date in closure]
    f1 = [s for s in result.sessions if s.module in ("M2", "M4")]
    assert f1 and not [s for s in f1 if s.date in away]
    assert [s for s in result.sessions if s.date in away]  # others still train then
    assert_valid_plan(dossier, options, result)


def test_only_the_chosen_weekdays(dossier):
    options = PlanOptions(rhythm=Rhythm.TWO_DAYS_A_WEEK, weekdays=frozenset({1, 3}))
    result = plan(dossier, options)
    assert {s.date.weekday() for s in result.sessions} <= {1, 3}


def test_one_day_a_week_keeps_to_one_usual_weekday(dossier, default_plan):
    weeks = Counter(monday(s.date) for s in default_plan.sessions)
    days_per_week = Counter(monday(d) for d in {s.date for s in default_plan.sessions})
    assert max(days_per_week.values()) == 1
    assert max(weeks.values()) <= 2  # two half-days
    weekdays = Counter(s.date.weekday() for s in default_plan.sessions)
    assert weekdays.most_common(1)[0][1] >= 0.9 * len(default_plan.sessions)


@pytest.mark.parametrize(
    ("rhythm", "days_per_period"),
    [(Rhythm.TWO_DAYS_A_WEEK, 2), (Rhythm.TWO_DAYS_A_FORTNIGHT, 2)],
)
def test_rhythm_caps_the_training_days_per_period(dossier, rhythm, days_per_period):
    options = PlanOptions(rhythm=rhythm)
    result = plan(dossier, options)
    assert_valid_plan(dossier, options, result)
    days = {s.date for s in result.sessions}
    anchor = monday(dossier.contract.action_start)
    if rhythm == Rhythm.TWO_DAYS_A_FORTNIGHT:
        periods = Counter((monday(d) - anchor).days // 14 for d in days)
    else:
        periods = Counter(monday(d) for d in days)
    assert max(periods.values()) == days_per_period


def test_one_week_a_month_groups_each_months_training_in_one_week(dossier):
    options = PlanOptions(rhythm=Rhythm.ONE_WEEK_A_MONTH)
    result = plan(dossier, options)
    weeks = {}
    for s in result.sessions:
        weeks.setdefault((s.date.year, s.date.month), set()).add(monday(s.date))
    assert all(len(w) == 1 for w in weeks.values())
    assert len(weeks) == 12  # every month of 2027 trains
    assert_valid_plan(dossier, options, result)


def test_every_whole_month_of_the_action_gets_training(dossier, default_plan):
    months = {(s.date.year, s.date.month) for s in default_plan.sessions}
    assert months >= {(2027, m) for m in range(2, 13)}


def test_kept_sessions_stay_and_count_for_their_module(dossier):
    kept = Session(
        id="K1", module="M5", date=D(2027, 3, 3), hours=7, start_time=T(9), end_time=T(17)
    )
    options = PlanOptions(keep=(kept,))
    result = plan(dossier, options)
    assert kept in result.sessions
    m5 = [s for s in result.sessions if s.module == "M5"]
    assert sum(s.hours for s in m5) == 14 and len(m5) == 3
    assert not [s for s in result.sessions if s.date == kept.date and s.id != "K1"]
    assert_valid_plan(dossier, options, result)


def test_start_from_plans_only_the_remaining_hours_from_that_day(dossier, default_plan):
    start = D(2027, 5, 1)
    before = tuple(s for s in default_plan.sessions if s.date < start)
    options = PlanOptions(keep=before, start_from=start)
    result = plan(dossier, options)
    assert result.sessions[: len(before)] == before
    assert all(s.date >= start for s in result.sessions[len(before) :])
    assert_valid_plan(dossier, options, result)


def test_plans_are_deterministic(dossier, default_plan):
    assert plan(dossier, PlanOptions()) == default_plan


def test_modules_without_dates_use_the_action_period_and_dispensed_ones_are_skipped():
    data = valid_data()
    data["modules"][2]["start"] = data["modules"][2]["end"] = None
    data["modules"][4]["adaptation"] = "dispense"
    result = plan(dossier_with(data))
    modules = {s.module for s in result.sessions}
    assert "M3" in modules and "M5" not in modules


def test_a_module_asking_more_than_its_dates_allow_names_the_rhythm():
    data = valid_data()
    data["modules"][2].update(start="2027-03-01", end="2027-03-15", hours=70)
    with pytest.raises(Infeasible) as caught:
        plan(dossier_with(data))
    (reason,) = caught.value.reasons
    assert reason.startswith("Le module M3 demande 70\u00a0h du 01/03/2027 au 15/03/2027")
    assert "seules 6 demi-journées (21\u00a0h) sont possibles" in reason
    assert "C'est le rythme « un jour par semaine » qui bloque" in reason


def test_a_trainers_absence_is_named_when_it_makes_a_module_impossible(dossier):
    away = {"F1": (DateRange(D(2027, 1, 1), D(2027, 11, 30)),)}
    with pytest.raises(Infeasible) as caught:
        plan(dossier, PlanOptions(trainer_unavailability=away))
    text = "\n".join(caught.value.reasons)
    assert "Le module M2 demande 49\u00a0h" in text
    assert "Ce sont les indisponibilités de Marc Petit (F1) qui bloquent" in text


def test_a_month_wholly_closed_is_named(dossier):
    closure = DateRange(D(2027, 7, 31), D(2027, 9, 1))
    with pytest.raises(Infeasible) as caught:
        plan(dossier, PlanOptions(closures=(closure,)))
    assert caught.value.reasons == [
        "Aucune séance n'est possible en août 2027 à cause des fermetures de l'entreprise "
        "(du 31/07/2027 au 01/09/2027), alors que chaque mois entier de l'action doit compter "
        "de la formation (règles ALT-02 et ALT-03)."
    ]


def test_too_few_sessions_for_every_month_is_explained():
    data = valid_data()
    data["modules"] = [module("M1", hours=14, start=D(2027, 1, 4), end=D(2028, 1, 3))]
    with pytest.raises(Infeasible) as caught:
        plan(dossier_with(data))
    (reason,) = caught.value.reasons
    assert reason.startswith("Les 4 séances à placer ne permettent pas d'en mettre au moins une")
    assert "11 mois entiers" in reason


def test_a_daily_maximum_shorter_than_any_half_day_is_explained(dossier):
    with pytest.raises(Infeasible, match="Le maximum de 3\u00a0h de formation par jour"):
        plan(dossier, PlanOptions(max_daily_hours=3))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (dict(weekdays=frozenset()), "au moins un jour"),
        (dict(max_daily_hours=0), "entre 0 et 24"),
        (dict(rhythm="tous-les-jours"), "Rythme « tous-les-jours » inconnu"),
        (dict(region="corse"), "Région « corse » inconnue"),
        (
            dict(half_days=(HalfDay("a", T(9), T(12)), HalfDay("b", T(11), T(14)))),
            "se chevauchent",
        ),
    ],
)
def test_invalid_options_are_refused_in_french(options, message):
    with pytest.raises(InvalidOptions, match=message):
        PlanOptions(**options)


def test_a_half_day_ending_before_it_starts_is_refused():
    with pytest.raises(InvalidOptions, match="se termine \\(09:00\\) avant de commencer"):
        HalfDay("matin", T(12), T(9))


def test_regions_are_options_too(dossier):
    result = plan(dossier, PlanOptions(region=Region.LA_REUNION))
    assert_valid_plan(dossier, PlanOptions(region=Region.LA_REUNION), result)
