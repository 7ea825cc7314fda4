"""Green and cost performance: consumption records per plant, month and item.

Revision ID: green_0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "green_0001"
down_revision = None
branch_labels = ("green",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "green_records",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plant", sa.String(64), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("item", sa.String(64), nullable=False),
        sa.Column("quantity", sa.Float(), nullable=False),
        sa.Column("zone", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source", sa.String(255), nullable=False),
        sa.Column("entered_by", sa.String(64), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("plant", "period", "item", name="uq_green_records_plant_period_item"),
    )
    op.create_index("ix_green_records_period", "green_records", ["period"])


def downgrade() -> None:
    op.drop_index("ix_green_records_period", table_name="green_records")
    op.drop_table("green_records")
