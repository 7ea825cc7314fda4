"""Test clients for the screening page and API (a bearer-token client and a logged-in page client), and a
list file in the plain CSV format."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services.auth import create_user, issue_token

PASSWORD = "correct-horse-1"
_CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def _username(roles: tuple[Role, ...]) -> str:
    return "s-" + "-".join(sorted(r.value.replace("_", "") for r in roles))


def api_client(container: Container, *roles: Role) -> TestClient:
    name = _username(roles)
    create_user(container, name, roles, PASSWORD)
    client = TestClient(create_app(container), raise_server_exceptions=False)
    client.headers["Authorization"] = f"Bearer {issue_token(container, name)}"
    return client


def csrf(client: TestClient, path: str) -> str:
    match = _CSRF_RE.search(client.get(path).text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def page_client(container: Container, *roles: Role) -> TestClient:
    name = _username(roles)
    create_user(container, name, roles, PASSWORD)
    client = TestClient(create_app(container), raise_server_exceptions=False)
    r = client.post(
        "/login",
        data={"username": name, "password": PASSWORD, "next": "/", "csrf_token": csrf(client, "/login")},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return client


LIST_HEADER = "entry_id,name,schema,country,aliases"


def list_csv(path: Path, *rows: str) -> Path:
    """Write a list file in the CSV format (``LIST_HEADER``, then ``rows``) to ``path``; return it."""
    path.write_text("\n".join((LIST_HEADER, *rows)) + "\n", encoding="utf-8")
    return path
