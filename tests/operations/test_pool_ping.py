"""Pooled PostgreSQL connections are pinged only after sitting idle (no round trip per request otherwise)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, exc, text

from reechain.store.db import make_engine

pytestmark = pytest.mark.postgres
PG_ADMIN_URL = os.environ.get(
    "REECHAIN_TEST_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def _kill_pooled_backend(engine: Engine) -> None:
    """End the PostgreSQL backend of the one connection in ENGINE's pool, from outside."""
    with engine.connect() as conn:
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    admin = make_engine(PG_ADMIN_URL)
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        conn.commit()
    admin.dispose()


@pytest.fixture
def engines() -> Iterator[list[Engine]]:
    made: list[Engine] = []
    yield made
    for e in made:
        e.dispose()


def test_a_connection_in_steady_use_is_not_pinged(engines: list[Engine]) -> None:
    # Proof that no ping ran: a connection whose backend ended is handed out as it is, and the request
    # meets the error (the documented price of no round trip per checkout).
    engine = make_engine(PG_ADMIN_URL, ping_after_idle_s=60.0)
    engines.append(engine)
    _kill_pooled_backend(engine)
    with pytest.raises(exc.OperationalError), engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    with engine.connect() as conn:  # the pool replaced it after the error
        assert conn.execute(text("SELECT 2")).scalar_one() == 2


def test_an_idle_connection_that_died_is_replaced_before_use(engines: list[Engine]) -> None:
    engine = make_engine(PG_ADMIN_URL, ping_after_idle_s=0.05)
    engines.append(engine)
    _kill_pooled_backend(engine)
    time.sleep(0.1)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT 41 + 1")).scalar_one() == 42
