"""Fixtures for ledger tests (the small world is described in ``helpers``)."""

from __future__ import annotations

import pytest

from reechain.bootstrap import Container

from .helpers import define_world


@pytest.fixture
def world(container: Container) -> Container:
    define_world(container)
    return container
