"""The parcours builder's live matrix and figures agree with the rules engine."""

from parcours.domain.loading import parse_dossier
from parcours.domain.rules import check
from parcours.web.coverage import coverage, live_figures


def test_every_competence_of_the_valid_example_is_covered(valid_dossier_data):
    matrix = coverage(parse_dossier(valid_dossier_data))
    assert matrix.uncovered == []
    assert len(matrix.rows) == len(valid_dossier_data["competences"])
    assert len(matrix.rows[0].cells) == len(valid_dossier_data["modules"])


def test_a_competence_left_by_every_module_is_uncovered_as_par_01_says(valid_dossier_data):
    for m in valid_dossier_data["modules"]:
        m["competences"] = [c for c in m["competences"] if c != "C2"] or ["C1"]
    dossier = parse_dossier(valid_dossier_data)
    assert [r.competence_id for r in coverage(dossier).uncovered] == ["C2"]
    assert any(f.rule == "PAR-01" and f.path == "competences[1]" for f in check(dossier).findings)


def test_an_evaluation_module_covers_without_teaching(valid_dossier_data):
    valid_dossier_data["modules"] = [
        {"id": "E", "title": "Éval", "modality": "evaluation", "competences": ["C1"], "hours": 7}
    ]
    valid_dossier_data["positioning"] = None
    row = coverage(parse_dossier(valid_dossier_data)).rows[0]
    assert row.cells[0].covers and not row.cells[0].teaches
    assert not row.covered


def test_live_figures_say_when_teaching_hours_are_below_150(valid_dossier_data):
    valid_dossier_data["modules"] = valid_dossier_data["modules"][:1]
    valid_dossier_data["modules"][0]["hours"] = 20
    valid_dossier_data["modules"][0]["modality"] = "externe"
    live = live_figures(parse_dossier(valid_dossier_data))
    assert live["teaching"].value == 20
    assert live["teaching"].state == "bas"
    assert live["share"].state == "bas"


def test_live_figures_of_the_valid_example_are_within_bounds(valid_dossier_data):
    live = live_figures(parse_dossier(valid_dossier_data))
    assert live["share"].state == "ok"
    assert live["teaching"].state == "ok"
    assert live["contract_hours"] == 1820.0
