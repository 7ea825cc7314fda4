"""Market tables: scenario runs (scenario, status, progress, quantiles as JSON) and analysts' own figures."""

from __future__ import annotations

from sqlalchemy import JSON, BigInteger, Boolean, Column, DateTime, Float, Integer, String, Table, Text, false

from reechain.store.base import metadata

Id = BigInteger().with_variant(Integer, "sqlite")

scenario_runs = Table(
    "market_scenario_runs",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("status", String(20), nullable=False),  # running | done | failed | cancelled
    Column("runs", Integer, nullable=False),
    Column("seed", Integer, nullable=False),
    Column("blocks_done", Integer, nullable=False),
    Column("blocks_total", Integer, nullable=False),
    Column("scenario", JSON, nullable=False),
    Column("result", JSON, nullable=True),
    Column("error", Text, nullable=True),
    Column("created_by", String(200), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("cancel_requested", Boolean, nullable=False, server_default=false()),
)

figures = Table(
    "market_figures",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("stage", String(20), nullable=False, index=True),
    Column("element", String(4), nullable=True),
    Column("country", String(100), nullable=False),
    Column("company", String(200), nullable=True),
    Column("year", Integer, nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String(60), nullable=False),
    Column("source", Text, nullable=False),
    Column("vintage", String(100), nullable=False),
    Column("confidence", String(60), nullable=False),
    Column("imported_by", String(200), nullable=True),
    Column("imported_at", DateTime(timezone=True), nullable=False),
)
