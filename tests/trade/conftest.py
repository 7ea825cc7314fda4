from __future__ import annotations

import pytest

from reechain.bootstrap import Container

from .world import define_trade_world


@pytest.fixture
def trade_world(container: Container) -> Container:
    define_trade_world(container)
    return container
