"""Pages refuse what is too large or malformed with a clear French 4xx, never a 500, and
nothing is stored."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from parcours.dossiers.models import Dossier
from parcours.web.views.steps import STEPS_BY_SLUG
from tests import factories
from tests.web.pages import text


def _import(client, content: bytes):
    upload = SimpleUploadedFile("d.json", content, content_type="application/json")
    return client.post(reverse("web:import_json"), {"file": upload}, follow=True)


@pytest.mark.parametrize("slug", sorted(s for s in STEPS_BY_SLUG if s != "parcours"))
def test_a_live_check_without_the_field_named_is_a_400(world, login, slug):
    client = login(world.users["company_admin"])
    before = world.dossier.content
    url = reverse("web:step", args=[world.dossier.pk, slug])
    response = client.post(url, {"_live": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Précisez le champ modifié" in response.content.decode()
    world.dossier.refresh_from_db()
    assert world.dossier.content == before and world.dossier.version == 1


def test_a_page_post_over_the_limit_is_a_413_page_in_french(world, login):
    client = login(world.users["company_admin"])
    before = world.dossier.content
    url = reverse("web:step", args=[world.dossier.pk, "contrat"])
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024 * 1024):
        response = client.post(url, {"job_title": "x" * 1_100_000, "version": 1})
    assert response.status_code == 413, response.content[:300]
    with override_settings(REQUEST_MAX_BYTES=1024 * 1024):  # the same, as a urlencoded form
        body = "job_title=" + "x" * 1_100_000
        urlencoded = client.post(url, body, content_type="application/x-www-form-urlencoded")
    assert urlencoded.status_code == 413
    assert "Envoi trop volumineux (au plus 1 Mo)" in text(response)
    world.dossier.refresh_from_db()
    assert world.dossier.content == before


def test_an_imported_file_over_the_limit_is_refused_and_nothing_is_stored(world, login):
    client = login(world.users["company_admin"])
    data = factories.example()
    data["company"]["siret"] = world.company.siret
    data["changes"] = [{"date": "2026-01-01", "summary": "x" * 9000}] * 200
    content = json.dumps(data).encode()
    assert len(content) > 1024 * 1024
    count = Dossier.objects.count()
    with override_settings(REQUEST_MAX_BYTES=1024 * 1024):
        response = _import(client, content)
    assert "Import refusé, rien n'a été enregistré : le fichier dépasse 1 Mo" in text(response)
    assert Dossier.objects.count() == count


def test_a_deeply_nested_import_is_refused_in_french(world, login):
    client = login(world.users["company_admin"])
    count = Dossier.objects.count()
    response = _import(client, b'{"a": ' * 50_000 + b"1" + b"}" * 50_000)
    assert response.status_code == 200
    assert "Import refusé" in text(response)
    assert "trop profondément imbriqué" in text(response)
    assert Dossier.objects.count() == count


def test_an_import_with_a_non_finite_number_is_refused(world, login):
    client = login(world.users["company_admin"])
    data = factories.example()
    data["company"]["siret"] = world.company.siret
    data["modules"][0]["hours"] = float("inf")
    count = Dossier.objects.count()
    response = _import(client, json.dumps(data).encode())
    assert "Import refusé" in text(response)
    assert "doit être un nombre fini" in text(response)
    assert Dossier.objects.count() == count
