"""French error pages (403, 404, 500) and a favicon, with DEBUG off."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


def test_a_forbidden_step_answers_a_french_403_page(world, login):
    client = login(world.users["learner"])
    response = client.post(f"/dossiers/{world.dossier.pk}/entreprise/", {"x": "1"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Accès refusé" in body and '<html lang="fr">' in body
    assert "Forbidden" not in body


def test_an_outsider_gets_a_french_404_page(world, login):
    client = login(world.users["company_admin_other"])
    response = client.get(f"/dossiers/{world.dossier.pk}/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page introuvable" in body and "Not Found" not in body


def test_a_server_error_answers_a_french_500_page(world, login, monkeypatch):
    from parcours.web.views import dossier as dossier_views

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(dossier_views, "render", boom)
    client = login(world.users["company_admin"])
    client.raise_request_exception = False
    response = client.get(f"/dossiers/{world.dossier.pk}/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Une erreur est survenue" in body and "Server Error" not in body


def test_an_expired_form_answers_a_french_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/connexion/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Formulaire expiré" in body and "verification failed" not in body


def test_every_page_links_the_favicon(world, login):
    body = login(world.users["company_admin"]).get("/").content.decode()
    assert 'rel="icon"' in body and "favicon.svg" in body
