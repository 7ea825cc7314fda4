"""Is the service able to answer: the database reachable, and the schema current."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from reechain.bootstrap import Container
from reechain.store.db import READ_ONLY_OPTION


@dataclass(frozen=True)
class Health:
    database_ok: bool
    database: str
    """``postgresql`` or ``sqlite`` (the dialect, never the address or credentials)."""


def check(c: Container) -> Health:
    """One ``SELECT 1`` in a read-only unit of work (on SQLite it does not queue behind a writer); never
    raises for an unreachable database."""
    try:
        with c.uow() as uow:
            uow.session.connection(execution_options={READ_ONLY_OPTION: True})
            uow.session.execute(text("SELECT 1"))
        ok = True
    except SQLAlchemyError:
        ok = False
    return Health(database_ok=ok, database=c.engine.dialect.name)
