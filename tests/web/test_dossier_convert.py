import datetime as dt

import pytest

from parcours.domain.dossier import Status as DomainStatus
from parcours.domain.loading import InvalidDossier
from parcours.dossiers import convert, lifecycle
from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from tests.factories import example


def test_status_choices_are_the_domain_statuses():
    assert Status.values == [s.value for s in DomainStatus]


def test_apply_document_then_to_domain_round_trips():
    row = Dossier(status=Status.DRAFT)
    convert.apply_document(row, example())
    dossier = convert.to_domain(row)
    assert dossier.contract.job_title == "Gestionnaire de paie"
    assert dossier.status == DomainStatus.DRAFT


def test_the_row_status_wins_over_the_document_status():
    row = Dossier(status=Status.RUNNING)
    convert.apply_document(row, example())  # the example says "submitted"
    assert convert.document(row)["status"] == "running"
    assert convert.to_domain(row).status == DomainStatus.RUNNING


def test_a_stored_dossier_is_judged_today_not_at_the_imported_as_of():
    row = Dossier(status=Status.RUNNING)
    convert.apply_document(row, example())  # the example says "as_of": "2026-12-01"
    assert convert.to_domain(row).as_of is None
    assert lifecycle.report_at(row).as_of == dt.date.today()


def test_apply_document_rejects_a_bad_field_and_leaves_the_row_untouched():
    row = Dossier(status=Status.DRAFT, content={"kept": True})
    data = example()
    data["contract"]["start_date"] = "pas une date"
    with pytest.raises(InvalidDossier) as raised:
        convert.apply_document(row, data)
    assert raised.value.errors[0].path == "contract.start_date"
    assert "date" in raised.value.errors[0].message
    assert row.content == {"kept": True}


def test_strip_benefits_removes_only_the_benefits():
    data = example()
    data["learner"]["benefits"] = ["rsa"]
    stripped = convert.strip_benefits(data)
    assert "benefits" not in stripped["learner"]
    assert stripped["learner"]["first_name"] == "Nadia"
    assert data["learner"]["benefits"] == ["rsa"]


def test_diff_names_each_changed_path():
    before = {"a": 1, "b": [{"c": 1}], "d": "x"}
    after = {"a": 1, "b": [{"c": 2}, {"c": 3}], "d": "x"}
    assert convert.diff(before, after, "s") == [
        {"path": "s.b[0].c", "before": 1, "after": 2},
        {"path": "s.b[1]", "before": None, "after": {"c": 3}},
    ]


def test_with_section_refuses_an_unknown_section():
    row = Dossier(status=Status.DRAFT)
    convert.apply_document(row, example())
    with pytest.raises(InvalidDossier) as raised:
        convert.with_section(row, "salaire", 1)
    assert raised.value.errors[0].path == "salaire"
