"""hold_review and record_evaluation: who may (every role), in which state, no back-dating
nor future date, only the module's competences, nothing written on a refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from parcours.dossiers.enums import Status
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.dossiers.models import Dossier, DossierEvent
from parcours.reviews import actions
from parcours.reviews.perms import can_hold_review, can_record_evaluation
from tests.reviews.conftest import DURING_B1

COMPETENCES = ["C1", "C2", "C3", "C4", "C5", "C6", "C7"]
PEOPLE = [{"name": "Sophie Bernard", "quality": "tuteur"},
          {"name": "Marc Petit", "quality": "formateur"}]  # fmt: skip


def scores(level=1, comment="Observé en situation"):
    return {c: {"level": level, "comment": comment} for c in COMPETENCES}


def hold(w, role="tutor", **changes):
    args = {"review_id": "B1", "held_date": dt.date(2027, 2, 25), "scores": scores(),
            "participants": PEOPLE, "decision": "continue",
            "expected_version": w.dossier.version} | changes  # fmt: skip
    return actions.hold_review(w.dossier, w.users[role], **args)


def evaluate(w, role="trainer", **changes):
    args = {"module_id": "M2", "date": dt.date(2027, 2, 26),
            "results": {"C5": {"level": 2, "comment": "Cas pratique réussi"}, "C6": {"level": 1}},
            "expected_version": w.dossier.version} | changes  # fmt: skip
    return actions.record_evaluation(w.dossier, w.users[role], **args)


def review(row, rid="B1"):
    row.refresh_from_db()
    return next(r for r in row.content["reviews"] if r["id"] == rid)


def unchanged(row, version):
    row.refresh_from_db()
    return row.version == version and not DossierEvent.objects.filter(dossier=row).exists()


def test_the_tutor_holds_a_review_with_levels_comments_participants_and_decision(running):
    hold(running, decision="adapt", comment="Bon départ.")
    b1 = review(running.dossier)
    assert b1["held_date"] == "2027-02-25"
    assert b1["scores"][0] == {"competence": "C1", "level": 1, "comment": "Observé en situation"}
    assert b1["participants"] == PEOPLE
    assert b1["decision"] == "adapt" and b1["held_by"] == "Sophie Bernard"
    assert b1["comment"] == "Bon départ."
    event = DossierEvent.objects.get(dossier=running.dossier)
    assert event.section == "reviews" and event.actor == running.users["tutor"]
    assert "Bilan B1 tenu le 25/02/2027" in event.comment and "adapter" in event.comment


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("tutor", True), ("company_admin", True), ("facilitator", True), ("trainer", False),
     ("learner", False), ("opco_staff", False), ("company_admin_other", False),
     ("facilitator_other", False)],
)  # fmt: skip
def test_who_holds_a_review(running, role, allowed):
    assert can_hold_review(running.users[role], running.dossier) is allowed
    version = running.dossier.version
    if allowed:
        hold(running, role)
        assert review(running.dossier)["held_date"] == "2027-02-25"
    else:
        with pytest.raises(PermissionDenied):
            hold(running, role)
        assert unchanged(running.dossier, version)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.ACCEPTED,
                                    Status.COMPLETED, Status.TERMINATED])  # fmt: skip
def test_a_review_is_held_only_while_the_contract_runs(running, status):
    running.dossier.status = status
    running.dossier.save(update_fields=["status"])
    with pytest.raises(PermissionDenied):
        hold(running)
    with pytest.raises(PermissionDenied):
        evaluate(running)
    assert unchanged(running.dossier, running.dossier.version)


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (DURING_B1 + dt.timedelta(days=1), "est dans le futur"),
        (dt.date(2027, 2, 3), "avant le mois prévu pour le bilan B1 (04/02/2027)"),
        (dt.date(2026, 12, 1), "avant le mois prévu"),
    ],
)
def test_a_review_is_neither_back_dated_nor_dated_in_the_future(running, day, words):
    with pytest.raises(InvalidDossier) as refused:
        hold(running, held_date=day)
    assert refused.value.errors[0].path == "held_date"
    assert words in refused.value.errors[0].message
    assert unchanged(running.dossier, running.dossier.version)


def test_the_first_day_of_its_month_and_today_are_accepted(running):
    hold(running, held_date=dt.date(2027, 2, 4))
    hold(running, held_date=DURING_B1)
    assert review(running.dossier)["held_date"] == DURING_B1.isoformat()


def test_a_review_scores_every_competence_and_only_them(running):
    partial = {c: v for c, v in scores().items() if c != "C7"}
    with pytest.raises(InvalidDossier) as refused:
        hold(running, scores={**partial, "C99": {"level": 2}})
    messages = {e.path: e.message for e in refused.value.errors}
    assert "n'est pas une compétence du référentiel" in messages["scores[6].competence"]
    assert messages["scores"] == "il manque le niveau de C7"
    assert unchanged(running.dossier, running.dossier.version)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"scores": scores(level=5)}, "scores[0].level"),
        ({"scores": scores(level="")}, "scores[0].level"),
        ({"scores": scores(comment="x" * 2001)}, "scores[0].comment"),
        ({"decision": "peut-être"}, "decision"),
        ({"participants": []}, "participants"),
        ({"participants": [{"name": "Léa", "quality": "cousine"}]}, "participants[0].quality"),
        ({"review_id": "B9"}, "review"),
    ],
)
def test_bad_input_names_the_field_in_french_and_writes_nothing(running, change, path):
    with pytest.raises(InvalidDossier) as refused:
        hold(running, **change)
    assert path in [e.path for e in refused.value.errors]
    assert all("None" not in e.message for e in refused.value.errors)
    assert unchanged(running.dossier, running.dossier.version)


def test_a_stale_version_is_refused_and_the_other_save_kept(running):
    version = running.dossier.version
    hold(running)
    with pytest.raises(StaleDossier):
        hold(running, decision="adapt", expected_version=version)
    assert review(running.dossier)["decision"] == "continue"


# --- evaluations -------------------------------------------------------------------------


def test_the_modules_trainer_records_its_evaluation(running):
    evaluate(running)
    running.dossier.refresh_from_db()
    [e] = running.dossier.content["evaluations"]
    assert e["module"] == "M2" and e["date"] == "2027-02-26"
    assert e["evaluator"] == {"name": "Marc Petit", "quality": "formateur"}
    assert e["results"][0] == {"competence": "C5", "level": 2, "comment": "Cas pratique réussi"}
    assert DossierEvent.objects.get(dossier=running.dossier).section == "evaluations"


@pytest.mark.parametrize(
    ("role", "module", "allowed"),
    [("trainer", "M2", True), ("trainer", "M4", True), ("trainer", "M1", False),
     ("tutor", "M1", True), ("company_admin", "M1", True), ("facilitator", "M1", True),
     ("learner", "M2", False), ("opco_staff", "M2", False),
     ("company_admin_other", "M2", False), ("facilitator_other", "M2", False)],
)  # fmt: skip
def test_who_records_an_evaluation(running, role, module, allowed):
    results = {c: {"level": 1} for c in Dossier.objects.get(pk=running.dossier.pk).content[
        "modules"][["M1", "M2", "M3", "M4"].index(module)]["competences"]}  # fmt: skip
    assert can_record_evaluation(running.users[role], running.dossier, module) is allowed
    version = running.dossier.version
    if allowed:
        evaluate(running, role, module_id=module, results=results)
    else:
        with pytest.raises(PermissionDenied):
            evaluate(running, role, module_id=module, results=results)
        assert unchanged(running.dossier, version)


def test_a_trainer_not_mapped_to_the_module_may_not_evaluate_it(running):
    running.dossier.trainer_accounts = {}
    running.dossier.save(update_fields=["trainer_accounts"])
    with pytest.raises(PermissionDenied):
        evaluate(running)


def test_only_the_competences_the_module_covers(running):
    with pytest.raises(InvalidDossier) as refused:
        evaluate(running, results={"C5": {"level": 2}, "C1": {"level": 3}})
    [error] = refused.value.errors
    assert error.path == "results[1].competence"
    assert error.message == "« C1 » n'est pas une compétence du module M2"
    assert unchanged(running.dossier, running.dossier.version)


@pytest.mark.parametrize(
    ("day", "words"),
    [(DURING_B1 + dt.timedelta(days=2), "dans le futur"),
     (dt.date(2027, 1, 17), "avant le début du module M2 (18/01/2027)")],
)  # fmt: skip
def test_an_evaluation_is_neither_in_the_future_nor_before_its_module(running, day, words):
    with pytest.raises(InvalidDossier) as refused:
        evaluate(running, date=day)
    assert words in refused.value.errors[0].message
    assert unchanged(running.dossier, running.dossier.version)


def test_an_evaluation_of_the_same_module_and_day_is_corrected_not_doubled(running):
    evaluate(running)
    evaluate(running, results={"C5": {"level": 3}})
    evaluate(running, date=dt.date(2027, 2, 27), results={"C6": {"level": 2}})
    running.dossier.refresh_from_db()
    evaluations = running.dossier.content["evaluations"]
    assert [(e["date"], e["results"][0]["level"]) for e in evaluations] == [
        ("2027-02-26", 3), ("2027-02-27", 2),
    ]  # fmt: skip


def test_the_company_transcribes_an_external_providers_evaluation(running):
    evaluate(running, "company_admin", module_id="M1", results={"C1": {"level": 2}},
             evaluator_name="Organisme Paie Formation")  # fmt: skip
    running.dossier.refresh_from_db()
    [e] = running.dossier.content["evaluations"]
    assert e["evaluator"] == {"name": "Organisme Paie Formation", "quality": "formateur"}


def test_an_evaluation_needs_at_least_one_result(running):
    with pytest.raises(InvalidDossier) as refused:
        evaluate(running, results={})
    assert refused.value.errors[0].path == "results"


# --- the generic section write keeps what hold_review wrote -------------------------------


def test_saving_the_planned_reviews_keeps_a_held_review_as_it_was_held(running):
    from parcours.dossiers.actions import update_section

    hold(running, decision="adapt")
    running.dossier.refresh_from_db()
    planned = [{"id": r["id"], "kind": r["kind"], "planned_date": r["planned_date"]}
               for r in running.dossier.content["reviews"]]  # fmt: skip
    planned[1]["planned_date"] = "2027-06-25"  # what the « Bilans » step sends
    update_section(running.dossier, running.users["tutor"], "reviews", planned,
                   running.dossier.version)  # fmt: skip
    b1 = review(running.dossier)
    assert b1["held_date"] == "2027-02-25" and b1["decision"] == "adapt"
    assert b1["scores"][0]["comment"] == "Observé en situation"
    assert review(running.dossier, "B2")["planned_date"] == "2027-06-25"


def test_the_section_write_neither_holds_nor_back_dates_nor_deletes_a_held_review(running):
    from parcours.dossiers.actions import update_section

    reviews = [dict(r) for r in running.dossier.content["reviews"]]
    reviews[1] |= {"held_date": "2027-01-05", "scores": [{"competence": "C1", "level": 4}]}
    update_section(running.dossier, running.users["tutor"], "reviews", reviews,
                   running.dossier.version)  # fmt: skip
    assert review(running.dossier, "B2")["held_date"] is None
    hold(running)
    running.dossier.refresh_from_db()
    version = running.dossier.version
    without_b1 = [r for r in running.dossier.content["reviews"] if r["id"] != "B1"]
    with pytest.raises(InvalidDossier) as refused:
        update_section(running.dossier, running.users["company_admin"], "reviews", without_b1,
                       version)  # fmt: skip
    assert "le bilan B1 a été tenu : il ne peut pas être supprimé" in str(refused.value)
    running.dossier.refresh_from_db()
    assert running.dossier.version == version
