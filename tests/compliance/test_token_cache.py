"""The API reuses a bearer token's user for a few seconds; a revoked token stops working once that lapses."""

from __future__ import annotations

import time

import pytest

from reechain.api import deps
from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services import auth

from .support import web_client


def test_a_revoked_token_is_refused_once_the_cache_lapses(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deps, "TOKEN_CACHE_SECONDS", 0.3)
    tom = web_client(container, "tom", Role.TRADER, token=True)
    assert tom.get("/api/me").status_code == 200
    assert auth.revoke_tokens(container, "tom") == 1
    assert tom.get("/api/me").status_code == 200  # the same process may still serve it for a moment
    time.sleep(0.35)
    assert tom.get("/api/me").status_code == 401
    assert tom.get("/api/me").status_code == 401  # a refused token is never kept


def test_an_unknown_token_is_refused_at_once(container: Container) -> None:
    tom = web_client(container, "tom", Role.TRADER, token=True)
    tom.headers["Authorization"] = "Bearer not-a-token"
    assert tom.get("/api/me").status_code == 401


def test_a_cached_token_is_not_kept_past_its_expiry(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from reechain.store.tables.auth import ApiTokenRow

    monkeypatch.setattr(deps, "TOKEN_CACHE_SECONDS", 60.0)  # far longer than the token has left
    tom = web_client(container, "tom", Role.TRADER, token=True)
    with container.uow() as uow:
        uow.session.execute(update(ApiTokenRow).values(expires_at=datetime.now(UTC) + timedelta(seconds=1.5)))
        uow.commit()
    assert tom.get("/api/me").status_code == 200  # read now and kept, but only until it expires
    time.sleep(1.7)
    assert tom.get("/api/me").status_code == 401


def test_requests_arriving_as_the_cache_lapses_read_the_token_once(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    from concurrent.futures import ThreadPoolExecutor

    auth.create_user(container, "tom", [Role.TRADER], "tom-password-9")
    token = auth.issue_token(container, "tom")
    deps._token_cache.clear()
    reads: list[str] = []
    gate = threading.Event()
    real = auth.token_user_until

    def slow_read(c: Container, t: str):  # type: ignore[no-untyped-def]
        reads.append(t)
        gate.wait(2.0)  # hold the first read until every request has arrived
        return real(c, t)

    monkeypatch.setattr(deps.auth_service, "token_user_until", slow_read)
    with ThreadPoolExecutor(max_workers=16) as pool:
        futures = [pool.submit(deps.user_for_token, container, token) for _ in range(16)]
        time.sleep(0.3)
        gate.set()
        users = [f.result(timeout=10) for f in futures]
    assert {u.username for u in users} == {"tom"}
    assert len(reads) == 1
