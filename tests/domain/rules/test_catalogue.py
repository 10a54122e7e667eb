"""The catalogue is RULES.md's, and every rule has its tests here."""

import re
from pathlib import Path

from parcours.domain.rules import CATALOGUE, Stage
from parcours.domain.rules.base import STAGES_BY_STATUS
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[3]

RULE_ID = re.compile(r"^\| ([A-Z]{3,4}-\d{2}) \| (\S+(?: / \S+)?) \| (\w+) \|", re.MULTILINE)
SEED_ROWS = RULE_ID.findall((SHARED / "RULES.md").read_text(encoding="utf-8"))
# The Code du travail's rules the repository adds (issue [9]), documented beside the code.
ADDED_ROWS = RULE_ID.findall((ROOT / "docs" / "rules.md").read_text(encoding="utf-8"))
ROWS = SEED_ROWS + ADDED_ROWS


def test_catalogue_holds_the_45_rules_of_rules_md_in_order():
    assert len(SEED_ROWS) == 45
    seed_ids = {row[0] for row in SEED_ROWS}
    assert [r for r in CATALOGUE if r in seed_ids] == [row[0] for row in SEED_ROWS]


def test_catalogue_holds_the_added_rules_of_docs_rules_md_and_nothing_else():
    assert len(ADDED_ROWS) == 6
    assert set(CATALOGUE) == {row[0] for row in ROWS}


def test_each_rule_has_the_severity_and_stage_of_rules_md():
    for rule_id, severity, stage in ROWS:
        rule = CATALOGUE[rule_id]
        assert rule.stage.value == stage, rule_id
        # DUR-02 is "alerte / bloquant": one of them in the catalogue, the other per finding.
        assert rule.severity.value in severity.split(" / "), rule_id


def test_every_rule_is_tested_in_this_folder():
    tests = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py"))
    untested = [
        rule_id for rule_id in CATALOGUE if f'"{rule_id}"' not in tests.replace(__doc__, "")
    ]
    assert untested == []


def test_stages_by_status_follow_rules_md():
    design, submission, running, closing = Stage
    assert STAGES_BY_STATUS["draft"] == {design}
    for status in ("submitted", "changes_requested", "refused"):
        assert STAGES_BY_STATUS[status] == {design, submission}
    for status in ("accepted", "running"):
        assert STAGES_BY_STATUS[status] == {design, submission, running}
    for status in ("completed", "terminated"):
        assert STAGES_BY_STATUS[status] == set(Stage)
