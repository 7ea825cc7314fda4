"""The migrations build the schema the table classes describe (Alembic finds nothing to generate), and
planning_0003 turns the work-order step constraint into a unique index over the orders not cancelled, keeping
the orders stored before it, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from conftest import create_pg_database, drop_pg_database
from reechain.store.base import load_all_tables, metadata
from reechain.store.db import alembic_config, migrate

ORDER = (
    "INSERT INTO plan_work_orders (id, plan_id, period, step, plant, kind, process, recovery, status,"
    " planned_feed_t, planned_outputs_t, planned_t_reo, released_at, released_by)"
    " VALUES (:id, 1, '2026-Q4', 'SEP', 'SEP', 'separation', 'separation', 0.9, :status, '{}', '{}', '{}',"
    " '2026-10-01 00:00:00', 'pat')"
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
        yield engine
        engine.dispose()
        return
    name = f"reechain_migration_{uuid.uuid4().hex[:8]}"
    engine = create_engine(create_pg_database(name))
    yield engine
    engine.dispose()
    drop_pg_database(name)


def _upgrade(engine: Engine, target: str) -> None:
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


def test_the_migrations_match_the_table_classes(empty_engine: Engine) -> None:
    migrate(empty_engine)
    load_all_tables()
    with empty_engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_planning_0003_keeps_the_orders_and_refuses_only_a_second_live_one(empty_engine: Engine) -> None:
    _upgrade(empty_engine, "planning_0002")
    with empty_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO plan_runs (id, name, created_at, status, objective, currency, overrides,"
                " problem, document)"
                " VALUES (1, 'p', '2026-10-01 00:00:00', 'optimal', 0, 'USD', '[]', '{}', '{}')"
            )
        )
        conn.execute(text(ORDER), {"id": 1, "status": "cancelled"})
    _upgrade(empty_engine, "heads")
    indexes = {ix["name"]: ix for ix in inspect(empty_engine).get_indexes("plan_work_orders")}
    live = indexes["uq_plan_work_orders_step_live"]
    assert live["unique"] and live["column_names"] == ["plan_id", "period", "step"]
    assert "ix_plan_work_orders_plan_id" in indexes  # SQLite copies the table: its other index is kept
    assert not inspect(empty_engine).get_unique_constraints("plan_work_orders")
    with empty_engine.begin() as conn:
        assert conn.execute(text("SELECT id, status FROM plan_work_orders")).all() == [(1, "cancelled")]
        conn.execute(text(ORDER), {"id": 2, "status": "cancelled"})
        conn.execute(text(ORDER), {"id": 3, "status": "open"})
    for status in ("open", "confirmed"):
        with pytest.raises(IntegrityError), empty_engine.begin() as conn:
            conn.execute(text(ORDER), {"id": 4, "status": status})
    with empty_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM plan_work_orders")).scalar() == 3
