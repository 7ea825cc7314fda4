"""Stored plans.

Revision ID: planning_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "planning_0001"
down_revision = None
branch_labels = ("planning",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("objective", sa.Float(), nullable=False),
        sa.Column("currency", sa.String(8), nullable=False),
        sa.Column("overrides", sa.JSON(), nullable=False),
        sa.Column("problem", sa.JSON(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_plan_runs"),
    )
    op.create_index("ix_plan_runs_year", "plan_runs", ["year"])


def downgrade() -> None:
    op.drop_index("ix_plan_runs_year", table_name="plan_runs")
    op.drop_table("plan_runs")
