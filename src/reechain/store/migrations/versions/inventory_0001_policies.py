"""Inventory: stock policies per product and location.

Revision ID: inventory_0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "inventory_0001"
down_revision = None
branch_labels = ("inventory",)
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "inventory_policies",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("product", sa.String(64), nullable=False),
        sa.Column("location", sa.String(64), nullable=False),
        sa.Column("safety_stock_t", sa.Float(), nullable=True),
        sa.Column("reorder_point_t", sa.Float(), nullable=True),
        sa.Column("order_quantity_t", sa.Float(), nullable=True),
        sa.Column("min_t", sa.Float(), nullable=True),
        sa.Column("max_t", sa.Float(), nullable=True),
        sa.Column("lot_multiple_t", sa.Float(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False, server_default=""),
        sa.Column("updated_by", sa.String(200), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.UniqueConstraint("product", "location", name="uq_inventory_policies_product_location"),
    )


def downgrade() -> None:
    op.drop_table("inventory_policies")
