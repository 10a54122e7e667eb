"""The OPCO's review page shows, per signed paper, the declared signature and the file
deposited, so that a signature declared without any file stands out."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from parcours.dossiers.uploads import upload_signed_document
from parcours.web.templatetags.parcours_web import iso_date, signatories
from tests import factories
from tests.web.pages import text

pytestmark = pytest.mark.django_db


def review(client, world) -> str:
    client.force_login(world.users["opco_staff"])
    response = client.get(reverse("web:opco_review", args=[world.dossier.pk]))
    assert response.status_code == 200
    return " ".join(text(response).split())


def test_a_declared_signature_without_file_stands_out(client):
    world = factories.world(status="submitted")
    body = review(client, world)
    assert "Pièces signées" in body
    assert "Aucun fichier déposé</strong> : la signature est seulement déclarée" in body


def test_the_deposited_file_is_linked_with_its_version(client):
    world = factories.world()
    upload_signed_document(
        world.dossier, world.users["company_admin"], "convention",
        io.BytesIO(factories.PDF), dt.date(2026, 11, 20), ["company", "facilitator"],
    )  # fmt: skip
    world.dossier.status = "submitted"
    world.dossier.save()
    body = review(client, world)
    assert "Convention tripartite signée" in body
    assert "le 20/11/2026 — L'entreprise, le tiers facilitateur" in body
    assert "(version 1, déposé le" in body


def test_signatories_and_dates_read_in_french():
    assert signatories(["company", "learner", "opco"]) == "L'entreprise, le salarié, l'OPCO"
    assert signatories([]) == ""
    assert iso_date("2026-12-01") == "01/12/2026"
    assert iso_date("pas une date") == "pas une date"
