"""Fixtures of the compliance tests."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from .support import EXAMPLE, FakeScreening


@pytest.fixture
def fake_screening() -> FakeScreening:
    return FakeScreening()


@pytest.fixture
def example_order() -> Callable[..., dict[str, Any]]:
    base = json.loads(EXAMPLE.read_text(encoding="utf-8"))

    def make(*, end_user: str | None = None, order_id: str | None = None, **changes: Any) -> dict[str, Any]:
        o = copy.deepcopy(base)
        if end_user is not None:
            for p in o["parties"]:
                if p["role"] == "end_user":
                    p["name"] = end_user
        if order_id is not None:
            o["order_id"] = order_id
        o.update(changes)
        return o

    return make


@pytest.fixture(autouse=True)
def _fresh_screening_cache() -> None:
    """Tests roll back, so one (list, version) can hold different entries in two tests: start clean."""
    from reechain.services.compliance import clear_screening_cache

    clear_screening_cache()
