"""The pure parts of the OPCO's summary: sections condensed (`parcours.domain.condensed`)
and the document rolled back through the history's saves, then two submissions compared in
words (`parcours.domain.resubmission`)."""

import copy
import json

import pytest

from parcours.domain.condensed import condense, positioning_gaps
from parcours.domain.figures import Figures
from parcours.domain.loading import parse_dossier
from parcours.domain.resubmission import compare_submissions, rewind, set_path
from parcours.dossiers.convert import diff  # the history's own diff (pure Python)
from tests.conftest import EXAMPLES


def example(name="gestionnaire-paie-valide") -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def blocks(data, show_benefits=True):
    d = parse_dossier(data)
    return {b.key: b for b in condense(d, Figures(d), show_benefits=show_benefits)}


# --- condensed ------------------------------------------------------------------------------


def test_the_benefits_are_written_only_for_who_may_read_them():
    data = example()
    data["learner"]["benefits"] = ["rsa", "aah"]
    shown = dict(blocks(data)["learner"].facts)
    assert shown["Minima sociaux"] == "RSA, AAH"
    assert "Minima sociaux" not in dict(blocks(data, show_benefits=False)["learner"].facts)


def test_positioning_gaps_use_the_tutor_level_else_the_learner_own():
    data = example()
    data["positioning"]["entries"] = [
        {"competence": "C1", "self_level": 1, "assessed_level": 3},  # no gap (expected 3)
        {"competence": "C2", "self_level": 2, "assessed_level": None},  # gap 1, own level
        {"competence": "C4", "self_level": 0, "assessed_level": 1},  # gap 1 (expected 2)
    ]
    gaps = {c.id: gap for c, _, _, gap in positioning_gaps(parse_dossier(data))}
    assert gaps == {"C2": 1, "C4": 1}
    block = blocks(data)["positioning"]
    assert dict(block.facts)["Non positionnées"] == "C3, C5, C6, C7"
    assert (
        "C2 : niveau attendu 3 ; non évalué par le tuteur, 2 par le salarié — écart 1"
        in block.items
    )


def test_a_long_statement_is_shortened_never_its_level():
    data = example()
    data["competences"][0]["statement"] = "Être capable de " + "tout faire " * 30
    line = blocks(data)["competences"].items[0]
    assert line.endswith("(niveau 3 – maîtrise, indispensable)")
    assert "…" in line


def test_no_learner_yet_is_said():
    data = example()
    data["learner"] = None
    assert blocks(data)["learner"].empty == "Pas encore recruté."


# --- rolling back -------------------------------------------------------------------------


def test_set_path_makes_the_containers_on_the_way():
    doc = {}
    set_path(doc, "modules[1].competences[0]", "C1")
    assert doc == {"modules": [None, {"competences": ["C1"]}]}


def _edits():
    """(name, change): ways a company changes a dossier between two submissions."""

    def hours(d):
        d["modules"][0]["hours"] = 112

    def add_module(d):
        d["modules"].append({**copy.deepcopy(d["modules"][1]), "id": "M6", "title": "Nouveau"})

    def remove_modules(d):
        del d["modules"][1:3]

    def no_positioning(d):
        d["positioning"] = None

    def tutor(d):
        d["tutor"]["experience_years"] = 12
        d["tutor"]["is_employer"] = True

    def competence_words(d):
        d["competences"][2]["skills"] = ["Déclarer", "Corriger", "Relancer"]

    def trainers(d):
        d["trainers"].append({**d["trainers"][0], "id": "F2", "name": "Léa Roux"})

    return [hours, add_module, remove_modules, no_positioning, tutor, competence_words, trainers]


@pytest.mark.parametrize("edit", _edits(), ids=lambda f: f.__name__)
def test_rewinding_one_save_gives_the_document_before_it(edit):
    before = example()
    after = copy.deepcopy(before)
    edit(after)
    saves = [
        [
            c
            for s in ("modules", "positioning", "tutor", "competences", "trainers")
            for c in diff(before.get(s), after.get(s), s)
        ]
    ]
    assert rewind(after, saves) == before


def test_rewinding_several_saves_in_turn():
    states = [example()]
    for edit in _edits():
        nxt = copy.deepcopy(states[-1])
        edit(nxt)
        states.append(nxt)
    saves = [
        [
            c
            for s in ("modules", "positioning", "tutor", "competences", "trainers")
            for c in diff(a.get(s), b.get(s), s)
        ]
        for a, b in zip(states, states[1:], strict=False)
    ]
    assert rewind(states[-1], saves) == states[0]
    assert rewind(states[-1], saves[3:]) == states[3]


def test_rewinding_a_deposit_puts_back_the_entry_it_replaced():
    before = example()
    after = copy.deepcopy(before)
    after["documents"] = [
        before["documents"][0],
        {"kind": "convention", "date": "2026-11-26", "signed_by": ["company"]},
    ]
    undone = rewind(after, [[{"document_kind": "convention", "before": before["documents"][1]}]])
    assert sorted(undone["documents"], key=str) == sorted(before["documents"], key=str)


def test_sections_the_summary_does_not_track_are_left_alone():
    doc = example()
    doc["sessions"] = [{"id": "S1"}]
    assert rewind(doc, [[{"path": "sessions[0]", "before": None, "after": {"id": "S1"}}]]) == doc


# --- comparing --------------------------------------------------------------------------------


def test_modules_are_compared_by_their_identifier_fields_in_words():
    before = example()
    after = copy.deepcopy(before)
    del after["modules"][2]  # M3 removed: by position M4 would « change », by id it does not
    after["learner"]["highest_qualification"] = "DCG"
    found = {s.key: s for s in compare_submissions(before, after, show_benefits=True)}
    assert set(found) == {"modules", "learner", "figures"}
    assert found["modules"].sentences[0].startswith("Module M3 « Déclarations sociales")
    assert "retiré" in found["modules"].sentences[0]
    line = found["learner"].lines[0]
    assert (line.what, line.before, line.after) == (
        "Le plus haut diplôme du salarié apprenant",
        "BTS Comptabilité et Gestion",
        "DCG",
    )
    totals = [s.replace("\u00a0", " ") for s in found["figures"].sentences]
    assert "Durée totale du parcours : 308 h → 252 h." in totals
    assert "Part du parcours dans le contrat : 16,9 % → 13,8 %." in totals


def test_benefits_changes_are_hidden_from_who_may_not_read_them():
    before = example()
    after = copy.deepcopy(before)
    after["learner"]["benefits"] = ["rsa"]
    assert compare_submissions(before, after, show_benefits=False) == []
    shown = compare_submissions(before, after, show_benefits=True)
    assert shown[0].lines[0].after == "rsa"


def test_an_invalid_document_is_still_compared_field_by_field():
    before = example()
    after = copy.deepcopy(before)
    after["modules"][0]["hours"] = -3  # not a valid dossier any more
    found = {s.key: s for s in compare_submissions(before, after, show_benefits=True)}
    line = found["modules"].lines[0]
    assert (line.before, line.after) == ("105", "-3")
    assert "module M1" in line.what
