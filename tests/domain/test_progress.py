"""Progress per competence: the series, where the learner should be at a date (a straight
line from the assessed positioning at the action's start to the expected level at its end),
and a review's appreciation on both sides of that line."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcours.domain.loading import parse_dossier
from parcours.domain.progress import (
    Appreciation,
    Kind,
    describe,
    expected_at,
    progress,
    review_appreciations,
    rounded,
)

START, END = dt.date(2027, 1, 4), dt.date(2028, 1, 3)


def followed(data: dict) -> dict:
    """The example with B1 held (C1 at 1, C2 at 0), an evaluation of M1 and the final."""
    data["reviews"][0].update(
        held_date="2027-02-25",
        scores=[{"competence": "C1", "level": 1, "comment": "Paramètre seul un dossier simple"},
                {"competence": "C2", "level": 0}],
        participants=[{"name": "Claire Martin", "quality": "tuteur"}],
        decision="continue",
        held_by="Claire Martin",
    )  # fmt: skip
    data["evaluations"] = [
        {"module": "M1", "date": "2027-06-30",
         "evaluator": {"name": "Organisme Paie", "quality": "formateur"},
         "results": [{"competence": "C1", "level": 2, "comment": "QCM 16/20"},
                     {"competence": "C2", "level": 2}]}
    ]  # fmt: skip
    data["reviews"][2].update(
        held_date="2027-12-20",
        scores=[{"competence": "C1", "level": 3}, {"competence": "C2", "level": 2}],
    )
    return data


def test_the_expectation_runs_from_the_assessed_positioning_to_the_expected_level():
    assert expected_at(0, 3, START, END, START) == 0
    assert expected_at(0, 3, START, END, END) == 3
    middle = START + (END - START) / 2
    assert expected_at(1, 3, START, END, middle) == pytest.approx(2.0, abs=0.01)
    # before the start the starting level, after the end the target
    assert expected_at(1, 3, START, END, START - dt.timedelta(days=30)) == 1
    assert expected_at(1, 3, START, END, END + dt.timedelta(days=30)) == 3


def test_the_expected_level_at_a_date_is_the_nearest_level_a_half_up():
    assert rounded(0.49) == 0
    assert rounded(0.5) == 1
    assert rounded(2.97) == 3


@given(
    start_level=st.integers(0, 4),
    target=st.integers(1, 4),
    a=st.integers(-60, 420),
    b=st.integers(-60, 420),
)
def test_the_expectation_never_leaves_its_bounds_and_moves_one_way(start_level, target, a, b):
    first, second = sorted((a, b))
    low, high = sorted((start_level, target))
    x = expected_at(start_level, target, START, END, START + dt.timedelta(days=first))
    y = expected_at(start_level, target, START, END, START + dt.timedelta(days=second))
    assert low <= x <= high and low <= y <= high
    assert (y - x) * (target - start_level) >= 0


@pytest.mark.parametrize(
    ("level", "expected", "words"),
    [
        (2, 1, "en avance de 1 niveau sur l'attendu à cette date"),
        (4, 1, "en avance de 3 niveaux sur l'attendu à cette date"),
        (1, 1, "au niveau attendu à cette date"),
        (0, 1, "en retard de 1 niveau sur l'attendu à cette date"),
        (0, 2, "en retard de 2 niveaux sur l'attendu à cette date"),
    ],
)
def test_the_appreciation_says_which_side_of_the_line(level, expected, words):
    assert Appreciation(level, expected).text == words


def test_a_review_is_judged_against_the_expected_level_at_its_date_not_the_final_one(
    valid_dossier_data,
):
    d = parse_dossier(followed(valid_dossier_data))
    b1 = d.reviews[0]
    found = review_appreciations(d, b1)
    # C1: positioned at 0, expected 3 at the end; on 25 February 2027 (52 days of 364)
    # the line is at 0.43 → 0. Level 1 is ahead; compared with the final 3 it would be behind.
    assert found["C1"].expected == 0
    assert found["C1"].text == "en avance de 1 niveau sur l'attendu à cette date"
    # C2: positioned at 1 (line at 1.29 → 1); level 0 is one behind.
    assert found["C2"].expected == 1
    assert found["C2"].text == "en retard de 1 niveau sur l'attendu à cette date"


def test_an_unheld_review_has_no_appreciation(valid_dossier_data):
    d = parse_dossier(valid_dossier_data)
    assert review_appreciations(d, d.reviews[0]) == {}


def test_the_series_runs_from_positioning_to_the_final_review_in_date_order(valid_dossier_data):
    d = parse_dossier(followed(valid_dossier_data))
    c1 = progress(d)[0]
    assert [p.kind for p in c1.points] == [
        Kind.SELF, Kind.TUTOR, Kind.REVIEW, Kind.EVALUATION, Kind.FINAL,
    ]  # fmt: skip
    assert [p.level for p in c1.points] == [0, 0, 1, 2, 3]
    assert c1.points[3].by == "Organisme Paie, formateur"
    assert c1.points[2].comment == "Paramètre seul un dossier simple"
    assert c1.latest.kind == Kind.FINAL and c1.acquired is True
    c3 = progress(d)[2]  # never evaluated since the positioning
    assert [p.kind for p in c3.points] == [Kind.SELF, Kind.TUTOR]


def test_the_series_stops_at_a_given_date(valid_dossier_data):
    d = parse_dossier(followed(valid_dossier_data))
    c1 = progress(d, until=dt.date(2027, 3, 1))[0]
    assert [p.kind for p in c1.points] == [Kind.SELF, Kind.TUTOR, Kind.REVIEW]


def test_the_text_alternative_reads_the_series_in_french(valid_dossier_data):
    d = parse_dossier(followed(valid_dossier_data))
    c1, c2, c3 = progress(d)[:3]
    words = describe(c1)
    assert words.startswith("Compétence C1, Être capable de paramétrer")
    assert "niveau attendu en fin de contrat : 3 (maîtrise)" in words
    assert "bilan B1 le 25 février 2027 : niveau 1, en avance de 1 niveau" in words
    assert "évaluation du module M1 le 30 juin 2027 : niveau 2" in words
    assert "le niveau attendu 3 est atteint" in words
    assert "le niveau attendu 3 n'est pas encore atteint" in describe(c2)
    assert "None" not in words + describe(c3)


def test_without_positioning_the_line_starts_at_zero(valid_dossier_data):
    valid_dossier_data["positioning"] = None
    d = parse_dossier(followed(valid_dossier_data))
    c2 = progress(d)[1]
    assert c2.start_level == 0 and c2.points[0].kind == Kind.REVIEW
