import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from parcours.dossiers.errors import InvalidDossier
from parcours.dossiers.models import Dossier
from parcours.dossiers.uploads import open_signed_document, upload_signed_document
from tests import factories

PDF = factories.PDF
DAY = dt.date(2026, 11, 20)


def _file(content=PDF, name="convention.pdf"):
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def _upload(world, role="company_admin", kind="convention", content=PDF, name="c.pdf"):
    return upload_signed_document(
        world.dossier,
        world.users[role],
        kind,
        _file(content, name),
        DAY,
        ["company", "facilitator"],
    )


def test_it_stores_the_file_privately_under_a_random_name(world, private_media):
    document = _upload(world, name="convention signée.pdf")
    stored = private_media / document.file_path
    assert stored.read_bytes() == PDF
    assert "convention" not in stored.name
    assert (document.content_type, document.size, document.version) == (
        "application/pdf",
        len(PDF),
        1,
    )
    assert document.original_name == "convention signée.pdf"


def test_a_new_version_keeps_the_old_one_and_fills_documents(world):
    _upload(world)
    second = _upload(world, content=factories.PNG, name="scan.png")
    assert second.version == 2 and second.content_type == "image/png"
    assert world.dossier.signed_documents.count() == 2
    world.dossier.refresh_from_db()
    conventions = [d for d in world.dossier.content["documents"] if d["kind"] == "convention"]
    assert conventions == [
        {"kind": "convention", "date": "2026-11-20", "signed_by": ["company", "facilitator"]}
    ]
    assert world.dossier.events.filter(kind="upload").count() == 2


def test_the_type_comes_from_the_content_not_the_name(world, private_media):
    with pytest.raises(InvalidDossier) as raised:
        _upload(world, content=b"MZ\x90\x00 an executable", name="convention.pdf")
    assert raised.value.errors[0].path == "file"
    assert "PDF, un JPEG ou un PNG" in raised.value.errors[0].message
    assert not world.dossier.signed_documents.exists()
    assert not list(private_media.rglob("*.*"))


def test_a_file_over_the_limit_is_refused(world, settings):
    settings.SIGNED_DOCUMENT_MAX_BYTES = 10
    with pytest.raises(InvalidDossier) as raised:
        _upload(world)
    assert "taille maximale" in raised.value.errors[0].message


def test_the_facilitator_may_not_upload_the_cerfa(world):
    with pytest.raises(PermissionDenied):
        _upload(world, role="facilitator", kind="cerfa_12434")


def test_a_learner_may_not_open_the_convention(world):
    document = _upload(world)
    with pytest.raises(PermissionDenied):
        open_signed_document(world.users["learner"], world.dossier, document.pk)


def test_an_outsider_gets_404(world):
    document = _upload(world)
    with pytest.raises(Http404):
        open_signed_document(world.users["company_admin_other"], world.dossier, document.pk)


def test_the_opco_opens_it(world):
    document = _upload(world)
    # The OPCO sees the dossier from its first submission on.
    Dossier.objects.filter(pk=world.dossier.pk).update(status="submitted")
    row, handle = open_signed_document(world.users["opco_staff"], world.dossier, document.pk)
    with handle:
        assert handle.read() == PDF
    assert row == document


def test_a_signature_dated_in_the_future_is_refused(world, private_media):
    from django.utils import timezone

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(InvalidDossier) as raised:
        upload_signed_document(
            world.dossier,
            world.users["company_admin"],
            "convention",
            _file(),
            tomorrow,
            ["company"],
        )
    assert [e.path for e in raised.value.errors] == ["signed_on"]
    assert "futur" in raised.value.errors[0].message
    assert not world.dossier.signed_documents.exists()
    assert not list(private_media.rglob("*.*"))
    world.dossier.refresh_from_db()
    assert world.dossier.version == 1 and not world.dossier.events.exists()
