"""The only writers of `lessons`: each party its own answer (permission for every role),
mirrored into `LessonAnswer` in the same transaction; the debrief by the company side;
French errors naming the field with nothing written; the version lock; one event each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from parcours.dossiers import convert
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.dossiers.models import DossierEvent
from parcours.lessons import actions
from parcours.lessons.models import LessonAnswer

DAY = dt.date(2026, 11, 20)
ANSWERING = {"company_admin": "entreprise", "tutor": "tuteur", "learner": "salarie",
             "facilitator": "tiers_facilitateur"}  # fmt: skip


@pytest.fixture
def ended(world):
    world.dossier.status = "completed"
    world.dossier.save(update_fields=["status"])
    return world


def _answer(w, role, again="oui", **kw):
    return actions.answer(w.dossier, w.users[role], w.dossier.version, again=again, **kw)


def _block(w):
    w.dossier.refresh_from_db()
    return convert.to_domain(w.dossier).lessons


@pytest.mark.parametrize("role", list(ANSWERING))
def test_each_party_gives_its_own_answer_mirrored_for_counting(ended, role):
    _answer(ended, role, "peut_etre", worked="  Le tutorat. ", to_change="")
    (answer,) = _block(ended).answers
    assert answer.quality.value == ANSWERING[role]
    assert (answer.worked, answer.to_change, answer.again.value) == ("Le tutorat.", None,
                                                                     "peut_etre")  # fmt: skip
    assert answer.by == str(ended.users[role])
    row = LessonAnswer.objects.get(dossier=ended.dossier)
    assert (row.quality, row.again) == (ANSWERING[role], "peut_etre")
    event = DossierEvent.objects.filter(dossier=ended.dossier).first()
    assert event.section == "lessons" and "referait : peut-être" in event.comment


def test_answering_again_replaces_one_own_answer_only(ended):
    _answer(ended, "tutor", "non")
    _answer(ended, "learner", "oui")
    _answer(ended, "tutor", "oui", to_change="Plus de temps.")
    answers = {a.quality.value: a for a in _block(ended).answers}
    assert set(answers) == {"tuteur", "salarie"}
    assert answers["tuteur"].again.value == "oui"
    assert answers["tuteur"].to_change == "Plus de temps."
    assert sorted(LessonAnswer.objects.values_list("quality", "again")) == [
        ("salarie", "oui"), ("tuteur", "oui")]  # fmt: skip


@pytest.mark.parametrize("role", ["trainer", "opco_staff", "company_admin_other",
                                  "facilitator_other"])  # fmt: skip
def test_the_trainer_the_opco_and_outsiders_do_not_answer(ended, role):
    with pytest.raises(PermissionDenied):
        _answer(ended, role)
    assert _block(ended) is None and not LessonAnswer.objects.exists()


@pytest.mark.parametrize("status", ["draft", "submitted", "running"])
def test_nobody_answers_before_the_end(world, status):
    world.dossier.status = status
    world.dossier.save(update_fields=["status"])
    with pytest.raises(PermissionDenied):
        _answer(world, "tutor")


def test_a_bad_answer_names_the_field_and_writes_nothing(ended):
    with pytest.raises(InvalidDossier) as exc:
        _answer(ended, "tutor", "bof", worked="x" * 1001)
    assert {e.path for e in exc.value.errors} == {"lessons.again", "lessons.worked"}
    assert _block(ended) is None and not LessonAnswer.objects.exists()


def test_the_version_lock_and_no_mirror_without_the_document(ended):
    with pytest.raises(StaleDossier):
        actions.answer(ended.dossier, ended.users["tutor"], ended.dossier.version - 1,
                       again="oui")  # fmt: skip
    assert not LessonAnswer.objects.exists()


@pytest.mark.parametrize("role", ["company_admin", "facilitator"])
def test_the_company_side_records_the_debrief(ended, role):
    actions.record_debrief(ended.dossier, ended.users[role], ended.dossier.version,
                           held_on=DAY, participants=[" Anne Martin ", "", "Sophie Bernard"],
                           opco_invited=True, conclusions="À refaire.")  # fmt: skip
    debrief = _block(ended).debrief
    assert debrief.participants == ["Anne Martin", "Sophie Bernard"]
    assert (debrief.held_on, debrief.opco_invited) == (DAY, True)
    assert debrief.conclusions == "À refaire."
    event = DossierEvent.objects.filter(dossier=ended.dossier).first()
    assert event.comment == "Débriefing final du 20/11/2026 enregistré (OPCO invité)."


@pytest.mark.parametrize("role", ["tutor", "trainer", "learner", "opco_staff",
                                  "company_admin_other", "facilitator_other"])  # fmt: skip
def test_only_the_company_side_records_the_debrief(ended, role):
    with pytest.raises(PermissionDenied):
        actions.record_debrief(ended.dossier, ended.users[role], ended.dossier.version,
                               held_on=DAY, participants=["A"], opco_invited=False)  # fmt: skip


def test_a_debrief_in_the_future_without_anyone_is_refused(ended):
    with pytest.raises(InvalidDossier) as exc:
        actions.record_debrief(ended.dossier, ended.users["company_admin"],
                               ended.dossier.version, held_on=dt.date(2027, 1, 1),
                               participants=[" "], opco_invited=False)  # fmt: skip
    assert {e.path for e in exc.value.errors} == {"lessons.held_on", "lessons.participants"}
    assert _block(ended) is None
