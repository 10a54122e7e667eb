"""A write that fails half-way leaves nothing behind (every action is one transaction)."""

import datetime as dt
import io

import pytest

from parcours.dossiers import actions, uploads
from parcours.dossiers.models import Dossier, DossierEvent, SignedDocument
from tests import factories


class Boom(Exception):
    pass


def _explode(*args, **kwargs):
    raise Boom


def test_a_failure_after_the_update_rolls_the_section_back(world, monkeypatch):
    monkeypatch.setattr(actions, "_record", _explode)
    contract = {**world.dossier.content["contract"], "job_title": "Perdu"}
    with pytest.raises(Boom):
        actions.update_section(world.dossier, world.users["company_admin"], "contract", contract, 1)
    row = Dossier.objects.get(pk=world.dossier.pk)
    assert (row.version, row.content["contract"]["job_title"]) == (1, "Gestionnaire de paie")


def test_a_failure_after_the_transition_rolls_the_state_back(world, monkeypatch):
    world.dossier.status = "submitted"
    world.dossier.save()
    monkeypatch.setattr(actions.SectionComment.objects, "bulk_create", _explode)
    with pytest.raises(Boom):
        actions.request_changes(world.dossier, world.users["opco_staff"], 1, {"modules": "x"})
    assert Dossier.objects.get(pk=world.dossier.pk).status == "submitted"
    assert not DossierEvent.objects.exists()


def test_a_failed_upload_leaves_no_row_and_no_file(world, monkeypatch, private_media):
    monkeypatch.setattr(uploads.DossierEvent.objects, "create", _explode)
    with pytest.raises(Boom):
        uploads.upload_signed_document(
            world.dossier,
            world.users["company_admin"],
            "convention",
            io.BytesIO(factories.PDF),
            dt.date(2026, 11, 20),
            ["company"],
        )
    assert not SignedDocument.objects.exists()
    assert Dossier.objects.get(pk=world.dossier.pk).version == 1
    assert not list(private_media.rglob("*.pdf"))
