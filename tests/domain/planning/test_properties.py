"""Properties of the planner over generated dossiers and options: a returned plan keeps
every promise and adds no finding of the calendar rules; an impossible one is explained."""

import datetime as dt

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from parcours.domain.calendar import add_months
from parcours.domain.planning import (
    DateRange,
    HalfDay,
    Infeasible,
    PlanOptions,
    Region,
    Rhythm,
    plan,
)
from tests.domain.planning.helpers import (
    assert_valid_plan,
    calendar_findings,
    contract_of,
    dossier_with,
    module,
    valid_data,
)

D = dt.date
T = dt.time
HALF_DAYS = (
    (HalfDay("matin", T(9), T(12, 30)), HalfDay("après-midi", T(13, 30), T(17))),
    (HalfDay("matin", T(8, 30), T(12, 30)), HalfDay("après-midi", T(13, 30), T(16, 30))),
    (HalfDay("matin", T(9), T(12)), HalfDay("midi", T(12), T(14)), HalfDay("soir", T(14), T(17))),
)
MODALITIES = ("externe", "interne", "afest", "distance", "evaluation")
# Words that name a constraint: every reason must carry one.
CONSTRAINT_WORDS = (
    "rythme", "fermeture", "indisponibilit", "férié", "jours de formation", "maximum",
    "séances déjà fixées", "ALT-0", "période de l'action", "d'où repart", "dates",
)  # fmt: skip
SETTINGS = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@st.composite
def dossiers(draw):
    """A dossier of 1 to 6 modules over a 6- to 24-month action, the first module over
    most of it (so that the dossier itself passes the alternance rules)."""
    start = D(2027, 1, 4) + dt.timedelta(weeks=draw(st.integers(0, 52)))
    months = draw(st.integers(6, 24))
    end = add_months(start, months) - dt.timedelta(days=1)
    length = (end - start).days
    modules = []
    for n in range(draw(st.integers(1, 6))):
        modality = draw(st.sampled_from(MODALITIES))
        if n == 0:
            first, last = start + dt.timedelta(days=draw(st.integers(0, 20))), end
        else:
            a, b = sorted(draw(st.lists(st.integers(0, length), min_size=2, max_size=2)))
            first, last = start + dt.timedelta(days=a), start + dt.timedelta(days=max(b, a + 6))
        hours = draw(st.integers(1, 60)) * 1.75 if n else months * draw(st.integers(3, 10))
        trainer = draw(st.sampled_from(["F1", "F2"]))
        modules.append(module(f"M{n + 1}", modality, hours, first, min(last, end), trainer))
    data = valid_data()
    data.update(
        status="draft",
        contract=contract_of(start, months),
        modules=modules,
        sequences=[],
        sessions=[],
        reviews=[],
    )
    data["contract"]["branch_agreement"] = "Accord de branche"
    data["trainers"].append({**data["trainers"][0], "id": "F2", "name": "Lina Roux"})
    data["company"]["internal_training_service"] = True
    return dossier_with(data)


def ranges_in(draw, dossier, most: int, longest: int) -> tuple[DateRange, ...]:
    c = dossier.contract
    length = (c.action_end - c.action_start).days
    result = []
    for _ in range(draw(st.integers(0, most))):
        first = c.action_start + dt.timedelta(days=draw(st.integers(0, length)))
        result.append(DateRange(first, first + dt.timedelta(days=draw(st.integers(0, longest)))))
    return tuple(result)


@st.composite
def cases(draw):
    dossier = draw(dossiers())
    weekdays = draw(st.sets(st.integers(0, 5), min_size=1, max_size=6))
    options = PlanOptions(
        rhythm=draw(st.sampled_from(Rhythm)),
        weekdays=frozenset(weekdays),
        half_days=draw(st.sampled_from(HALF_DAYS)),
        max_daily_hours=draw(st.sampled_from([7, 7.5, 8])),
        region=draw(st.sampled_from(Region)),
        closures=ranges_in(draw, dossier, 2, 21),
        trainer_unavailability={
            trainer: ranges_in(draw, dossier, 2, 45) for trainer in ("F1", "F2")
        },
    )
    return dossier, options


def _names_a_constraint(reason: str, dossier) -> bool:
    return reason.endswith(".") and (
        any(word in reason for word in CONSTRAINT_WORDS)
        or any(f"module {m.id} " in reason or f" {m.id}" in reason for m in dossier.modules)
    )


@SETTINGS
@given(cases())
def test_a_plan_keeps_every_promise_and_adds_no_calendar_finding(case):
    dossier, options = case
    # The dossier's own findings must be unrelated to the calendar (VOL aside: the plan
    # changes no hours).
    assume(not {f for f in calendar_findings(dossier) if not f[0].startswith("VOL-")})
    try:
        result = plan(dossier, options)
    except Infeasible as exc:
        assert exc.reasons
        assert all(_names_a_constraint(r, dossier) for r in exc.reasons), exc.reasons
        return
    assert_valid_plan(dossier, options, result)


@settings(max_examples=20, deadline=None, derandomize=True)
@given(dossiers(), st.sampled_from(Rhythm), st.integers(2, 20))
def test_a_module_asking_more_than_its_dates_hold_is_named(dossier, rhythm, weeks):
    """A module squeezed into a few weeks with far more hours than they hold."""
    m = dossier.modules[-1]
    start = max(m.start, dossier.contract.action_start)
    end = min(start + dt.timedelta(weeks=weeks), dossier.contract.action_end)
    hours = (end - start).days * 8 + 7
    squeezed = m.model_copy(update={"start": start, "end": end, "hours": hours})
    dossier = dossier.model_copy(update={"modules": [*dossier.modules[:-1], squeezed]})
    try:
        plan(dossier, PlanOptions(rhythm=rhythm))
    except Infeasible as exc:
        reason = next(r for r in exc.reasons if f"module {m.id} demande" in r)
        assert "possible" in reason and reason.endswith(".")
        return
    raise AssertionError("a module of more hours than its days hold was planned")


@settings(max_examples=15, deadline=None, derandomize=True)
@given(cases(), st.floats(0.1, 0.9), st.sampled_from(Rhythm))
def test_replanning_from_a_day_keeps_what_came_before(case, fraction, rhythm):
    dossier, options = case
    assume(not {f for f in calendar_findings(dossier) if not f[0].startswith("VOL-")})
    try:
        first = plan(dossier, options)
    except Infeasible:
        assume(False)
    c = dossier.contract
    start = c.action_start + dt.timedelta(days=int((c.action_end - c.action_start).days * fraction))
    kept = tuple(s for s in first.sessions if s.date < start)
    again = PlanOptions(
        rhythm=rhythm,
        weekdays=options.weekdays,
        half_days=options.half_days,
        max_daily_hours=options.max_daily_hours,
        region=options.region,
        keep=kept,
        start_from=start,
    )
    try:
        result = plan(dossier, again)
    except Infeasible as exc:
        assert all(_names_a_constraint(r, dossier) for r in exc.reasons), exc.reasons
        return
    assert result.sessions[: len(kept)] == kept
    assert all(s.date >= start for s in result.sessions[len(kept) :])
    assert_valid_plan(dossier, again, result)
