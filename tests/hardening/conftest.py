import pytest

from tests import factories


@pytest.fixture
def api_as(client, world):
    """`api_as(role)` → a function doing `(method, path, json=None)` as that role."""

    def as_role(role):
        token = factories.token_for(world.users[role])

        def call(method, path, json=None):
            headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
            if json is None and method == "get":
                return client.get(path, **headers)
            return getattr(client, method)(
                path, json or {}, content_type="application/json", **headers
            )

        return call

    return as_role
