"""Alembic environment. Each capability owns a branch of migrations (branch label = capability);
``upgrade heads`` brings them all up. Run through ``reechain.store.db.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from reechain.store.base import load_all_tables, metadata

load_all_tables()
config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///reechain.db")
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
