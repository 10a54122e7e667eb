"""The readiness test's verdicts (parcours.domain.readiness), pure: each condition of the
guide, answered « non » or « je ne sais pas », changes the verdict and yields its advice."""

from __future__ import annotations

import pytest

from parcours.domain import readiness as r
from parcours.domain.readiness import Answer, Verdict

ALL_YES = {q.id: Answer.YES for q in r.QUESTIONS}
REQUIRED_SINGLE = [q.id for q in r.QUESTIONS if q.required and not q.condition]


def with_(**changes) -> dict:
    return ALL_YES | {k: Answer(v) for k, v in changes.items()}


def test_every_yes_is_ready_with_nothing_to_prepare():
    result = r.verdict(ALL_YES)
    assert result.verdict == Verdict.READY
    assert result.advice == () and result.extras == ()
    assert result.label == "Prêt"


@pytest.mark.parametrize("qid", REQUIRED_SINGLE)
def test_each_condition_answered_no_is_named_with_its_guide_action(qid):
    result = r.verdict(with_(**{qid: "non"}))
    assert result.verdict != Verdict.READY
    [advice] = result.advice
    assert advice.condition is r.CONDITIONS[qid]
    assert advice.answer == Answer.NO and not advice.to_check
    assert advice.condition.source and advice.condition.todo


@pytest.mark.parametrize("qid", REQUIRED_SINGLE)
def test_each_condition_unknown_is_to_check_and_almost_ready(qid):
    result = r.verdict(with_(**{qid: "ne-sait-pas"}))
    assert result.verdict == Verdict.ALMOST
    [advice] = result.advice
    assert advice.to_check


ESSENTIAL = [q for q in REQUIRED_SINGLE if r.BY_ID[q].essential]
PREPARABLE = [q for q in REQUIRED_SINGLE if not r.BY_ID[q].essential]


@pytest.mark.parametrize("qid", ESSENTIAL)
def test_an_essential_condition_answered_no_means_not_yet(qid):
    assert r.verdict(with_(**{qid: "non"})).verdict == Verdict.NOT_YET


@pytest.mark.parametrize("qid", PREPARABLE)
def test_a_preparable_condition_answered_no_means_almost(qid):
    assert r.verdict(with_(**{qid: "non"})).verdict == Verdict.ALMOST


def test_the_essential_and_preparable_conditions_are_those_of_the_guide():
    assert set(ESSENTIAL) == {"opco_member", "tutor_volunteer", "tutor_experience",
                              "training_possible", "hours_150"}  # fmt: skip
    assert set(PREPARABLE) == {"job_identified", "tutor_load", "tutor_time", "time_share"}


def test_two_things_to_prepare_is_almost_three_is_not_yet():
    two = with_(job_identified="non", tutor_time="ne-sait-pas")
    assert r.verdict(two).verdict == Verdict.ALMOST
    three = with_(job_identified="non", tutor_time="ne-sait-pas", time_share="ne-sait-pas")
    result = r.verdict(three)
    assert result.verdict == Verdict.NOT_YET
    assert [a.condition.id for a in result.advice] == ["job_identified", "tutor_time",
                                                        "time_share"]  # fmt: skip
    assert result.summary.startswith("3 conditions manquent encore")


def test_afest_is_a_plus_never_a_condition():
    for answer in ("non", "ne-sait-pas"):
        result = r.verdict(with_(afest_possible=answer))
        assert result.verdict == Verdict.READY
        assert result.advice == ()
        assert [a.condition.id for a in result.extras] == ["afest_possible"]


CANDIDATE = ("candidate_young", "candidate_job_seeker", "candidate_benefits")


@pytest.mark.parametrize("yes", CANDIDATE)
def test_the_candidate_is_eligible_through_any_one_public(yes):
    answers = with_(**{q: "non" for q in CANDIDATE}) | {yes: Answer.YES}
    assert r.verdict(answers).verdict == Verdict.READY


def test_a_candidate_in_none_of_the_publics_means_not_yet():
    result = r.verdict(with_(**{q: "non" for q in CANDIDATE}))
    assert result.verdict == Verdict.NOT_YET
    [advice] = result.advice
    assert advice.condition.id == "candidate" and "16 à 25 ans" in advice.condition.todo


def test_a_candidate_partly_unknown_is_to_check():
    answers = with_(candidate_young="non", candidate_job_seeker="ne-sait-pas",
                    candidate_benefits="non")  # fmt: skip
    result = r.verdict(answers)
    assert result.verdict == Verdict.ALMOST
    assert result.advice[0].to_check


def test_unanswered_questions_count_as_unknown():
    result = r.verdict({})
    assert result.verdict == Verdict.NOT_YET
    assert all(a.to_check for a in result.advice)


def test_kept_never_holds_the_candidate_answers():
    answers = with_(candidate_benefits="oui")
    kept = r.kept(answers, "  Gestionnaire de paie ")
    assert kept["job_title"] == "Gestionnaire de paie"
    assert not set(kept["answers"]) & set(CANDIDATE)
    assert set(kept["answers"]) == {q.id for q in r.QUESTIONS if q.kept}


def test_prefill_gives_the_job_title_the_tutor_criteria_and_what_is_left():
    kept = r.kept(with_(tutor_time="non", job_identified="ne-sait-pas"), "Gestionnaire de paie")
    out = r.prefill(kept)
    assert out["contract"] == {"job_title": "Gestionnaire de paie"}
    assert out["tutor_criteria"] == [
        "il est volontaire",
        "il a au moins 2 ans d'expérience sur l'activité",
        "il suivra au plus 3 salariés apprenants",
    ]
    assert [c.id for c in out["to_prepare"]] == ["job_identified", "tutor_time"]


@pytest.mark.parametrize(
    "saved",
    [None, "x", {"answers": "x"}, {"answers": {"candidate_benefits": "oui", "opco_member": 3}},
     {"job_title": 12}],
)  # fmt: skip
def test_prefill_ignores_what_it_does_not_know(saved):
    assert r.prefill(saved) == {}


def test_prefill_cuts_a_too_long_title():
    out = r.prefill({"job_title": "x" * 500})
    assert len(out["contract"]["job_title"]) == r.MAX_JOB_TITLE


def test_every_condition_is_asked_and_every_question_leads_to_a_condition():
    asked = {q.condition_id for q in r.QUESTIONS}
    assert asked == set(r.CONDITIONS)
    assert {q.section for q in r.QUESTIONS} == {s.id for s in r.SECTIONS}
    assert len(set(r.QUESTION_IDS)) == len(r.QUESTIONS)
