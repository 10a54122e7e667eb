"""Item 1 of the review: the company and OPCO blocks of a dossier come from the
organisations (SIRET checked), the OPCO's dossier number from the OPCO only. Each hole:
refused with a French error naming the field, nothing changed."""

import copy
import io
import json

import pytest

from parcours.dossiers.models import Dossier, DossierEvent
from tests import factories

pytestmark = pytest.mark.django_db


def _snapshot(pk):
    row = Dossier.objects.get(pk=pk)
    return row.version, row.reference, copy.deepcopy(row.content)


def _paths(response):
    return [e["path"] for e in response.json()["errors"]]


def test_another_company_in_the_company_block_is_refused(world, api_as):
    before = _snapshot(world.dossier.pk)
    block = dict(world.dossier.content["company"])
    block |= {"name": world.other_company.name, "siret": world.other_company.siret}
    response = api_as("company_admin")(
        "put",
        f"/api/dossiers/{world.dossier.pk}/sections/company",
        {"version": world.dossier.version, "data": block},
    )
    assert response.status_code == 422
    assert set(_paths(response)) == {"company.name", "company.siret"}
    assert (
        "SIRET" in response.json()["errors"][1]["message"] + response.json()["errors"][0]["message"]
    )
    assert _snapshot(world.dossier.pk) == before


def test_the_company_block_keeps_its_other_fields_editable(world, api_as):
    block = dict(world.dossier.content["company"]) | {"address": "3 place Bellecour, Lyon"}
    response = api_as("company_admin")(
        "put",
        f"/api/dossiers/{world.dossier.pk}/sections/company",
        {"version": world.dossier.version, "data": block},
    )
    assert response.status_code == 200, response.content
    assert Dossier.objects.get(pk=world.dossier.pk).content["company"]["address"] == (
        "3 place Bellecour, Lyon"
    )


def test_an_invented_opco_is_refused(world, api_as):
    before = _snapshot(world.dossier.pk)
    response = api_as("company_admin")(
        "put",
        f"/api/dossiers/{world.dossier.pk}/sections/opco",
        {"version": world.dossier.version, "data": {"name": "OPCO bidon", "siret": "1" * 14}},
    )
    assert response.status_code == 422
    assert set(_paths(response)) == {"opco.name", "opco.siret"}
    assert "l'OPCO" in response.json()["errors"][0]["message"]
    assert _snapshot(world.dossier.pk) == before


@pytest.mark.parametrize(
    ("given", "path"),
    [
        ({"reference": "OPCO-2026-0001"}, "reference"),
        ({"opco": {"name": "OPCO bidon", "siret": "85129663200017"}}, "opco.name"),
        ({"company": "other"}, "company.siret"),
        ({"facilitator": {"name": "Conseil X", "siret": "73282932000074",
                          "address": "Lyon", "representative": {"name": "A", "role": "B"}}},
         "facilitator.name"),
    ],
)  # fmt: skip
def test_a_creation_cannot_choose_the_organisations_blocks(world, api_as, given, path):
    data = factories.example()
    document = {"learner": data["learner"], "contract": data["contract"]}
    if given.get("company") == "other":
        given = {"company": world.other_company.as_party()}
    count = Dossier.objects.count()
    response = api_as("company_admin")("post", "/api/dossiers", {"document": document | given})
    assert response.status_code == 422, response.content
    assert path in _paths(response)
    assert Dossier.objects.count() == count


def test_a_creation_takes_the_blocks_from_the_organisations(world, api_as):
    data = factories.example()
    document = {"learner": data["learner"], "contract": data["contract"]}
    document["company"] = world.company.as_party()
    response = api_as("company_admin")("post", "/api/dossiers", {"document": document})
    assert response.status_code == 201, response.content
    row = Dossier.objects.get(pk=response.json()["id"])
    assert row.reference == ""
    assert row.content["company"]["siret"] == world.company.siret
    assert row.content["opco"] == {"name": world.opco.name, "siret": world.opco.siret}


def test_an_import_takes_the_opco_and_the_name_from_the_organisations(world, login):
    data = factories.example()
    data["company"] = world.company.as_party() | {"name": "Nom choisi à la main"}
    data["opco"] = {"name": "OPCO bidon", "siret": "73282932000074"}
    data["reference"] = "REF-INVENTEE"
    file = io.BytesIO(json.dumps(data).encode())
    file.name = "dossier.json"
    client = login(world.users["company_admin"])
    response = client.post("/dossiers/importer/", {"file": file}, follow=True)
    assert response.status_code == 200
    row = Dossier.objects.latest("pk")
    assert row.pk != world.dossier.pk
    assert row.reference == ""
    assert row.content["opco"] == {"name": "Atlas", "siret": "85129663200017"}
    assert row.content["company"]["name"] == world.company.name
    text = response.content.decode()
    assert "OPCO repris de l&#x27;organisation OPCO" in text
    assert "REF-INVENTEE" in text
    event = DossierEvent.objects.filter(dossier=row).get()
    assert "numéro de dossier OPCO" in event.comment


def test_an_import_of_another_companys_dossier_is_refused(world, api_as):
    data = factories.example()
    data["company"] = world.other_company.as_party()
    count = Dossier.objects.count()
    response = api_as("company_admin")("post", "/api/dossiers/import", data)
    assert response.status_code == 422
    assert _paths(response) == ["company.siret"]
    assert Dossier.objects.count() == count


def test_an_invented_facilitator_is_refused(world, api_as):
    before = _snapshot(world.dossier.pk)
    block = dict(world.dossier.content["facilitator"]) | {"name": "Conseil bidon"}
    block["siret"] = world.other_company.siret
    response = api_as("company_admin")(
        "put",
        f"/api/dossiers/{world.dossier.pk}/sections/facilitator",
        {"version": world.dossier.version, "data": block},
    )
    assert response.status_code == 422
    assert set(_paths(response)) == {"facilitator.name", "facilitator.siret"}
    assert world.facilitator_org.name in response.json()["errors"][0]["message"]
    assert _snapshot(world.dossier.pk) == before


def test_the_facilitator_block_may_name_the_assigned_facilitator(world, api_as):
    block = world.facilitator_org.as_party()
    response = api_as("facilitator")(
        "put",
        f"/api/dossiers/{world.dossier.pk}/sections/facilitator",
        {"version": world.dossier.version, "data": block},
    )
    assert response.status_code == 200, response.content
    row = Dossier.objects.get(pk=world.dossier.pk)
    assert row.content["facilitator"]["siret"] == world.facilitator_org.siret


def test_an_api_import_says_what_it_took_from_the_organisations(world, api_as):
    data = factories.example()
    data["company"] = world.company.as_party()
    data["opco"] = {"name": "OPCO bidon", "siret": "73282932000074"}
    data["reference"] = "REF-INVENTEE"
    response = api_as("company_admin")("post", "/api/dossiers/import", data)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["reference"] == ""
    assert body["document"]["opco"] == {"name": "Atlas", "siret": "85129663200017"}
    assert any("REF-INVENTEE" in note for note in body["notes"])
    assert any("OPCO repris" in note for note in body["notes"])
