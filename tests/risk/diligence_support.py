"""Shared set-up of the due-diligence tests: the ownership example of the shared folder, users, lists."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services import parties, screening
from reechain.services.auth import create_user, issue_token

SHARED = Path(__file__).resolve().parents[3] / "shared"
EXAMPLE = SHARED / "examples" / "ownership"
ORDER = SHARED / "examples" / "order_dy_japan.json"
RISK = frozenset({Role.RISK_MANAGER})
LIST_V2_EXTRA = "EX-4,Harbourline Logistics Pte. Ltd.,Company,SG,\n"


def fresh_caches() -> None:
    """Tests roll back, so one (list, version) can hold different entries in two tests: start clean."""
    from reechain.services.compliance import clear_screening_cache

    clear_screening_cache()
    screening.forget_screeners()


def load_example_list(c: Container, tmp: Path, extra: str = "") -> screening.ImportReport:
    path = tmp / "list.csv"
    path.write_text((EXAMPLE / "list.csv").read_text(encoding="utf-8") + extra, encoding="utf-8")
    return screening.import_list(c, path, "csv", "example")


def import_example_register(c: Container, documents: str | None = None) -> parties.RegisterImport:
    return parties.import_register(
        c,
        (EXAMPLE / "parties.csv").read_text(encoding="utf-8"),
        "parties.csv",
        actor="rita",
        roles=RISK,
        ownership_text=(EXAMPLE / "ownership.csv").read_text(encoding="utf-8"),
        ownership_file="ownership.csv",
        documents_text=documents,
        documents_file="documents.csv",
    )


def order_with_forwarder(name: str, order_id: str = "EX-RESCREEN-1") -> dict[str, Any]:
    order: dict[str, Any] = json.loads(ORDER.read_text(encoding="utf-8"))
    order["order_id"] = order_id
    for p in order["parties"]:
        if p["role"] == "forwarder":
            p["name"], p["country"] = name, "SG"
    return order


PASSWORD = "correct-horse-1"
_CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def _username(roles: tuple[Role, ...]) -> str:
    return "r-" + "-".join(sorted(r.value.replace("_", "") for r in roles))


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
