"""Signed papers through the API: multipart upload with the page's checks, the versions
kept, the list and the files behind the permission layer."""

import io

import pytest

from parcours.dossiers.models import Dossier, SignedDocument
from tests import factories

PDF = factories.PDF
PNG = factories.PNG


def _url(world, suffix=""):
    return f"/api/dossiers/{world.dossier.pk}/signed-documents{suffix}"


def _upload(client, token, world, content=PDF, name="scan.pdf", **fields):
    file = io.BytesIO(content)
    file.name = name
    data = {"kind": "convention", "signed_on": "2026-11-20", "signed_by": ["company"]}
    data |= {"file": file, **fields}
    return client.post(_url(world), data, HTTP_AUTHORIZATION=f"Bearer {token}")


def _submitted(world):
    """The OPCO sees a dossier from its first submission on: papers deposited on the draft,
    then the dossier sent."""
    Dossier.objects.filter(pk=world.dossier.pk).update(status="submitted")


@pytest.fixture
def token(world):
    from tests import factories

    return lambda role: factories.token_for(world.users[role])


def test_an_upload_fills_documents_and_keeps_every_version(client, world, token, api_as):
    first = _upload(client, token("company_admin"), world, signed_by=["company", "facilitator"])
    assert first.status_code == 201, first.content
    second = _upload(client, token("facilitator"), world, content=PNG, name="scan.png")
    assert second.status_code == 201
    assert (second.json()["version"], second.json()["content_type"]) == (2, "image/png")
    row = Dossier.objects.get(pk=world.dossier.pk)
    convention = [d for d in row.content["documents"] if d["kind"] == "convention"]
    assert convention == [{"kind": "convention", "date": "2026-11-20", "signed_by": ["company"]}]
    _submitted(world)
    listed = api_as("opco_staff")("get", _url(world)).json()
    assert [(d["version"], d["current"]) for d in listed if d["kind"] == "convention"] == [
        (2, True),
        (1, False),
    ]
    back = api_as("opco_staff")("get", _url(world, f"/{first.json()['id']}"))
    assert back.status_code == 200
    assert b"".join(back.streaming_content) == PDF
    assert back["Content-Type"] == "application/pdf"


def test_the_type_comes_from_the_content_not_the_name(client, world, token):
    response = _upload(client, token("company_admin"), world, content=b"MZ\x90\x00", name="x.pdf")
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "file"
    assert "PDF, un JPEG ou un PNG" in response.json()["errors"][0]["message"]
    assert not SignedDocument.objects.exists()


def test_too_large_a_file_is_refused(client, world, token, settings):
    settings.SIGNED_DOCUMENT_MAX_BYTES = 10
    response = _upload(client, token("company_admin"), world)
    assert response.status_code == 422
    assert "taille maximale" in response.json()["errors"][0]["message"]


def test_missing_fields_are_named_in_french(client, world, token):
    response = client.post(
        _url(world), {"kind": "autre"}, HTTP_AUTHORIZATION=f"Bearer {token('company_admin')}"
    )
    assert response.status_code == 422
    paths = {e["path"] for e in response.json()["errors"]}
    assert {"kind", "signed_on", "file"} <= paths
    messages = {e["path"]: e["message"] for e in response.json()["errors"]}
    assert messages["file"] == "champ obligatoire absent"
    assert "cerfa_12434" in messages["kind"]


def test_a_stale_version_is_refused_and_nothing_is_kept(client, world, token, settings):
    response = _upload(client, token("company_admin"), world, version=world.dossier.version + 5)
    assert response.status_code == 409
    assert not SignedDocument.objects.exists()
    stored = settings.PRIVATE_MEDIA_ROOT / "signed"
    assert not stored.exists() or not any(stored.iterdir())


def test_the_cerfa_follows_the_benefits_rule(client, world, token, api_as):
    uploaded = _upload(client, token("company_admin"), world, kind="cerfa_12434")
    assert uploaded.status_code == 201
    doc = uploaded.json()["id"]
    # The facilitator may deposit the convention, never the CERFA.
    refused = _upload(client, token("facilitator"), world, kind="cerfa_12434")
    assert refused.status_code == 403
    _submitted(world)
    for role, listed, status in (
        ("company_admin", True, 200),
        ("opco_staff", True, 200),
        ("facilitator", False, 403),
        ("tutor", False, 403),
        ("learner", False, 403),
    ):
        kinds = [d["kind"] for d in api_as(role)("get", _url(world)).json()]
        assert ("cerfa_12434" in kinds) is listed, role
        assert api_as(role)("get", _url(world, f"/{doc}")).status_code == status, role


def test_a_document_of_another_dossier_is_not_found(client, world, token, api_as):
    doc = _upload(client, token("company_admin"), world).json()["id"]
    other = api_as("company_admin_other")
    assert other("get", _url(world, f"/{doc}")).status_code == 404
    assert other("get", _url(world)).status_code == 404
