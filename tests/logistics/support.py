"""API clients for the logistics tests: a user with roles and a bearer token."""

from __future__ import annotations

from fastapi.testclient import TestClient

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services.auth import create_user, issue_token

PASSWORD = "logistics-test-passphrase-1"


def api_client(container: Container, name: str, *roles: Role) -> TestClient:
    create_user(container, name, roles, PASSWORD)
    client = TestClient(create_app(container), raise_server_exceptions=False)
    client.headers["Authorization"] = f"Bearer {issue_token(container, name)}"
    return client
