"""The version in force at a date (`document_at`), and what a version changes, in words."""

import copy
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcours.amendments import actions
from parcours.amendments import versions as v
from parcours.amendments.models import Kind, ParcoursVersion, State
from parcours.domain.loading import parse_dossier
from parcours.domain.parcours_diff import ADDED, CHANGED, REMOVED, SAME, compare
from tests.amendments.conftest import ACCEPTED_ON, AFTER_B1, B1_HELD, BEFORE_B1, changed, hold


def _hours(document: dict) -> dict[str, float]:
    return {m["id"]: m["hours"] for m in document["modules"]}


@pytest.mark.django_db
def test_document_at_gives_the_design_in_force_on_each_date(live, at):
    row = live.dossier
    opco, admin = live.users["opco_staff"], live.users["company_admin"]
    actions.propose_adaptation(row, opco, changed(row, M1=120), "Plus de logiciel.", row.version)
    actions.accept_adaptation(row, admin, 2, row.version)  # in force from 1 February 2027
    hold(row, "B1", B1_HELD)
    at(AFTER_B1)
    draft = actions.save_draft(row, admin, Kind.AVENANT, changed(row, M3=70), "DSN.", row.version)
    actions.submit(row, admin, draft.number, row.version)
    actions.accept_avenant(row, opco, 3, row.version)
    for party in ("company", "facilitator", "opco", "learner"):
        actions.record_signature(row, admin, 3, party, row.version)  # in force 15 March 2027
    row.refresh_from_db()

    assert _hours(v.document_at(row, ACCEPTED_ON))["M1"] == 105
    assert _hours(v.document_at(row, dt.date(2026, 1, 1)))["M1"] == 105  # before: the first
    assert _hours(v.document_at(row, dt.date(2027, 1, 31))) == {
        "M1": 105, "M2": 49, "M3": 56, "M4": 70, "M5": 14,
    }  # fmt: skip
    assert _hours(v.document_at(row, BEFORE_B1)) == {
        "M1": 120, "M2": 49, "M3": 56, "M4": 70, "M5": 14,
    }  # fmt: skip
    assert _hours(v.document_at(row, dt.date(2027, 3, 14)))["M3"] == 56
    today = v.document_at(row, AFTER_B1)
    assert _hours(today) == {"M1": 120, "M2": 49, "M3": 70, "M4": 70, "M5": 14}
    # The version in force today is the document itself, sessions and changes included.
    assert today["modules"] == v.convert.document(row)["modules"]
    assert len(today["changes"]) == 2
    # What was in force before version 3, on the day it came into force.
    assert _hours(v.document_at(row, AFTER_B1, before=3))["M3"] == 56
    # A past version is a valid document: rules and figures judge it.
    assert parse_dossier(v.document_at(row, dt.date(2027, 1, 10))).module("M1").hours == 105


@pytest.mark.django_db
def test_document_at_without_any_version_is_the_document(world):
    doc = v.document_at(world.dossier, dt.date(2027, 6, 1))
    assert doc == v.convert.document(world.dossier)


@pytest.mark.django_db
def test_a_declined_or_pending_version_is_never_in_force(live):
    row = live.dossier
    actions.propose_adaptation(
        row, live.users["opco_staff"], changed(row, M1=120), "x", row.version
    )
    assert _hours(v.document_at(row, BEFORE_B1))["M1"] == 105
    actions.decline_adaptation(row, live.users["company_admin"], 2, "Non.", row.version)
    assert _hours(v.document_at(row, BEFORE_B1))["M1"] == 105


# --- in_force_at, as a property ---------------------------------------------------------------

days = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2028, 12, 31))


@given(st.lists(days, min_size=1, max_size=6).map(sorted), days)
def test_the_version_in_force_is_the_last_one_started_on_or_before_the_day(starts, day):
    items = [
        ParcoursVersion(number=n, kind=Kind.ADAPTATION, state=State.ACCEPTED, in_force_from=d)
        for n, d in enumerate(starts, start=1)
    ]
    items.append(ParcoursVersion(number=len(items) + 1, kind=Kind.AVENANT, state=State.ACCEPTED))
    chosen = v.in_force_at(items, day)
    started = [x for x in items[:-1] if x.in_force_from <= day]
    assert chosen is (started[-1] if started else items[0])
    assert chosen.in_force  # an avenant not signed by all never is


# --- the comparison ------------------------------------------------------------------------------


@pytest.fixture
def example():
    from tests.factories import example as load

    return load()


def test_a_version_compared_with_itself_changes_nothing(example):
    d = parse_dossier(example)
    result = compare(d, d)
    assert not result.changed and result.sentences == ()
    assert {m.status for m in result.modules} == {SAME}


