"""Properties of the naming of breaks (`parcours.attendance.verify.named_breaks`, pure):
whatever record is changed, removed or swapped, the break names it (or the one after it),
and nothing else is named."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from parcours.attendance.verify import named_breaks
from parcours.domain.attendance import next_record_fields

FIELDS = ("session", "signer_name", "presence", "method", "signed_at", "trainer")


def chain(n: int) -> list[dict]:
    records, previous = [], None
    start = dt.datetime(2027, 1, 4, 8, tzinfo=dt.UTC)
    for i in range(n):
        previous = next_record_fields(
            previous,
            session=f"S{i // 2 + 1}",
            signer="learner" if i % 2 == 0 else "trainer",
            signer_name=f"Personne {i}",
            trainer=None if i % 2 == 0 else "F1",
            method="account",
            signed_at=start + dt.timedelta(hours=i),
        )
        records.append(previous)
    return records


def _changed(value, field):
    if field == "signed_at":
        return value + dt.timedelta(seconds=1)
    if field == "presence":
        return "absent"
    return f"{value or ''}*"


@given(st.integers(2, 30), st.data())
def test_a_changed_record_is_the_one_named(n, data):
    records = chain(n)
    i = data.draw(st.integers(0, n - 1))
    field = data.draw(st.sampled_from(FIELDS))
    records[i] = {**records[i], field: _changed(records[i].get(field), field)}
    breaks = named_breaks(records, records[-1]["hash"], n)
    assert {b.seq for b in breaks} == {i + 1}
    assert f"séance S{i // 2 + 1}" in str(breaks[0])


@given(st.integers(2, 30), st.data())
def test_a_removed_record_is_listed_missing_and_its_follower_named(n, data):
    records = chain(n)
    head = records[-1]["hash"]
    i = data.draw(st.integers(0, n - 1))
    del records[i]
    breaks = named_breaks(records, head, n)
    text = " ".join(map(str, breaks))
    assert f"n° {i + 1} introuvable" in text
    named = {b.seq for b in breaks if b.seq is not None}
    assert named == ({i + 2} if i < n - 1 else set())


@given(st.integers(3, 30), st.data())
def test_two_swapped_records_are_named(n, data):
    records = chain(n)
    i = data.draw(st.integers(0, n - 2))
    records[i], records[i + 1] = records[i + 1], records[i]
    breaks = named_breaks(records, None, n)
    named = {b.seq for b in breaks}
    assert {i + 1, i + 2} <= named <= {i + 1, i + 2, i + 3}


@given(st.integers(0, 30))
def test_a_whole_chain_names_nothing(n):
    records = chain(n)
    assert named_breaks(records, records[-1]["hash"] if records else None, n) == []
