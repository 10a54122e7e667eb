from parcours.accounts.models import ApiToken
from tests import factories


def test_it_refuses_a_request_without_token(client, db):
    response = client.get("/api/dossiers")
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


def test_it_refuses_an_unknown_token(client, db):
    response = client.get("/api/dossiers", HTTP_AUTHORIZATION="Bearer pct_faux")
    assert response.status_code == 401


def test_it_refuses_the_token_of_a_deactivated_user(client, world):
    admin = world.users["company_admin"]
    token = factories.token_for(admin)
    admin.is_active = False
    admin.save()
    assert client.get("/api/dossiers", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_it_stores_only_the_hash_and_records_last_use(client, world):
    token = factories.token_for(world.users["opco_staff"])
    assert not ApiToken.objects.filter(key_hash=token).exists()
    client.get("/api/dossiers", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert ApiToken.objects.get().last_used is not None


def test_the_openapi_schema_is_published(client, db):
    schema = client.get("/api/openapi.json").json()
    assert "/api/dossiers/{id}/submit" in schema["paths"]
