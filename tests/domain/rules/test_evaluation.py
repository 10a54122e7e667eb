"""EVA-01: every module plans the evaluation of its competences."""

import pytest

from tests.domain.factories import findings


@pytest.mark.parametrize("methods", [[], ["  "], [""]])
def test_eva_01_alerts_a_module_without_evaluation_method(valid_dossier_data, methods):
    valid_dossier_data["modules"][2]["evaluation_methods"] = methods
    (finding,) = findings(valid_dossier_data, "EVA-01")
    assert (finding.path, finding.severity.value) == ("modules[2].evaluation_methods", "alerte")


def test_eva_01_accepts_one_method(valid_dossier_data):
    valid_dossier_data["modules"][2]["evaluation_methods"] = ["QCM"]
    assert findings(valid_dossier_data, "EVA-01") == []
