"""Clients for web tests: an API client with a bearer token, a page client logged in through the form."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services.auth import create_user, issue_token

PASSWORD = "correct-horse-1"
_CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def _username(roles: tuple[Role, ...]) -> str:
    return "u-" + "-".join(sorted(r.value.replace("_", "") for r in roles))


def api_client(container: Container, *roles: Role) -> TestClient:
    """A TestClient sending a bearer token of a new user holding ROLES."""
    name = _username(roles)
    create_user(container, name, roles, PASSWORD)
    client = TestClient(create_app(container), raise_server_exceptions=False)
    client.headers["Authorization"] = f"Bearer {issue_token(container, name)}"
    return client


def csrf(client: TestClient, path: str = "/login") -> str:
    """The CSRF token of the form on PATH."""
    match = _CSRF_RE.search(client.get(path).text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def page_client(container: Container, *roles: Role) -> TestClient:
    """A TestClient logged in through the login form as a new user holding ROLES."""
    name = _username(roles)
    create_user(container, name, roles, PASSWORD)
    client = TestClient(create_app(container), raise_server_exceptions=False)
    r = client.post(
        "/login",
        data={"username": name, "password": PASSWORD, "next": "/", "csrf_token": csrf(client)},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return client
