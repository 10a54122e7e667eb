"""A finding's path names the form field the pages render for it."""

import pytest

from parcours.domain.loading import parse_dossier
from parcours.domain.rules import check
from parcours.web.findings import FindingIndex, field_key, step_of


@pytest.mark.parametrize(
    ("path", "key", "step"),
    [
        ("competences[2].statement", "competences-2-statement", "referentiel"),
        ("competences[12]", "competences-12", "referentiel"),
        ("modules", "modules", "parcours"),
        ("company.representative.name", "company-representative_name", "entreprise"),
        ("contract.action_end", "contract-action_end", "contrat"),
        ("positioning.entries[3].self_level", "entries-3-self_level", "positionnement"),
        ("tutor", "tutor", "tuteurs"),
        ("trainers[0].volunteer", "trainers-0-volunteer", "tuteurs"),
        ("sessions[1].learner_signed", "sessions-1-learner_signed", None),
    ],
)
def test_a_path_maps_to_its_field_and_step(path, key, step):
    assert field_key(path) == key
    assert step_of(path) == step


def test_the_index_finds_a_badly_written_competence_at_its_statement(valid_dossier_data):
    valid_dossier_data["competences"][1]["statement"] = "Savoir faire la paie"
    index = FindingIndex(check(parse_dossier(valid_dossier_data)).findings)
    assert [f.rule for f in index.at("competences-1-statement")] == ["REF-02"]
    assert "REF-02" in [f.rule for f in index.of_step("referentiel")]
