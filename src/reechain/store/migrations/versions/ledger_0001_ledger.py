"""Ledger: locations, plants, products, lots, movements, running balances, quotas.

Revision ID: ledger_0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "ledger_0001"
down_revision = None
branch_labels = ("ledger",)
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _id() -> sa.Column[int]:
    return sa.Column("id", Id, primary_key=True, autoincrement=True)


def _fk(name: str, target: str, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, Id, sa.ForeignKey(f"{target}.id"), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "ledger_locations",
        _id(),
        sa.Column("code", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("holder", sa.String(200), nullable=True),
        sa.Column("country", sa.String(8), nullable=True),
    )
    op.create_table(
        "ledger_products",
        _id(),
        sa.Column("code", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("form", sa.String(16), nullable=False),
        sa.Column("reo_fraction", sa.Float(), nullable=False),
        sa.Column("composition", sa.Text(), nullable=False, server_default="{}"),
        sa.Column("spec", sa.String(200), nullable=False, server_default=""),
        sa.Column("purity", sa.Float(), nullable=True),
    )
    op.create_table(
        "ledger_plants",
        _id(),
        sa.Column("location_id", Id, sa.ForeignKey("ledger_locations.id"), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("capacity_t_reo_per_year", sa.Float(), nullable=False),
        sa.Column("recovery", sa.Float(), nullable=False),
        sa.Column("feeds", sa.Text(), nullable=False, server_default="[]"),
        sa.Column("products", sa.Text(), nullable=False, server_default="[]"),
        sa.Column("processes", sa.Text(), nullable=False, server_default="[]"),
        _fk("residue_location_id", "ledger_locations", nullable=True),
        sa.Column("extra", sa.Text(), nullable=False, server_default="{}"),
    )
    op.create_table(
        "ledger_lots",
        _id(),
        sa.Column("code", sa.String(64), nullable=False, unique=True),
        _fk("product_id", "ledger_products"),
        sa.Column("reo_fraction", sa.Float(), nullable=False),
        sa.Column("composition", sa.Text(), nullable=False, server_default="{}"),
        sa.Column("created_on", sa.Date(), nullable=False),
    )
    op.create_table(
        "ledger_transformations",
        _id(),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        _fk("plant_location_id", "ledger_locations"),
        sa.Column("process", sa.String(16), nullable=False),
        sa.Column("recovery", sa.Float(), nullable=False),
        sa.Column("reference", sa.String(200), nullable=True),
    )
    op.create_table(
        "ledger_lot_links",
        sa.Column("parent_lot_id", Id, sa.ForeignKey("ledger_lots.id"), primary_key=True),
        sa.Column("child_lot_id", Id, sa.ForeignKey("ledger_lots.id"), primary_key=True),
        _fk("transformation_id", "ledger_transformations"),
    )
    op.create_index("ix_ledger_lot_links_child", "ledger_lot_links", ["child_lot_id"])
    op.create_table(
        "ledger_quota_overrides",
        _id(),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("over_by_t_reo", sa.Float(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_table(
        "ledger_movements",
        _id(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        _fk("lot_id", "ledger_lots"),
        _fk("from_location_id", "ledger_locations", nullable=True),
        _fk("to_location_id", "ledger_locations", nullable=True),
        sa.Column("quantity_g", sa.BigInteger(), nullable=False),
        sa.Column("reo_g", sa.BigInteger(), nullable=False),
        sa.Column("source", sa.String(16), nullable=True),
        _fk("transformation_id", "ledger_transformations", nullable=True),
        _fk("override_id", "ledger_quota_overrides", nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("reference", sa.String(200), nullable=True),
        sa.Column("posted_by", sa.String(200), nullable=True),
        sa.CheckConstraint("quantity_g > 0", name="positive_quantity"),
    )
    op.create_index("ix_ledger_movements_lot", "ledger_movements", ["lot_id"])
    op.create_index("ix_ledger_movements_date", "ledger_movements", ["occurred_on"])
    op.create_index("ix_ledger_movements_transformation", "ledger_movements", ["transformation_id"])
    op.create_table(
        "ledger_balances",
        sa.Column("lot_id", Id, sa.ForeignKey("ledger_lots.id"), primary_key=True),
        sa.Column("location_id", Id, sa.ForeignKey("ledger_locations.id"), primary_key=True),
        sa.Column("quantity_g", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("quantity_g >= 0", name="not_negative"),
    )
    op.create_table(
        "ledger_quotas",
        _id(),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("batch", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("limit_t_reo", sa.Float(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False, server_default=""),
        sa.UniqueConstraint("year", "batch", "kind", "holder", name="year_batch_kind_holder"),
    )


def downgrade() -> None:
    for name in (
        "ledger_quotas",
        "ledger_balances",
        "ledger_movements",
        "ledger_quota_overrides",
        "ledger_lot_links",
        "ledger_transformations",
        "ledger_lots",
        "ledger_plants",
        "ledger_products",
        "ledger_locations",
    ):
        op.drop_table(name)
