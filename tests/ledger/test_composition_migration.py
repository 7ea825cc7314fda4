"""The ledger_0002 migration fills the derived composition table from lots stored before it existed."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, text

from conftest import create_pg_database, drop_pg_database
from reechain.store.db import alembic_config

COMPOSITIONS = [
    {"Nd": 0.75, "Pr": 0.25},
    {"La": 0.25, "Ce": 0.5, "Pr": 0.05, "Nd": 0.182, "Dy": 0.00108, "Y": 0.0027},
    {},
]


def _upgrade(engine: Engine, target: str) -> None:
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


def _backfilled(engine: Engine) -> dict[str, dict[str, float]]:
    _upgrade(engine, "ledger_0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO ledger_products (id, code, name, form, reo_fraction)"
                " VALUES (1, 'P', 'p', 'oxide', 1)"
            )
        )
        for i, parts in enumerate(COMPOSITIONS * 2):  # each composition held by two lots: one row each
            conn.execute(
                text(
                    "INSERT INTO ledger_lots (id, code, product_id, reo_fraction, composition, created_on)"
                    " VALUES (:id, :code, 1, 0.99, :composition, '2026-01-05')"
                ),
                {"id": i + 1, "code": f"LOT-{i}", "composition": json.dumps(parts)},
            )
    _upgrade(engine, "heads")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM ledger_compositions")).mappings().all()
    return {
        row["composition"]: {
            k.capitalize(): v for k, v in row.items() if k != "composition" and v is not None
        }
        for row in rows
    }


def _expected() -> dict[str, dict[str, float]]:
    return {json.dumps(parts): parts for parts in COMPOSITIONS}


def test_the_migration_backfills_each_distinct_composition_on_sqlite(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        assert _backfilled(engine) == _expected()
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_the_migration_backfills_each_distinct_composition_on_postgres() -> None:
    name = f"reechain_migration_{uuid.uuid4().hex[:8]}"
    engine = create_engine(create_pg_database(name))
    try:
        assert _backfilled(engine) == _expected()
    finally:
        engine.dispose()
        drop_pg_database(name)
