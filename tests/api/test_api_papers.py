"""The dossier's papers through the API: the list, then each file."""

import io

import pytest
from pypdf import PdfReader


def _list(api_as, world, role):
    return api_as(role)("get", f"/api/dossiers/{world.dossier.pk}/documents")


def _file(api_as, world, role, name, **query):
    url = f"/api/dossiers/{world.dossier.pk}/documents/{name}"
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return api_as(role)("get", url)


def test_the_list_gives_readiness_reasons_and_files(api_as, world):
    response = _list(api_as, world, "company_admin")
    assert response.status_code == 200
    listed = {d["name"]: d for d in response.json()}
    assert listed["convention"]["formats"] == ["pdf", "docx"]
    assert listed["convention"]["ready"] is True
    assert listed["certificat"]["ready"] is False
    assert "Aucune séance de formation" in listed["certificat"]["reason"]
    assert len(listed["emargement"]["instances"]) >= 1
    assert {"financement", "demande-paiement"} <= set(listed)


@pytest.mark.parametrize("role", ["learner", "tutor", "trainer"])
def test_the_funding_papers_are_neither_listed_nor_served_to(api_as, world, role):
    names = {d["name"] for d in _list(api_as, world, role).json()}
    assert "convention" in names
    assert not names & {"financement", "demande-paiement"}
    response = _file(api_as, world, role, "financement")
    assert response.status_code == 403
    assert "réservé" in response.json()["detail"]


def test_a_pdf_and_the_docx_of_the_convention(api_as, world):
    pdf = _file(api_as, world, "company_admin", "convention")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert pdf["Content-Disposition"] == f'attachment; filename="convention-{world.dossier.pk}.pdf"'
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert world.company.name in text
    docx = _file(api_as, world, "facilitator", "convention", format="docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert docx["Content-Disposition"].endswith(f'convention-{world.dossier.pk}.docx"')


def test_one_file_of_a_multi_file_paper_by_its_index(api_as, world):
    listed = {d["name"]: d for d in _list(api_as, world, "company_admin").json()}
    instances = listed["sequence"]["instances"]
    last = instances[-1]
    response = _file(api_as, world, "company_admin", "sequence", index=last["index"])
    assert response.status_code == 200
    assert f"sequence-{last['key']}-{world.dossier.pk}.pdf" in response["Content-Disposition"]


def test_not_ready_is_409_with_the_french_reason(api_as, world):
    response = _file(api_as, world, "company_admin", "certificat")
    assert response.status_code == 409
    assert "Aucune séance de formation" in response.json()["detail"]


@pytest.mark.parametrize(
    ("name", "query", "status"),
    [("inconnu", {}, 404), ("emargement", {"format": "docx"}, 404),
     ("sequence", {"index": "99"}, 404), ("sequence", {"index": "Z9"}, 404),
     ("convention", {"format": "odt"}, 422)],
)  # fmt: skip
def test_unknown_papers_formats_and_files(api_as, world, name, query, status):
    assert _file(api_as, world, "company_admin", name, **query).status_code == status


def test_the_tutor_s_convention_is_produced_without_the_benefits(api_as, world, monkeypatch):
    from parcours.dossiers import papers

    given = []
    real = papers.render_document
    monkeypatch.setattr(
        papers, "render_document", lambda d, *a, **k: given.append(d) or real(d, *a, **k)
    )
    assert _file(api_as, world, "tutor", "convention").status_code == 200
    # The OPCO sees the dossier once it is submitted.
    world.dossier.__class__.objects.filter(pk=world.dossier.pk).update(status="submitted")
    assert _file(api_as, world, "opco_staff", "convention").status_code == 200
    assert [list(d.learner.benefits) for d in given] == [[], ["rsa"]]


def test_another_company_gets_404(api_as, world):
    assert _list(api_as, world, "company_admin_other").status_code == 404
    assert _file(api_as, world, "facilitator_other", "convention").status_code == 404
