"""Properties of the checker over many generated dossiers (Hypothesis)."""

from __future__ import annotations

import copy
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parcours.domain.dossier import HOURS_MAX
from parcours.domain.loading import InvalidDossier, parse_dossier
from parcours.domain.rules import Severity, check
from tests.conftest import EXAMPLES
from tests.domain.factories import shift_dates

VALID = json.loads((EXAMPLES / "gestionnaire-paie-valide.json").read_text(encoding="utf-8"))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Whole weeks keep every weekday a weekday, so the modules' working days stay working days
# (the modules span months: a public holiday moving onto one of them never empties it).
# The valid dossier's review dates sit well inside their windows (the 2nd month holds
# action_start + 52 days whatever the month lengths, the 6th + 171 days, the last + 350)
# and its 365-day action stays 12 months at most, 11.97 when it spans a 29 February.
# ±30 years keeps the learner (born 1985, a job seeker) eligible and the contract after
# 1982, from which French public holidays are computed natively (calendar.py).
weeks = st.integers(min_value=-30 * 52, max_value=30 * 52)


@SETTINGS
@given(weeks)
def test_shifting_every_date_by_whole_weeks_keeps_the_valid_dossier_valid(n):
    data = shift_dates(VALID, 7 * n)
    report = check(parse_dossier(data))
    assert [f.rule for f in report.findings if f.severity != Severity.INFO] == []


@SETTINGS
@given(
    st.integers(min_value=0, max_value=len(VALID["modules"]) - 1),
    st.floats(min_value=0, max_value=HOURS_MAX - 1_000, allow_nan=False),
    weeks,
)
def test_adding_hours_to_a_module_never_creates_a_vol_03_finding(index, extra, n):
    data = shift_dates(VALID, 7 * n)
    data["modules"][index]["hours"] += extra
    assert [f for f in check(parse_dossier(data)).findings if f.rule == "VOL-03"] == []


def report_dict(data, as_of):
    return check(parse_dossier(data), as_of=as_of).as_dict()


@SETTINGS
@given(
    weeks,
    st.lists(st.floats(min_value=0, max_value=500, allow_nan=False), min_size=5, max_size=5),
    st.sampled_from(["draft", "submitted", "running", "completed", "terminated"]),
    st.dates(),
)
def test_the_json_report_round_trips(n, hours, status, as_of):
    data = shift_dates(VALID, 7 * n)
    data["status"] = status
    for module, h in zip(data["modules"], hours, strict=True):
        module["hours"] = h
    report = report_dict(data, as_of)
    assert json.loads(json.dumps(report, ensure_ascii=False)) == report
    assert set(report) == {"reference", "as_of", "figures", "findings"}
    assert report["as_of"] == as_of.isoformat()
    for finding in report["findings"]:
        assert set(finding) == {"rule", "severity", "path", "message", "fix", "source"}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


def leaf_paths(value, prefix=()):
    """Every path (tuple of keys and indexes) inside a JSON value."""
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaf_paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaf_paths(v, (*prefix, i))


PATHS = [p for p in leaf_paths(VALID) if p]


@st.composite
def mutated_dossiers(draw):
    """The valid dossier with one part replaced by any JSON value, or removed."""
    data = copy.deepcopy(VALID)
    path = draw(st.sampled_from(PATHS))
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if draw(st.booleans()) and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(json_values)
    return data


def parses_or_refuses(document):
    try:
        return parse_dossier(document)
    except InvalidDossier as exc:
        assert exc.errors and all(e.message for e in exc.errors)
        return None


@SETTINGS
@given(json_values)
def test_parse_raises_only_invalid_dossier_on_any_json_value(value):
    assert parses_or_refuses(json.dumps(value)) is None
    if isinstance(value, dict):
        assert parses_or_refuses(value) is None


@SETTINGS
@given(st.text() | st.binary())
def test_parse_raises_only_invalid_dossier_on_any_text_or_bytes(document):
    parses_or_refuses(document)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_dossiers(), st.dates())
def test_a_mutated_dossier_is_refused_cleanly_or_checked_without_crash(data, as_of):
    for document in (json.dumps(data), json.dumps(data).encode(), data):
        dossier = parses_or_refuses(document)
        if dossier is not None:
            check(dossier, as_of=as_of)


offsets = st.integers(min_value=-60, max_value=430)


@SETTINGS
@given(weeks, st.lists(st.tuples(offsets, offsets), min_size=5, max_size=5))
def test_any_module_dates_are_checked_without_crash(n, bounds):
    """Modules anywhere, even ending before they start or holding no working day."""
    import datetime as dt

    data = shift_dates(VALID, 7 * n)
    start = dt.date.fromisoformat(data["contract"]["action_start"])
    for module, (a, b) in zip(data["modules"], bounds, strict=True):
        module["start"] = (start + dt.timedelta(days=a)).isoformat()
        module["end"] = (start + dt.timedelta(days=b)).isoformat()
    check(parse_dossier(data))
