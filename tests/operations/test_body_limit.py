"""Request bodies past the configured limit are refused with 413 before they are read whole."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.settings import Settings
from web.helpers import api_client, page_client

LIMIT = 10_000


@pytest.fixture
def small_limit(container: Container) -> Container:
    settings = Settings(database_url=container.settings.database_url, max_body_bytes=LIMIT)
    return Container(settings=settings, engine=container.engine, session_factory=container.session_factory)


def test_a_declared_large_body_is_refused_before_authentication(small_limit: Container) -> None:
    client = TestClient(create_app(small_limit), raise_server_exceptions=False)
    r = client.post(
        "/api/movements", content=b"x" * (LIMIT + 1), headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 413 and r.json()["error"] == "PayloadTooLarge"


def test_a_chunked_body_is_cut_off_at_the_limit(small_limit: Container) -> None:
    client = api_client(small_limit, Role.ADMIN)

    def chunks() -> Iterator[bytes]:  # no Content-Length: sent chunked
        for _ in range(100):
            yield b"[" * 1000

    r = client.post("/api/movements", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413, r.text


def test_a_large_form_on_a_page_is_refused_before_the_csrf_check_reads_it(small_limit: Container) -> None:
    client = page_client(small_limit, Role.ADMIN)

    def chunks() -> Iterator[bytes]:
        yield b"csrf_token=x&note="
        for _ in range(100):
            yield b"a" * 1000

    r = client.post(
        "/logout", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert r.status_code == 413


def test_the_middleware_stops_reading_at_the_limit() -> None:
    """Counted at the ASGI level: no more chunks are pulled from the client once the limit is passed."""
    from reechain.api.security import BodyLimitMiddleware

    pulled = 0

    async def app(scope: dict, receive: object, send: object) -> None:  # type: ignore[type-arg]
        while True:
            message = await receive()  # type: ignore[operator]
            if not message.get("more_body"):
                break

    async def receive() -> dict:  # type: ignore[type-arg]
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": b"a" * 1000, "more_body": pulled < 1_000_000}

    sent: list[dict] = []  # type: ignore[type-arg]

    async def send(message: dict) -> None:  # type: ignore[type-arg]
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/x", "headers": [], "query_string": b""}
    asyncio.run(BodyLimitMiddleware(app, max_bytes=LIMIT)(scope, receive, send))  # type: ignore[arg-type]
    assert pulled == LIMIT // 1000 + 1
    assert sent[0]["status"] == 413


def test_a_body_under_the_limit_is_served(small_limit: Container) -> None:
    client = api_client(small_limit, Role.ADMIN)
    assert client.post("/api/tokens", json={"name": "ok"}).status_code == 201
