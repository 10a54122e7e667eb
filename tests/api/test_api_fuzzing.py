"""Schemathesis generates requests from /api/openapi.json; no request may cause a 5xx.

Runs in-process against the WSGI app (same test database), authenticated, with the path's
`id` pointed at a real dossier so that generated bodies reach validation and actions.
Bounded (EXAMPLES per operation and role) to stay well under two minutes."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from tests import factories

EXAMPLES = 20


def operations():
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    return [result.ok() for result in schema.get_all_operations()]


def fuzz(operation, token: str, dossier_id: int) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def run(case):
        if case.path_parameters and "id" in case.path_parameters:
            case.path_parameters["id"] = dossier_id
        response = case.call(headers={"Authorization": f"Bearer {token}"})
        assert response.status_code < 500, (case.method, case.formatted_path, response.text)

    run()


@pytest.fixture
def keep_test_connection():
    """The WSGI handler closes the connection between requests, which would end the test's
    transaction on PostgreSQL; Django's test client disconnects the same signals."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("keep_test_connection")
@pytest.mark.parametrize("role", ["company_admin", "opco_staff"])
def test_no_generated_request_causes_a_server_error(world, role):
    token = factories.token_for(world.users[role])
    found = operations()
    assert len(found) >= 16
    for operation in found:
        fuzz(operation, token, world.dossier.pk)
