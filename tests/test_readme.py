"""The README a newcomer reads: it starts with the two set-up commands, every file it links
to exists, and the example dossiers it holds are valid dossiers of the format."""

import re
from pathlib import Path

import pytest

from parcours.domain.loading import parse_dossier

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = sorted((ROOT / "docs" / "examples").glob("*.json"))


def test_the_readme_starts_with_the_two_set_up_commands():
    first, second = README.splitlines()[:2]
    assert first.split()[:2] == ["make", "run"]
    assert second.split()[:2] == ["make", "test"]


def test_every_file_the_readme_links_to_exists():
    links = re.findall(r"\]\(((?:docs|parcours|tests|bench)/[^)#\s]+)\)", README)
    assert len(links) >= 10
    assert [link for link in links if not (ROOT / link).exists()] == []


def test_every_module_the_table_names_exists():
    table = README[README.index("## Où trouver quoi") :].split("\n## ", 1)[0]
    named = set(re.findall(r"`(parcours/[\w/]+(?:\.\w+)?)", table))
    assert len(named) >= 20
    assert sorted(path for path in named if not (ROOT / path).exists()) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_the_example_dossiers_are_valid(path):
    assert parse_dossier(path.read_bytes()).format == "parcours-dossier/1"


def test_the_shared_format_is_held_in_the_repository():
    text = (ROOT / "docs" / "format-parcours-dossier-1.md").read_text(encoding="utf-8")
    assert "`parcours-dossier/1`" in text and len(EXAMPLES) >= 4
