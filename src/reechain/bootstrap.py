"""One place wires settings, database and services. Tests call it with their own settings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from reechain.settings import Settings
from reechain.store.db import make_engine, make_session_factory, migrate
from reechain.store.uow import UnitOfWork


@dataclass
class Container:
    """What every service needs: settings and a way to open a unit of work."""

    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory)


def bootstrap(settings: Settings | None = None, *, run_migrations: bool = True) -> Container:
    settings = settings or Settings()
    engine = make_engine(settings.database_url, echo=settings.echo_sql)
    if run_migrations:
        migrate(engine)
    return Container(settings=settings, engine=engine, session_factory=make_session_factory(engine))
