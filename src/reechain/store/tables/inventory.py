"""Inventory tables: the stock policy in force per product and location."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Float,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

from reechain.store.base import metadata

Id = BigInteger().with_variant(Integer, "sqlite")

stock_policies = Table(
    "inventory_policies",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("product", String(64), nullable=False),
    Column("location", String(64), nullable=False),
    Column("safety_stock_t", Float, nullable=True),
    Column("reorder_point_t", Float, nullable=True),
    Column("order_quantity_t", Float, nullable=True),
    Column("min_t", Float, nullable=True),
    Column("max_t", Float, nullable=True),
    Column("lot_multiple_t", Float, nullable=True),
    Column("source", Text, nullable=False, server_default=""),
    Column("updated_by", String(200), nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("product", "location", name="uq_inventory_policies_product_location"),
)
