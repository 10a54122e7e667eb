"""The papers of the dossier (documents package) on the pages: listed with a button per
format or the reason they are not ready, downloaded through the permission layer, never
carrying the learner's benefits for who may not see them; the livret's own texts."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from parcours.dossiers import actions, papers
from parcours.dossiers.errors import InvalidDossier
from parcours.dossiers.models import Dossier
from tests.web.pages import text

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def paper_url(row, name, fmt="pdf", index=None):
    url = reverse("web:paper", args=[row.pk, name, fmt])
    return f"{url}?index={index}" if index is not None else url


@pytest.fixture
def admin(client, world):
    client.force_login(world.users["company_admin"])
    return client


def test_the_page_lists_every_paper_with_its_buttons_or_its_reason(admin, world):
    row = world.dossier
    body = text(admin.get(reverse("web:papers", args=[row.pk])))
    assert "Documents du dossier" in body
    for title in ("Convention de formation", "Feuilles d'émargement", "Livret d'accueil"):
        assert title in body
    assert f'href="{paper_url(row, "convention")}"' in body
    assert f'href="{paper_url(row, "convention", "docx")}"' in body
    # émargement is PDF only, one file per instance the package lists
    assert f'href="{paper_url(row, "emargement", "docx")}' not in body
    assert "Aucune séance de formation n'est enregistrée" in body  # certificat not ready
    assert f'href="{paper_url(row, "certificat")}"' not in body
    assert "pas encore reçu l'accord de prise en charge" in body  # demande-paiement


def test_every_ready_paper_downloads_as_a_pdf_holding_the_dossier_s_data(admin, world):
    row = world.dossier
    listed = papers.listing(world.users["company_admin"], row)
    ready = [d for d in listed if d["ready"]]
    assert {d["name"] for d in ready} >= {"convention", "referentiel", "livret", "emargement"}
    for d in ready:
        first = next(i for i in d["instances"] if i["ready"])
        response = admin.get(paper_url(row, d["name"], index=first["key"]))
        assert response.status_code == 200, d["name"]
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        stem = d["name"] if first["key"] is None else f"{d['name']}-{first['key']}"
        assert response["Content-Disposition"] == f'attachment; filename="{stem}-{row.pk}.pdf"'
        assert world.company.name in pdf_text(response.content), d["name"]


def test_the_convention_downloads_as_docx_named_after_the_reference(admin, world):
    from docx import Document

    row = world.dossier
    Dossier.objects.filter(pk=row.pk).update(reference="OPCO/2027 001")
    response = admin.get(paper_url(row, "convention", "docx"))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == (
        'attachment; filename="convention-OPCO-2027-001.docx"'
    )
    document = Document(io.BytesIO(response.content))
    body = "\n".join(p.text for p in document.paragraphs)
    body += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert world.company.name in body


def test_a_paper_not_ready_answers_409_with_its_reason(admin, world):
    response = admin.get(paper_url(world.dossier, "certificat"))
    assert response.status_code == 409
    assert "Aucune séance de formation n'est enregistrée" in text(response)


@pytest.mark.parametrize(
    ("name", "fmt", "index"),
    [("inconnu", "pdf", None), ("emargement", "docx", None), ("emargement", "pdf", "99"),
     ("convention", "odt", None)],
)  # fmt: skip
def test_an_unknown_paper_format_or_file_is_404(admin, world, name, fmt, index):
    assert admin.get(paper_url(world.dossier, name, fmt, index)).status_code == 404


@pytest.mark.parametrize("role", ["learner", "tutor", "trainer"])
def test_the_funding_papers_are_not_for_the_learner_tutor_or_trainer(client, world, role):
    row = world.dossier
    client.force_login(world.users[role])
    body = text(client.get(reverse("web:papers", args=[row.pk])))
    assert "Convention de formation" in body
    assert "Tableau de financement" not in body and "Demande de paiement" not in body
    assert client.get(paper_url(row, "financement")).status_code == 403
    assert client.get(paper_url(row, "demande-paiement")).status_code == 403
    assert client.get(paper_url(row, "convention")).status_code == 200


def test_another_company_gets_404(client, world):
    client.force_login(world.users["company_admin_other"])
    assert client.get(paper_url(world.dossier, "convention")).status_code == 404
    assert client.get(reverse("web:papers", args=[world.dossier.pk])).status_code == 404


@pytest.mark.parametrize(
    ("role", "benefits"),
    [("company_admin", ["rsa"]), ("opco_staff", ["rsa"]), ("facilitator", []), ("tutor", []),
     ("learner", []), ("trainer", [])],
)  # fmt: skip
def test_the_renderer_never_gets_the_benefits_of_who_may_not_see_them(
    client, world, monkeypatch, role, benefits
):
    given = []
    real = papers.render_document

    def spy(dossier, name, fmt, **kwargs):
        given.append(dossier)
        return real(dossier, name, fmt, **kwargs)

    monkeypatch.setattr(papers, "render_document", spy)
    if role == "opco_staff":  # the OPCO sees a dossier from its first submission
        world.dossier.__class__.objects.filter(pk=world.dossier.pk).update(status="submitted")
    client.force_login(world.users[role])
    for name in ("convention", "livret", "positionnement"):
        response = client.get(paper_url(world.dossier, name))
        assert response.status_code == 200
        assert "RSA" not in pdf_text(response.content) or benefits
    assert [[b.value for b in d.learner.benefits] for d in given] == [benefits] * 3


# --- the livret's own texts -----------------------------------------------------------


def _livret_data(client, row):
    form = client.get(reverse("web:livret", args=[row.pk])).context["form"]
    data = {bf.html_name: bf.value() for bf in form}
    data["version"] = row.version
    return form, data


def test_the_company_writes_a_livret_section_and_the_pdf_carries_it(admin, world):
    row = world.dossier
    form, data = _livret_data(admin, row)
    assert form.titles[0] == "Bienvenue"
    assert data["section_0"].startswith("Bienvenue chez")  # the default text
    data["section_0"] = "Bienvenue dans l'équipe paie !\r\nCafé offert le lundi."
    response = admin.post(reverse("web:livret", args=[row.pk]), data)
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.livret_sections == {
        "Bienvenue": "Bienvenue dans l'équipe paie !\nCafé offert le lundi."
    }
    assert row.version == 2
    event = row.events.get()
    assert (event.section, event.changes[0]["path"]) == ("livret", "livret.Bienvenue")
    body = pdf_text(admin.get(paper_url(row, "livret")).content)
    assert "Café offert le lundi." in body
    assert "Votre premier jour" in body  # the other sections keep their default text
    # the page shows the company's own text back
    form, data = _livret_data(admin, row)
    assert data["section_0"] == "Bienvenue dans l'équipe paie !\nCafé offert le lundi."


def test_emptying_a_section_brings_the_default_back(admin, world):
    row = world.dossier
    actions.update_livret(row, world.users["company_admin"], {"Bienvenue": "Salut"}, 1)
    _, data = _livret_data(admin, row)
    data["section_0"] = ""
    assert admin.post(reverse("web:livret", args=[row.pk]), data).status_code == 302
    row.refresh_from_db()
    assert row.livret_sections == {}


def test_a_stale_livret_save_is_refused(admin, world):
    row = world.dossier
    _, data = _livret_data(admin, row)
    actions.update_livret(row, world.users["facilitator"], {"Bienvenue": "Premier"}, 1)
    data["section_0"] = "Second"
    response = admin.post(reverse("web:livret", args=[row.pk]), data)
    assert response.status_code == 409
    assert "avant vous" in text(response)
    row.refresh_from_db()
    assert row.livret_sections == {"Bienvenue": "Premier"}


@pytest.mark.parametrize("role", ["learner", "tutor", "trainer", "opco_staff"])
def test_only_the_company_side_writes_the_livret(client, world, role):
    row = world.dossier
    if role == "opco_staff":  # the OPCO sees a dossier from its first submission
        row.status = "submitted"
        row.save()
    client.force_login(world.users[role])
    page = client.get(reverse("web:livret", args=[row.pk]))
    assert page.status_code == 200
    assert "Enregistrer le livret" not in text(page)
    response = client.post(reverse("web:livret", args=[row.pk]), {"version": 1, "section_0": "x"})
    assert response.status_code == 403
    row.refresh_from_db()
    assert row.livret_sections == {}


def test_the_livret_action_names_bad_input(world):
    with pytest.raises(InvalidDossier) as raised:
        actions.update_livret(
            world.dossier, world.users["company_admin"], {"": "x", "Règles": 3}, 1
        )
    assert [e.path for e in raised.value.errors] == ["livret_sections.", "livret_sections.Règles"]
    world.dossier.refresh_from_db()
    assert world.dossier.version == 1
