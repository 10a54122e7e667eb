"""DOC-01: the submission holds the CERFA 12434 and the signed convention."""

import pytest

from tests.domain.factories import findings, paths, severities


@pytest.fixture
def data(valid_dossier_data):
    return valid_dossier_data


def test_doc_01_accepts_the_valid_example(data):
    assert findings(data, "DOC-01") == []


def test_doc_01_rejects_a_missing_cerfa(data):
    del data["documents"][0]
    assert paths(data, "DOC-01") == ["documents"]
    assert severities(data, "DOC-01") == ["bloquant"]


def test_doc_01_rejects_a_missing_convention(data):
    del data["documents"][1]
    assert paths(data, "DOC-01") == ["documents"]


@pytest.mark.parametrize("missing", ["company", "facilitator"])
def test_doc_01_rejects_a_convention_not_signed_by_a_party(data, missing):
    data["documents"][1]["signed_by"].remove(missing)
    assert paths(data, "DOC-01") == ["documents[1].signed_by"]


def test_doc_01_needs_no_facilitator_signature_without_facilitator(data):
    data["facilitator"] = None
    data["documents"][1]["signed_by"] = ["company"]
    assert findings(data, "DOC-01") == []


def test_doc_01_reads_the_latest_convention(data):
    data["documents"].append({"kind": "convention", "date": "2026-11-30", "signed_by": []})
    assert paths(data, "DOC-01") == ["documents[2].signed_by"] * 2


def test_doc_01_waits_for_the_submission(data):
    data["status"] = "draft"
    data["documents"] = []
    assert findings(data, "DOC-01") == []
