"""Trade: contracts, orders, lot allocations, lot expiry dates, market sizes.

Revision ID: trade_0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "trade_0001"
down_revision = None
branch_labels = ("trade",)
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "trade_contracts",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("code", sa.String(64), nullable=False, unique=True),
        sa.Column("customer", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("product", sa.String(64), nullable=False),
        sa.Column("volume_t", sa.Float(), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=False),
        sa.Column("price_basis", sa.String(16), nullable=False),
        sa.Column("price_cny_per_t", sa.Float(), nullable=True),
        sa.Column("index_name", sa.String(64), nullable=True),
        sa.Column("index_factor", sa.Float(), nullable=True),
        sa.Column("premium_cny_per_t", sa.Float(), nullable=False, server_default="0"),
        sa.Column("created_by", sa.String(200), nullable=True),
        sa.CheckConstraint("volume_t > 0", name="ck_trade_contracts_positive_volume"),
    )
    op.create_table(
        "trade_orders",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("code", sa.String(64), nullable=False, unique=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("contract_id", Id, sa.ForeignKey("trade_contracts.id"), nullable=True),
        sa.Column("customer", sa.String(64), nullable=False),
        sa.Column("destination_country", sa.String(8), nullable=True),
        sa.Column("product", sa.String(64), nullable=False),
        sa.Column("quantity_t", sa.Float(), nullable=False),
        sa.Column("min_purity", sa.Float(), nullable=True),
        sa.Column("price_cny_per_t", sa.Float(), nullable=True),
        sa.Column("ordered_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("export", sa.Boolean(), nullable=False),
        sa.Column("export_doc", sa.Text(), nullable=False, server_default="{}"),
        sa.Column("compliance_state", sa.String(24), nullable=False),
        sa.Column("compliance_check_id", sa.String(64), nullable=True),
        sa.Column("created_by", sa.String(200), nullable=True),
        sa.Column("shipped_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("quantity_t > 0", name="ck_trade_orders_positive_quantity"),
    )
    op.create_table(
        "trade_allocations",
        sa.Column("order_id", Id, sa.ForeignKey("trade_orders.id"), primary_key=True),
        sa.Column("lot", sa.String(64), primary_key=True),
        sa.Column("location", sa.String(64), primary_key=True),
        sa.Column("quantity_t", sa.Float(), nullable=False),
        sa.CheckConstraint("quantity_t > 0", name="ck_trade_allocations_positive_quantity"),
    )
    op.create_table(
        "trade_lot_expiry",
        sa.Column("lot", sa.String(64), primary_key=True),
        sa.Column("expires_on", sa.Date(), nullable=False),
    )
    op.create_table(
        "trade_market_sizes",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("market_t_reo", sa.Float(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("entered_by", sa.String(200), nullable=True),
        sa.UniqueConstraint("year", "scope", "key", name="uq_trade_market_sizes_year_scope_key"),
        sa.CheckConstraint("market_t_reo > 0", name="ck_trade_market_sizes_positive_market"),
    )


def downgrade() -> None:
    for t in (
        "trade_market_sizes",
        "trade_lot_expiry",
        "trade_allocations",
        "trade_orders",
        "trade_contracts",
    ):
        op.drop_table(t)
