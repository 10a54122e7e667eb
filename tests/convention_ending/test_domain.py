"""Convention art. 10: a formal notice, its delay, the ending; funding as after a rupture."""

import datetime as dt

import pytest

from parcours.domain import convention_ending as ce
from parcours.domain.claims import due_claims
from parcours.domain.dossier import ClaimKind, ConventionParty
from parcours.domain.loading import InvalidDossier as ValidationError
from parcours.domain.loading import parse_dossier

COMPANY, OPCO, FACILITATOR = (
    ConventionParty.COMPANY,
    ConventionParty.OPCO,
    ConventionParty.FACILITATOR,
)
TODAY = dt.date(2027, 6, 30)


@pytest.fixture
def data(valid_dossier_data):
    data = valid_dossier_data
    data["status"] = "running"
    data["agreement"] = {"number": "A-1", "date": "2026-12-10"}
    data["as_of"] = TODAY.isoformat()
    return data


def noticed(data, sent="2027-06-01", delay=15, ended=None):
    data["convention_ending"] = {
        "notice_sent_on": sent, "notice_by": "company", "notice_to": "facilitator",
        "breach": "Aucun bilan suivi", "delay_days": delay, "ended_on": ended,
    }  # fmt: skip
    return data


def test_notice_to_oneself_is_refused_by_the_format(data):
    noticed(data)
    data["convention_ending"]["notice_to"] = "company"
    with pytest.raises(ValidationError):
        parse_dossier(data)


def test_an_ending_before_the_delay_is_refused_by_the_format(data):
    with pytest.raises(ValidationError):
        parse_dossier(noticed(data, ended="2027-06-10"))
    assert parse_dossier(noticed(data, ended="2027-06-16")).convention_ending.ended_on


def test_notice_errors_name_the_field(data):
    d = parse_dossier(data)
    assert ce.notice_errors(d, COMPANY, FACILITATOR, "Absent", TODAY, TODAY) == []
    paths = {p for p, _ in ce.notice_errors(d, COMPANY, COMPANY, " ", TODAY + dt.timedelta(1),
                                            TODAY)}  # fmt: skip
    assert paths == {"convention_ending.notice_to", "convention_ending.breach",
                     "convention_ending.notice_sent_on"}  # fmt: skip
    data["facilitator"] = None
    (err,) = ce.notice_errors(parse_dossier(data), COMPANY, FACILITATOR, "x", TODAY, TODAY)
    assert "n'a pas signé" in err[1]


def test_the_end_waits_for_the_delay(data):
    d = parse_dossier(noticed(data))  # sent 1 June, 15 days: from 16 June
    assert ce.earliest_end(d.convention_ending) == dt.date(2027, 6, 16)
    (err,) = ce.end_errors(d, dt.date(2027, 6, 15), TODAY)
    assert "à partir du 16/06/2027" in err[1]
    assert ce.end_errors(d, dt.date(2027, 6, 16), TODAY) == []
    assert ce.end_errors(d, TODAY + dt.timedelta(1), TODAY)  # not in the future


def test_no_end_without_a_notice_nor_twice(data):
    assert "mise en demeure" in ce.end_errors(parse_dossier(data), TODAY, TODAY)[0][1]
    data["status"] = "terminated"
    assert ce.end_errors(parse_dossier(noticed(data, ended="2027-06-20")), TODAY, TODAY)


def test_after_the_ending_the_funding_is_as_after_a_rupture(data):
    data["sessions"] = [{"id": "S1", "module": "M1", "date": "2027-01-12", "hours": 3.5,
                         "learner_signed": True}]  # fmt: skip
    data["reviews"][2]["held_date"] = "2027-06-20"
    before = {o.kind for o in due_claims(parse_dossier(data), TODAY)}
    assert ClaimKind.FACILITATOR_INVOICE_2 in before
    data["status"] = "terminated"
    d = parse_dossier(noticed(data, ended="2027-06-20"))
    assert ce.ended_early(d)
    assert {o.kind for o in due_claims(d, TODAY)} == {
        ClaimKind.FIRST_PAYMENT,
        ClaimKind.FACILITATOR_INVOICE_1,
    }


def test_a_notice_alone_changes_no_funding(data):
    assert not ce.ended_early(parse_dossier(noticed(data)))


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_notice_and_ending_papers(data, fmt):
    from parcours.domain.documents import DocumentNotReady, render_document

    with pytest.raises(DocumentNotReady):
        render_document(parse_dossier(data), "mise-en-demeure", fmt)
    with pytest.raises(DocumentNotReady):
        render_document(parse_dossier(noticed(data)), "fin-convention", fmt)
    assert render_document(parse_dossier(noticed(data)), "mise-en-demeure", fmt)
    data["status"] = "terminated"
    assert render_document(parse_dossier(noticed(data, ended="2027-06-20")), "fin-convention", fmt)


def test_the_notice_paper_says_the_breach_and_the_delay(data):
    from parcours.domain.documents import render_document
    from tests.documents.conftest import assert_contains, pdf_text

    text = pdf_text(render_document(parse_dossier(noticed(data)), "mise-en-demeure", "pdf"))
    assert_contains(
        text, "Aucun bilan suivi", "15 jours", "jusqu'au 15/06/2027 inclus", "16/06/2027"
    )


def test_the_to_do_list_follows_the_notice(data):
    from parcours.domain.todo import Kind, todo

    noticed(data)  # the company to the facilitator, 1 June, 15 days
    items = [i for i in todo(parse_dossier(data), dt.date(2027, 6, 5))
             if i.kind == Kind.CONVENTION_ENDING]  # fmt: skip
    assert [(i.role, i.due) for i in items if i.opens <= dt.date(2027, 6, 5)] == [
        ("facilitator", dt.date(2027, 6, 15))]  # fmt: skip
    assert "Remédier au manquement signalé par l'entreprise" in items[0].title
    later = [i for i in todo(parse_dossier(data), dt.date(2027, 6, 20))
             if i.kind == Kind.CONVENTION_ENDING and i.opens <= dt.date(2027, 6, 20)]  # fmt: skip
    assert {i.role for i in later} >= {"company_admin", "opco_staff"}
    data["status"] = "terminated"
    ended = parse_dossier(noticed(data, ended="2027-06-20"))
    assert not [i for i in todo(ended, dt.date(2027, 6, 25)) if i.kind == Kind.CONVENTION_ENDING]


def test_an_ended_convention_needs_no_rupture_record(data):
    from tests.domain.factories import findings

    data["status"] = "terminated"
    assert findings(data, "RUP-01")  # terminated without any record
    assert not findings(noticed(data, ended="2027-06-20"), "RUP-01")
