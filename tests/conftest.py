"""Shared fixtures: the same suite runs on SQLite and on a real PostgreSQL server.

- ``container``: a Container whose every unit of work runs inside one outer transaction that is rolled
  back after the test (services still call commit: it releases a savepoint). Parametrised over both
  backends.
- ``committing_container``: a Container on a fresh, empty database that really commits (for concurrency
  tests); PostgreSQL only unless asked otherwise.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import sessionmaker

from reechain.bootstrap import Container
from reechain.settings import Settings
from reechain.store.db import make_engine, make_session_factory, migrate

PG_ADMIN_URL = os.environ.get(
    "REECHAIN_TEST_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
SHARED = Path(__file__).resolve().parents[2] / "shared"


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def create_pg_database(name: str) -> str:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def drop_pg_database(name: str) -> None:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("db") / "reechain-test.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def pg_engine() -> Iterator[Engine]:
    name = f"reechain_test_{_worker()}_{uuid.uuid4().hex[:8]}"
    url = create_pg_database(name)
    engine = make_engine(url)
    migrate(engine)
    yield engine
    engine.dispose()
    drop_pg_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def engine(backend: str, request: pytest.FixtureRequest) -> Engine:
    return request.getfixturevalue("sqlite_engine" if backend == "sqlite" else "pg_engine")  # type: ignore[no-any-return]


@pytest.fixture
def container(engine: Engine) -> Iterator[Container]:
    """Everything the test writes is rolled back at the end."""
    conn = engine.connect()
    outer = conn.begin()
    factory = sessionmaker(bind=conn, expire_on_commit=False, join_transaction_mode="create_savepoint")
    settings = Settings(database_url=engine.url.render_as_string(hide_password=False))
    yield Container(settings=settings, engine=engine, session_factory=factory)
    outer.rollback()
    conn.close()


@pytest.fixture
def pg_committing_container() -> Iterator[Container]:
    """A fresh PostgreSQL database that really commits: for concurrency tests."""
    name = f"reechain_c_{_worker()}_{uuid.uuid4().hex[:8]}"
    url = create_pg_database(name)
    engine = make_engine(url)
    migrate(engine)
    yield Container(
        settings=Settings(database_url=url), engine=engine, session_factory=make_session_factory(engine)
    )
    engine.dispose()
    drop_pg_database(name)


@pytest.fixture
def sqlite_file_container(tmp_path: Path) -> Iterator[Container]:
    """A fresh SQLite file that really commits (for CLI and web tests that open their own connections)."""
    url = f"sqlite:///{tmp_path / 'reechain.db'}"
    engine = make_engine(url)
    migrate(engine)
    yield Container(
        settings=Settings(database_url=url), engine=engine, session_factory=make_session_factory(engine)
    )
    engine.dispose()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED


_BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def chromium() -> Iterator[object]:
    """Headless Debian chromium driven by Playwright (no sandbox as root, no background connections)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=_BROWSER_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_server(sqlite_file_container: Container) -> Iterator[str]:
    """The web app on a free loopback port, on ``sqlite_file_container``; yields its base URL."""
    import uvicorn

    from reechain.api.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    srv = uvicorn.Server(
        uvicorn.Config(create_app(sqlite_file_container), log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    srv.should_exit = True
    thread.join(timeout=10)
    sock.close()
