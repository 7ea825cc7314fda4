"""Test support for compliance: a fake screening service, licences, list hits."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.compliance.licences import Licence
from reechain.domain.roles import Role
from reechain.services.auth import create_user, issue_token
from reechain.services.compliance import Screening

EXAMPLE = Path(__file__).resolve().parents[3] / "shared" / "examples" / "order_dy_japan.json"
OFFICER = frozenset({Role.COMPLIANCE_OFFICER})


@dataclass(frozen=True)
class FakeHit:
    list_name: str
    list_version: int
    entry_id: str
    entry_name: str
    score: float
    features: tuple[tuple[str, float, str], ...]
    entry_fingerprint: str


@dataclass
class FakeScreening:
    """Returns the hits registered for a party name; ``lists`` stands for the loaded list versions."""

    hits: dict[str, list[FakeHit]] = field(default_factory=dict)
    lists: dict[str, int] = field(default_factory=lambda: {"mofcom-uel": 1})

    def screen_party(
        self, c: Container, name: str, schema: str = "Company", country: str | None = None, **kw: Any
    ) -> list[Any]:
        return list(self.hits.get(name, []))

    def active_list_versions(self, c: Container) -> dict[str, int]:
        return self.lists

    def as_service(self) -> Screening:
        return Screening(self.screen_party, self.active_list_versions)


def uel_hit(score: float = 0.97, fingerprint: str = "fp-1", entry_id: str = "UEL-2025-10-01") -> FakeHit:
    return FakeHit(
        "mofcom-uel",
        1,
        entry_id,
        "Sample Defence Systems Inc.",
        score,
        (("name_tokens", score, "sample defence systems = sample defence systems"),),
        fingerprint,
    )


def dy_licence(no: str = "DU-2026-001", **changes: Any) -> Licence:
    fields: dict[str, Any] = dict(
        licence_no=no,
        kind="dual_use",
        exporter="Sample Rare Earth Group International Trade Co., Ltd.",
        consignee="Example Magnetics K.K.",
        end_user="Example Magnetics Kyushu Plant",
        destination_country="JP",
        elements=frozenset({"Dy"}),
        hs_codes=(),
        quantity_kg=1000.0,
        drawn_kg=0.0,
        valid_from=date(2026, 1, 1),
        valid_until=date(2026, 12, 31),
    )
    fields.update(changes)
    return Licence(**fields)


def ce_licence(no: str = "EX-2026-001", **changes: Any) -> Licence:
    return dy_licence(no, kind="export", elements=frozenset({"Ce"}), quantity_kg=50000.0, **changes)


PASSWORD = "correct-horse-1"
_CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf(client: TestClient, path: str) -> str:
    match = _CSRF_RE.search(client.get(path).text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def web_client(container: Container, name: str, *roles: Role, token: bool = False) -> TestClient:
    """A client of a new user NAME with ROLES: bearer token (API) or logged in through the form (pages)."""
    create_user(container, name, roles, PASSWORD)
    client = TestClient(create_app(container), raise_server_exceptions=False)
    if token:
        client.headers["Authorization"] = f"Bearer {issue_token(container, name)}"
        return client
    r = client.post(
        "/login",
        data={"username": name, "password": PASSWORD, "next": "/", "csrf_token": csrf(client, "/login")},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return client
