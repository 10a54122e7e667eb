"""Uploads are what they claim to be: a PDF opens as a PDF, an image decodes, a polyglot
(PDF or JPEG header followed by HTML) is refused and nothing is stored; downloads get a
name the server builds, as attachments the browser may not sniff."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from parcours.attendance import actions as attendance
from parcours.dossiers.errors import InvalidDossier
from parcours.dossiers.models import DossierEvent, SignedDocument
from parcours.dossiers.uploads import upload_signed_document
from tests import factories
from tests.attendance.conftest import running, stored  # noqa: F401 (fixture)

DAY = dt.date(2026, 11, 20)
HTML = b"<html><body><script>fetch('/api/dossiers').then(r => r.text())</script></body></html>"
POLYGLOTS = {
    "pdf-then-html": b"%PDF-1.4\n" + HTML,
    "jpeg-then-html": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + HTML,
    "png-then-html": b"\x89PNG\r\n\x1a\n" + HTML,
    "pdf-without-pages": b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n",
    "truncated-png": factories.PNG[: len(factories.PNG) // 2],
}


def _named(content: bytes, name: str):
    out = io.BytesIO(content)
    out.name = name
    return out


def _files(root):
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.parametrize("name", sorted(POLYGLOTS))
def test_a_signed_paper_that_does_not_open_is_refused_and_nothing_is_stored(
    world, private_media, name
):
    version, events = world.dossier.version, DossierEvent.objects.count()
    with pytest.raises(InvalidDossier) as caught:
        upload_signed_document(
            world.dossier,
            world.users["company_admin"],
            "convention",
            _named(POLYGLOTS[name], "polyglot.html"),
            DAY,
            ["company"],
        )
    [error] = caught.value.errors
    assert error.path == "file"
    assert (
        "HTML" in error.message
        or "ne s'ouvre pas" in error.message
        or ("ne se lit pas" in error.message)
    )
    world.dossier.refresh_from_db()
    assert world.dossier.version == version and DossierEvent.objects.count() == events
    assert not SignedDocument.objects.exists()
    assert _files(private_media) == []


def test_a_provider_sheet_polyglot_is_refused(running, private_media):  # noqa: F811
    before = stored(running.dossier)
    with pytest.raises(InvalidDossier) as caught:
        attendance.upload_provider_sheet(
            running.dossier,
            running.users["company_admin"],
            ["S2"],
            _named(POLYGLOTS["pdf-then-html"], "feuille.html"),
        )
    assert caught.value.errors[0].path == "file"
    assert stored(running.dossier) == before
    assert _files(private_media) == []


def test_a_drawn_signature_that_does_not_decode_is_refused(running, private_media):  # noqa: F811
    before = stored(running.dossier)
    with pytest.raises(InvalidDossier) as caught:
        attendance.sign_session(
            running.dossier,
            running.users["learner"],
            "S1",
            signer="learner",
            method="tablet",
            drawn_signature=POLYGLOTS["png-then-html"],
        )
    [error] = caught.value.errors
    assert error.path == "drawn_signature" and "illisible" in error.message
    assert stored(running.dossier) == before
    assert _files(private_media) == []


def test_a_real_pdf_and_a_real_png_pass(world, private_media):
    for content, name in ((factories.PDF, "c.pdf"), (factories.PNG, "c.png")):
        upload_signed_document(
            world.dossier,
            world.users["company_admin"],
            "convention",
            _named(content, name),
            DAY,
            ["company"],
        )
    assert SignedDocument.objects.count() == 2


def test_a_download_has_a_server_built_name_and_is_never_sniffed(world, private_media, login):
    document = upload_signed_document(
        world.dossier,
        world.users["company_admin"],
        "convention",
        _named(factories.PDF, "polyglot.html"),
        DAY,
        ["company"],
    )
    client = login(world.users["company_admin"])
    response = client.get(reverse("web:download", args=[world.dossier.pk, document.pk]))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f'filename="convention-dossier-{world.dossier.pk}-v1.pdf"' in disposition
    assert "polyglot" not in disposition and ".html" not in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
