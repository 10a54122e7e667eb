"""The livret d'accueil's texts through the API: read by the parties, written by the
company side with the dossier's version, and printed in the paper."""

import io

from pypdf import PdfReader

from parcours.dossiers.models import Dossier, DossierEvent


def _url(world):
    return f"/api/dossiers/{world.dossier.pk}/livret"


def test_the_sections_start_from_the_default_texts(api_as, world):
    body = api_as("tutor")("get", _url(world)).json()
    assert body["editable"] is False
    assert body["sections"] and not any(s["own"] for s in body["sections"])
    assert all(s["text"] for s in body["sections"])


def test_the_company_writes_its_text_and_the_paper_prints_it(api_as, world):
    call = api_as("company_admin")
    before = call("get", _url(world)).json()
    title = before["sections"][0]["title"]
    text = "Bienvenue au cabinet : votre tutrice vous accueille le lundi à 9 h."
    response = call("put", _url(world), {"version": before["version"], "sections": {title: text}})
    assert response.status_code == 200, response.content
    after = response.json()
    assert after["version"] == before["version"] + 1
    assert after["sections"][0] == {"title": title, "text": text, "own": True}
    assert DossierEvent.objects.filter(dossier=world.dossier, section="livret").exists()
    pdf = call("get", f"/api/dossiers/{world.dossier.pk}/documents/livret")
    assert pdf.status_code == 200
    printed = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "votre tutrice vous accueille le lundi" in " ".join(printed.split())


def test_a_stale_version_keeps_the_first_text(api_as, world):
    call = api_as("company_admin")
    version = call("get", _url(world)).json()["version"]
    first = call("put", _url(world), {"version": version, "sections": {"Accueil": "Un"}})
    assert first.status_code == 200
    late = call("put", _url(world), {"version": version, "sections": {"Accueil": "Deux"}})
    assert late.status_code == 409
    assert Dossier.objects.get(pk=world.dossier.pk).livret_sections == {"Accueil": "Un"}


def test_bad_texts_are_named(api_as, world):
    call = api_as("facilitator")
    version = call("get", _url(world)).json()["version"]
    response = call("put", _url(world), {"version": version, "sections": {" ": "x" * 20_000}})
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"].startswith("livret_sections")


def test_the_tutor_may_not_write(api_as, world):
    response = api_as("tutor")("put", _url(world), {"version": 1, "sections": {}})
    assert response.status_code == 403
    assert "livret" in response.json()["detail"]
