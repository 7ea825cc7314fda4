"""Trade tables: contracts, orders, lot allocations, lot expiry dates, market sizes.

Quantities in t of product (``*_t``); an order refers to ledger products, lots and customer locations by
code, so the ledger stays the one record of stock.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

from reechain.store.base import metadata

Id = BigInteger().with_variant(Integer, "sqlite")

contracts = Table(
    "trade_contracts",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("customer", String(64), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("product", String(64), nullable=False),
    Column("volume_t", Float, nullable=False),
    Column("start_on", Date, nullable=False),
    Column("end_on", Date, nullable=False),
    Column("price_basis", String(16), nullable=False),
    Column("price_cny_per_t", Float, nullable=True),
    Column("index_name", String(64), nullable=True),
    Column("index_factor", Float, nullable=True),
    Column("premium_cny_per_t", Float, nullable=False, server_default="0"),
    Column("created_by", String(200), nullable=True),
    CheckConstraint("volume_t > 0", name="positive_volume"),
)

orders = Table(
    "trade_orders",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("channel", String(16), nullable=False),
    Column("contract_id", Id, ForeignKey("trade_contracts.id"), nullable=True),
    Column("customer", String(64), nullable=False),
    Column("destination_country", String(8), nullable=True),
    Column("product", String(64), nullable=False),
    Column("quantity_t", Float, nullable=False),
    Column("min_purity", Float, nullable=True),
    Column("price_cny_per_t", Float, nullable=True),
    Column("ordered_on", Date, nullable=False),
    Column("status", String(16), nullable=False),
    Column("export", Boolean, nullable=False),
    Column("export_doc", Text, nullable=False, server_default="{}"),
    Column("compliance_state", String(24), nullable=False),
    Column("compliance_check_id", String(64), nullable=True),
    Column("created_by", String(200), nullable=True),
    Column("shipped_on", Date, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint("quantity_t > 0", name="positive_quantity"),
)

allocations = Table(
    "trade_allocations",
    metadata,
    Column("order_id", Id, ForeignKey("trade_orders.id"), primary_key=True),
    Column("lot", String(64), primary_key=True),
    Column("location", String(64), primary_key=True),
    Column("quantity_t", Float, nullable=False),
    CheckConstraint("quantity_t > 0", name="positive_quantity"),
)

lot_expiry = Table(
    "trade_lot_expiry",
    metadata,
    Column("lot", String(64), primary_key=True),
    Column("expires_on", Date, nullable=False),
)

market_sizes = Table(
    "trade_market_sizes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("year", Integer, nullable=False),
    Column("scope", String(16), nullable=False),
    Column("key", String(32), nullable=False),
    Column("market_t_reo", Float, nullable=False),
    Column("source", Text, nullable=False),
    Column("entered_by", String(200), nullable=True),
    UniqueConstraint("year", "scope", "key", name="uq_trade_market_sizes_year_scope_key"),
    CheckConstraint("market_t_reo > 0", name="positive_market"),
)
