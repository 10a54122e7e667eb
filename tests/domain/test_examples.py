"""The shared examples give exactly the findings of expected.json."""

import json

import jsonschema
import pytest

from parcours.domain.dossier import json_schema
from parcours.domain.loading import parse_dossier
from parcours.domain.rules import Severity, check
from tests.conftest import EXAMPLES

EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_gives_exactly_the_expected_findings(name):
    dossier = parse_dossier((EXAMPLES / f"{name}.json").read_bytes())
    report = check(dossier)
    pairs = [[f.rule, f.severity.value] for f in report.findings if f.severity != Severity.INFO]
    assert pairs == EXPECTED[name]


def test_every_example_file_is_listed_in_expected():
    assert {p.stem for p in EXAMPLES.glob("*.json")} - {"expected"} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_example_validates_against_the_generated_json_schema(name):
    instance = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    jsonschema.validate(instance, json_schema())


def test_valid_example_figures_match_format_md():
    report = check(parse_dossier((EXAMPLES / "gestionnaire-paie-valide.json").read_bytes()))
    assert report.as_dict()["figures"] == {
        "duration_months": 12.0,
        "contract_hours": 1820.0,
        "teaching_hours": 210.0,
        "support_hours": 98.0,
        "parcours_hours": 308.0,
        "parcours_share": 0.1692,
    }


def test_the_demo_dossier_shipped_with_the_app_is_the_valid_example():
    from parcours.settings import BASE_DIR

    shipped = BASE_DIR / "parcours/fixtures/demo-dossier.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == json.loads(
        (EXAMPLES / "gestionnaire-paie-valide.json").read_text(encoding="utf-8")
    )
