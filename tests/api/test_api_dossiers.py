from tests import factories


def test_the_list_holds_only_visible_dossiers(api_as, world):
    factories.dossier(world.other_company)
    ids = [d["id"] for d in api_as("company_admin")("get", "/api/dossiers").json()]
    assert ids == [world.dossier.pk]


def test_the_detail_hides_benefits_from_the_facilitator(api_as, world):
    url = f"/api/dossiers/{world.dossier.pk}"
    assert "benefits" not in api_as("facilitator")("get", url).json()["document"]["learner"]
    # The OPCO sees a dossier from its first submission.
    world.dossier.__class__.objects.filter(pk=world.dossier.pk).update(status="submitted")
    assert api_as("opco_staff")("get", url).json()["document"]["learner"]["benefits"] == ["rsa"]


def test_the_export_is_an_importable_document(api_as, world):
    exported = api_as("company_admin")("get", f"/api/dossiers/{world.dossier.pk}/export").json()
    response = api_as("company_admin")("post", "/api/dossiers/import", exported)
    assert response.status_code == 201
    assert response.json()["document"]["contract"] == exported["contract"]
    assert response.json()["status"] == "draft"


def test_an_import_for_another_company_is_refused_by_siret(api_as, world):
    document = factories.example()  # its SIRET is not the world company's
    response = api_as("company_admin")("post", "/api/dossiers/import", document)
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "company.siret"


def test_create_takes_the_company_from_the_organisation(api_as, world):
    data = factories.example()
    body = {"document": {"learner": data["learner"], "contract": data["contract"]}}
    created = api_as("company_admin")("post", "/api/dossiers", body).json()
    assert created["document"]["company"]["siret"] == world.company.siret
    assert created["document"]["opco"]["name"] == "Atlas"


def test_create_with_a_bad_field_names_it(api_as, world):
    body = {"document": {"learner": {"first_name": "A"}}}
    response = api_as("company_admin")("post", "/api/dossiers", body)
    assert response.status_code == 422
    paths = [e["path"] for e in response.json()["errors"]]
    assert "learner.last_name" in paths and "contract" in paths


def test_a_section_update_then_a_stale_one(api_as, world):
    url = f"/api/dossiers/{world.dossier.pk}/sections/contract"
    contract = world.dossier.content["contract"]
    first = api_as("company_admin")(
        "put", url, {"version": 1, "data": {**contract, "job_title": "A"}}
    )
    assert first.status_code == 200 and first.json()["version"] == 2
    second = api_as("facilitator")(
        "put", url, {"version": 1, "data": {**contract, "job_title": "B"}}
    )
    assert second.status_code == 409
    assert "avant vous" in second.json()["detail"]
    assert second.json()["current_version"] == 2
    world.dossier.refresh_from_db()
    assert world.dossier.content["contract"]["job_title"] == "A"


def test_the_history_lists_what_changed(api_as, world):
    url = f"/api/dossiers/{world.dossier.pk}/sections/contract"
    contract = {**world.dossier.content["contract"], "weekly_hours": 30}
    api_as("company_admin")("put", url, {"version": 1, "data": contract})
    events = api_as("tutor")("get", f"/api/dossiers/{world.dossier.pk}/history").json()
    assert events[0]["changes"] == [
        {"path": "contract.weekly_hours", "before": 35.0, "after": 30.0}
    ]
