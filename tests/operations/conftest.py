"""Fixtures of the platform tests: cheap password hashing, clients with a bearer token or a login."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with its smallest cost: the production parameters take ~0.3 s per hash, on purpose."""
    from argon2 import PasswordHasher

    from reechain.services import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


from web.conftest import browser, live_server, page  # noqa: E402, F401  (real server and chromium)
