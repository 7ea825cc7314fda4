"""Ledger tables: locations, plants, products, lots, movements, running balances, quotas.

Quantities are whole grams (``*_g``, BigInteger): sums are exact on every database. Stock is the sum of
movements; ``ledger_balances`` is the guarded running balance per (lot, location) kept in the same
transaction as the movements, and never allowed below zero.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

from reechain.store.base import metadata

Id = BigInteger().with_variant(Integer, "sqlite")

locations = Table(
    "ledger_locations",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("holder", String(200), nullable=True),
    Column("country", String(8), nullable=True),
)

products = Table(
    "ledger_products",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("form", String(16), nullable=False),
    Column("reo_fraction", Float, nullable=False),
    Column("composition", Text, nullable=False, server_default="{}"),
    Column("spec", String(200), nullable=False, server_default=""),
    Column("purity", Float, nullable=True),
)

plants = Table(
    "ledger_plants",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("location_id", ForeignKey("ledger_locations.id"), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("capacity_t_reo_per_year", Float, nullable=False),
    Column("recovery", Float, nullable=False),
    Column("feeds", Text, nullable=False, server_default="[]"),
    Column("products", Text, nullable=False, server_default="[]"),
    Column("processes", Text, nullable=False, server_default="[]"),
    Column("residue_location_id", ForeignKey("ledger_locations.id"), nullable=True),
    Column("extra", Text, nullable=False, server_default="{}"),
)

lots = Table(
    "ledger_lots",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("product_id", ForeignKey("ledger_products.id"), nullable=False),
    Column("reo_fraction", Float, nullable=False),
    Column("composition", Text, nullable=False, server_default="{}"),
    Column("created_on", Date, nullable=False),
)

lot_links = Table(
    "ledger_lot_links",
    metadata,
    Column("parent_lot_id", ForeignKey("ledger_lots.id"), primary_key=True),
    Column("child_lot_id", ForeignKey("ledger_lots.id"), primary_key=True),
    Column("transformation_id", ForeignKey("ledger_transformations.id"), nullable=False),
    Index("ix_ledger_lot_links_child", "child_lot_id"),
)

transformations = Table(
    "ledger_transformations",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("occurred_on", Date, nullable=False),
    Column("plant_location_id", ForeignKey("ledger_locations.id"), nullable=False),
    Column("process", String(16), nullable=False),
    Column("recovery", Float, nullable=False),
    Column("reference", String(200), nullable=True),
)

quota_overrides = Table(
    "ledger_quota_overrides",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("year", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("holder", String(200), nullable=False),
    Column("who", String(200), nullable=False),
    Column("why", Text, nullable=False),
    Column("over_by_t_reo", Float, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

movements = Table(
    "ledger_movements",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("occurred_on", Date, nullable=False),
    Column("lot_id", ForeignKey("ledger_lots.id"), nullable=False),
    Column("from_location_id", ForeignKey("ledger_locations.id"), nullable=True),
    Column("to_location_id", ForeignKey("ledger_locations.id"), nullable=True),
    Column("quantity_g", BigInteger, nullable=False),
    Column("reo_g", BigInteger, nullable=False),
    Column("source", String(16), nullable=True),
    Column("transformation_id", ForeignKey("ledger_transformations.id"), nullable=True),
    Column("override_id", ForeignKey("ledger_quota_overrides.id"), nullable=True),
    Column("reason", Text, nullable=True),
    Column("reference", String(200), nullable=True),
    Column("posted_by", String(200), nullable=True),
    CheckConstraint("quantity_g > 0", name="positive_quantity"),
    Index("ix_ledger_movements_lot", "lot_id"),
    Index("ix_ledger_movements_date", "occurred_on"),
    Index("ix_ledger_movements_transformation", "transformation_id"),
)

ELEMENT_SYMBOLS = (
    "Sc",
    "Y",
    "La",
    "Ce",
    "Pr",
    "Nd",
    "Pm",
    "Sm",
    "Eu",
    "Gd",
    "Tb",
    "Dy",
    "Ho",
    "Er",
    "Tm",
    "Yb",
    "Lu",
)

compositions = Table(
    "ledger_compositions",
    metadata,
    Column("composition", Text, primary_key=True),
    *(Column(symbol.lower(), Float, nullable=True) for symbol in ELEMENT_SYMBOLS),
)
"""Derived from ``ledger_lots.composition`` (the state): one row per distinct composition text of a lot, each
element's fraction of the lot's REO in its own column, NULL when the composition does not name the element.
Written by the posting in the same transaction as the lots, so that reads need not expand JSON per row."""

balances = Table(
    "ledger_balances",
    metadata,
    Column("lot_id", ForeignKey("ledger_lots.id"), primary_key=True),
    Column("location_id", ForeignKey("ledger_locations.id"), primary_key=True),
    Column("quantity_g", BigInteger, nullable=False),
    CheckConstraint("quantity_g >= 0", name="not_negative"),
)

quotas = Table(
    "ledger_quotas",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("year", Integer, nullable=False),
    Column("batch", String(32), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("holder", String(200), nullable=False),
    Column("limit_t_reo", Float, nullable=False),
    Column("issued_on", Date, nullable=True),
    Column("source", Text, nullable=False, server_default=""),
    UniqueConstraint("year", "batch", "kind", "holder", name="year_batch_kind_holder"),
)
