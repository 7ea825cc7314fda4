"""Engine, sessions and migrations. Nothing is created at import time."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
READ_ONLY_OPTION = "reechain_read_only"
"""Set ``uow.session.connection(execution_options={READ_ONLY_OPTION: True})`` first in a unit of work that
only reads: on SQLite its transaction then starts deferred (in WAL mode readers never wait for a writer)."""
PING_AFTER_IDLE_S = 10.0
"""A pooled PostgreSQL connection idle for longer than this is pinged before it is handed out (a restarted
server or a dropped connection is then replaced, not met by the request). One in steady use is not: a ping
on every checkout was one more round trip per request for both the worker and PostgreSQL."""


def make_engine(url: str, *, echo: bool = False, ping_after_idle_s: float = PING_AFTER_IDLE_S) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=echo, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()
            # pysqlite's own transaction handling never emits BEGIN before a SAVEPOINT, so a rolled-back
            # outer transaction kept what its savepoints released; SQLAlchemy emits BEGIN itself instead.
            dbapi_conn.isolation_level = None

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            # IMMEDIATE: take the write lock at the start, so concurrent writers wait (busy timeout) instead
            # of failing when a deferred read lock cannot be upgraded. One writer at a time, as SQLite allows.
            # A unit of work that only reads may say so (READ_ONLY) and then does not wait for writers.
            read_only = conn.get_execution_options().get(READ_ONLY_OPTION)
            conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

        return engine
    engine = create_engine(url, echo=echo, pool_size=10, max_overflow=20)
    _ping_when_idle(engine, ping_after_idle_s)
    return engine


def _ping_when_idle(engine: Engine, idle_s: float) -> None:
    """``pool_pre_ping`` for connections that sat in the pool for more than IDLE_S seconds only."""

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop("idle_since", None)
        if since is None or time.monotonic() - since <= idle_s:
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except Exception as e:  # the pool discards this connection and checks out a new one
            raise exc.DisconnectionError(
                f"a pooled connection idle for {idle_s:g} s no longer answers"
            ) from e


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision of every branch (``alembic upgrade heads``)."""
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