@given(st.lists(st.integers(min_value=1, max_value=300), min_size=5, max_size=5))
def test_every_module_whose_hours_change_is_named_with_both_durations(hours):
    from tests.factories import example as load

    data = load()
    before = parse_dossier(data)
    after_data = copy.deepcopy(data)
    for m, h in zip(after_data["modules"], hours, strict=True):
        m["hours"] = h
    after = parse_dossier(after_data)
    result = compare(before, after)
    for old, new in zip(before.modules, after.modules, strict=True):
        row = next(m for m in result.modules if m.id == old.id)
        if old.hours == new.hours:
            assert row.status == SAME
        else:
            assert row.status == CHANGED
            sentence = next(s for s in result.sentences if s.startswith(f"Module {old.id} "))
            assert f"{old.hours:g}" in sentence.replace("\u00a0", " ")
            assert f"{new.hours:g}" in sentence.replace("\u00a0", " ")


def test_added_removed_and_changed_in_plain_french(example):
    before = parse_dossier(example)
    data = copy.deepcopy(example)
    data["modules"] = [m for m in data["modules"] if m["id"] != "M4"]
    data["modules"][2].update(modality="distance", start="2027-04-01", end="2027-10-29")
    data["modules"][0]["adaptation"] = "renforcement"
    data["modules"].append(
        dict(data["modules"][0], id="M6", title="Paie des cadres", hours=21, competences=["C8"])
    )
    data["competences"].append(
        {"id": "C8", "statement": "Être capable de gérer la paie des cadres", "level": 2}
    )
    data["competences"][2]["level"] = 2
    data["contract"]["action_end"] = "2028-03-31"
    data["contract"]["end_date"] = "2028-03-31"
    result = compare(before, parse_dossier(data))
    status = {m.id: m.status for m in result.modules}
    assert status == {"M1": CHANGED, "M2": SAME, "M3": CHANGED, "M5": SAME, "M6": ADDED,
                      "M4": REMOVED}  # fmt: skip
    text = "\n".join(result.sentences)
    assert "Module M1 « Maîtrise du logiciel de paie » : passe en renforcement." in text
    assert (
        "modalité « formation externe » remplacée par « formation à distance » ; dates du "
        "01/03/2027 au 30/09/2027 remplacées par du 01/04/2027 au 29/10/2027" in text
    )
    assert "Module M6 « Paie des cadres » ajouté : 21\u00a0h · formation externe" in text
    assert "Module M4 « Entrées, sorties et absences en situation de travail » retiré" in text
    assert "Compétence C8 ajoutée : Être capable de gérer la paie des cadres" in text
    assert "Compétence C3 : niveau attendu 3 – maîtrise → 2 – application." in text
    assert "Fin de l'action de professionnalisation : le 03/01/2028 → le 31/03/2028." in text
    totals = {t.label: (t.before, t.after) for t in result.totals}
    assert totals["Durée totale du parcours"] == ("308\u00a0h", "259\u00a0h")
    assert "None" not in text and "True" not in text


@pytest.mark.django_db
def test_a_review_paper_judges_the_parcours_in_force_the_day_it_was_held(live, at):
    from parcours.dossiers import papers
    from tests.documents.conftest import pdf_text

    row = live.dossier
    opco, admin = live.users["opco_staff"], live.users["company_admin"]
    content = copy.deepcopy(row.content)
    for review in content["reviews"]:
        if review["id"] == "B1":
            review["scores"] = [{"competence": c["id"], "level": 1} for c in content["competences"]]
    row.content = content
    row.save(update_fields=["content"])
    hold(row, "B1", B1_HELD)
    at(AFTER_B1)
    row.refresh_from_db()
    draft = actions.save_draft(row, admin, Kind.AVENANT, changed(row, M3=70), "DSN.", row.version)
    actions.submit(row, admin, draft.number, row.version)
    actions.accept_avenant(row, opco, draft.number, row.version)
    for party in ("company", "facilitator", "opco", "learner"):
        actions.record_signature(row, admin, draft.number, party, row.version)
    row.refresh_from_db()
    assert _hours(v.convert.document(row))["M3"] == 70

    on_b1 = parse_dossier(v.document_at(row, B1_HELD))
    judged = papers._as_on_review_day(admin, row, papers.domain_for(admin, row), "B1")
    assert judged.module("M3").hours == on_b1.module("M3").hours == 56
    # Not yet held: the paper is not ready, and the current design is kept.
    current = papers.domain_for(admin, row)
    assert papers._as_on_review_day(admin, row, current, "B2").module("M3").hours == 70
    assert "Bilan de suivi" in pdf_text(papers.produce(admin, row, "bilan", "pdf", "B1").content)
