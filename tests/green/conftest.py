"""Fixtures for the green KPI tests: the small ledger of ``world`` and cheap password hashing."""

from __future__ import annotations

import pytest

from reechain.bootstrap import Container

from .world import define_green_world


@pytest.fixture
def green_world(container: Container) -> Container:
    define_green_world(container)
    return container


@pytest.fixture
def cheap_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with its smallest cost: the production parameters take ~0.3 s per hash, on purpose."""
    from argon2 import PasswordHasher

    from reechain.services import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
