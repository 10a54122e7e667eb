"""Candidate days: public holidays of each region, weekdays, and the capacity they leave."""

import datetime as dt

import pytest

from parcours.domain.planning import Infeasible, PlanOptions, Region, Rhythm, plan
from parcours.domain.planning.days import Calendar, best_fill, holidays_between
from tests.domain.planning.helpers import contract_of, dossier_with, module, valid_data

D = dt.date


@pytest.mark.parametrize(
    ("region", "day", "holiday"),
    [
        (Region.ALSACE_MOSELLE, D(2027, 3, 26), True),  # Vendredi saint
        (Region.ALSACE_MOSELLE, D(2028, 12, 26), True),  # Saint-Étienne
        (Region.METROPOLE, D(2027, 3, 26), False),
        (Region.METROPOLE, D(2028, 12, 26), False),
        (Region.METROPOLE, D(2027, 5, 17), True),  # lundi de Pentecôte
        (Region.LA_REUNION, D(2027, 12, 20), True),  # abolition de l'esclavage
        (Region.MAYOTTE, D(2027, 4, 27), True),
        (Region.GUADELOUPE, D(2027, 5, 27), True),
        (Region.MARTINIQUE, D(2027, 5, 22), True),
        (Region.GUYANE, D(2027, 6, 10), True),
        (Region.LA_REUNION, D(2027, 3, 26), False),
    ],
)
def test_public_holidays_of_each_region(region, day, holiday):
    assert (day in holidays_between(region, day, day)) is holiday


def _one_week_module(start: D, weekday: int, region: Region):
    """A dossier whose module W fits only one week, trained only on `weekday`."""
    data = valid_data()
    data["contract"] = contract_of(D(2027, 1, 4), 12)
    data["modules"] = [
        module("W", hours=3.5, start=start, end=start + dt.timedelta(days=6)),
        module("A", hours=70, start=D(2027, 1, 4), end=D(2028, 1, 3)),
    ]
    options = PlanOptions(region=region, weekdays=frozenset({weekday}))
    return dossier_with(data), options


def test_good_friday_is_worked_in_the_mainland_but_not_in_alsace_moselle():
    d, options = _one_week_module(D(2027, 3, 22), 4, Region.METROPOLE)
    w = [s for s in plan(d, options).sessions if s.module == "W"]
    assert [s.date for s in w] == [D(2027, 3, 26)]
    d, options = _one_week_module(D(2027, 3, 22), 4, Region.ALSACE_MOSELLE)
    with pytest.raises(Infeasible) as caught:
        plan(d, options)
    assert "Le module W demande 3,5\u00a0h du 22/03/2027 au 28/03/2027" in caught.value.reasons[0]
    assert "Lever l'une de ces contraintes suffirait" in caught.value.reasons[0]
    assert (
        "sans les jours fériés (Alsace-Moselle), 2 demi-journées (7\u00a0h)"
        in (caught.value.reasons[0])
    )


def test_la_reunion_does_not_train_on_20_december():
    d, options = _one_week_module(D(2027, 12, 20), 0, Region.METROPOLE)
    assert D(2027, 12, 20) in {s.date for s in plan(d, options).sessions}
    d, options = _one_week_module(D(2027, 12, 20), 0, Region.LA_REUNION)
    with pytest.raises(Infeasible, match=r"jours fériés \(La Réunion\)"):
        plan(d, options)


def test_alsace_moselle_does_not_train_on_26_december():
    data = valid_data()
    data["contract"] = contract_of(D(2028, 7, 3), 12)
    data["modules"] = [module("A", hours=140, start=D(2028, 7, 3), end=D(2029, 7, 2))]
    d = dossier_with(data)
    options = PlanOptions(
        region=Region.ALSACE_MOSELLE, weekdays=frozenset({1}), rhythm=Rhythm.ONE_DAY_A_WEEK
    )
    assert not Calendar(d, options).is_open(D(2028, 12, 26))
    assert Calendar(d, PlanOptions(weekdays=frozenset({1}))).is_open(D(2028, 12, 26))
    assert D(2028, 12, 26) not in {s.date for s in plan(d, options).sessions}


def test_a_day_holds_the_longest_set_of_half_days_within_the_daily_maximum():
    assert best_fill((210, 210), 420) == (0, 1)
    assert best_fill((240, 180), 420) == (0, 1)
    assert best_fill((240, 240), 420) == (0,)
    assert best_fill((180, 240, 120), 300) == (0, 2)


def test_kept_sessions_take_their_half_days_and_count_for_the_day():
    from parcours.domain.dossier import Session

    d = dossier_with()
    kept = Session(id="K", module="M1", date=D(2027, 3, 2), hours=3.5)  # no times: the morning
    cal = Calendar(d, PlanOptions(keep=(kept,)))
    assert cal.free_half_days(D(2027, 3, 2)) == (1,)
    assert cal.room(D(2027, 3, 2)) == 210
    assert cal.is_fixed(D(2027, 3, 2))
