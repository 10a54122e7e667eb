"""Regression tests for reported bugs: each failed before its fix."""

import io
import warnings

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from parcours.dossiers import actions
from parcours.dossiers.enums import Status
from parcours.web.views.common import BAD_VERSION
from tests import factories
from tests.web.pages import text

pytestmark = pytest.mark.django_db


def sheet(*rows) -> SimpleUploadedFile:
    book = Workbook()
    book.active.append(["id", "énoncé", "importance", "niveau"])
    for r in rows:
        book.active.append(list(r))
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("referentiel.xlsx", out.getvalue())


# --- a. the référentiel import page --------------------------------------------------


def test_an_import_without_a_usable_file_shows_the_form_error_not_a_crash(client, world):
    row = world.dossier
    client.force_login(world.users["company_admin"])
    url = reverse("web:import_xlsx", args=[row.pk])
    empty = SimpleUploadedFile("vide.xlsx", b"")
    response = client.post(url, {"file": empty, "version": row.version})
    assert response.status_code == 400
    assert "Le fichier soumis est vide" in text(response)
    response = client.post(url, {"version": row.version})
    assert response.status_code == 400
    assert "Ce champ est obligatoire" in text(response)
    row.refresh_from_db()
    assert row.version == 1


def test_a_valid_sheet_is_imported_through_the_page(client, world):
    row = world.dossier
    client.force_login(world.users["facilitator"])
    response = client.post(
        reverse("web:import_xlsx", args=[row.pk]),
        {"file": sheet(("C1", "Être capable de lire une fiche de paie", "indispensable", 2)),
         "version": row.version},
    )  # fmt: skip
    assert response.status_code == 302
    row.refresh_from_db()
    assert [c["id"] for c in row.content["competences"]] == ["C1"]


def test_an_invalid_sheet_is_refused_through_the_page(client, world):
    row = world.dossier
    client.force_login(world.users["company_admin"])
    response = client.post(
        reverse("web:import_xlsx", args=[row.pk]),
        {"file": sheet(("C1", "", "majeure", 9)), "version": row.version},
    )
    assert response.status_code == 400
    assert "Import refusé, rien n'a été enregistré" in text(response)
    row.refresh_from_db()
    assert len(row.content["competences"]) == 7


# --- b. a version that is not a number -----------------------------------------------


def test_the_opco_decision_with_a_bad_version_is_a_french_form_error(client):
    w = factories.world(status=Status.SUBMITTED)
    client.force_login(w.users["opco_staff"])
    response = client.post(
        reverse("web:opco_decide", args=[w.dossier.pk, "accepter"]),
        {"version": "abc", "agreement_number": "A1", "agreement_date": "2026-12-10"},
    )
    assert response.status_code == 400
    assert BAD_VERSION in text(response)
    w.dossier.refresh_from_db()
    assert w.dossier.status == Status.SUBMITTED


@pytest.mark.parametrize("version", ["abc", "", "1.5", "-1", "99999999999999"])
def test_every_form_view_answers_a_bad_version_with_400(client, world, version):
    row = world.dossier
    client.force_login(world.users["company_admin"])
    posts = [
        (reverse("web:submit", args=[row.pk]), {"version": version}),
        (reverse("web:import_xlsx", args=[row.pk]),
         {"version": version, "file": sheet(("C1", "Être capable de lire", "indispensable", 1))}),
        (reverse("web:documents", args=[row.pk]),
         {"version": version, "kind": "convention", "signed_on": "2026-11-20",
          "signed_by": ["company"],
          "file": SimpleUploadedFile("c.pdf", factories.PDF, "application/pdf")}),
        (reverse("web:step", args=[row.pk, "contrat"]),
         {"version": version, **_contract_form(row)}),
    ]  # fmt: skip
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 400, url
        assert BAD_VERSION in text(response), url
    row.refresh_from_db()
    assert row.version == 1


def _contract_form(row) -> dict:
    c = row.content["contract"]
    return {f"contract-{k}": v for k, v in c.items() if v is not None and not isinstance(v, dict)}


# --- c. justifying is for the company side -------------------------------------------


@pytest.mark.parametrize("role", ["tutor", "learner", "trainer", "opco_staff"])
def test_who_cannot_justify_gets_403(client, world, role):
    client.force_login(world.users[role])
    response = client.post(
        reverse("web:justify", args=[world.dossier.pk]),
        {"rule": "REF-02", "path": "competences[0].statement", "text": "Parce que."},
    )
    # The OPCO does not see a draft at all (its first submission shows it).
    assert response.status_code == (404 if role == "opco_staff" else 403)
    assert not world.dossier.justifications.exists()


def test_the_company_still_justifies(client, world):
    """An empty form saves nothing and says why; a filled one saves the justification."""
    client.force_login(world.users["company_admin"])
    url = reverse("web:justify", args=[world.dossier.pk])
    empty = client.post(url, {}, follow=True)
    assert "La justification ne doit pas être vide." in empty.content.decode()
    assert not world.dossier.justifications.exists()
    row = world.dossier
    row.content["competences"][0]["statement"] = "Paie"  # REF-02: an alerte to justify
    row.save(update_fields=["content"])
    justified = {"rule": "REF-02", "path": "competences[0].statement", "text": "Parce que."}
    assert client.post(url, justified).status_code == 302
    (saved,) = world.dossier.justifications.all()
    assert (saved.rule, saved.path, saved.text) == tuple(justified.values())


# --- e. no pydantic serializer warning -----------------------------------------------


def test_an_import_of_a_submitted_document_starts_as_a_draft_without_warning(world):
    data = factories.example()
    data["company"] = world.company.as_party()
    data["status"] = "submitted"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        row = actions.import_dossier(world.users["company_admin"], world.company, data)
    assert (row.status, row.content["status"]) == ("draft", "draft")


def test_the_suite_turns_pydantic_serializer_warnings_into_errors():
    from parcours.domain.loading import parse_dossier

    dossier = parse_dossier(factories.example())
    wrong = dossier.model_copy(update={"status": Status.DRAFT})  # the Django enum
    with pytest.raises(UserWarning, match="status"):
        wrong.model_dump(mode="json")
