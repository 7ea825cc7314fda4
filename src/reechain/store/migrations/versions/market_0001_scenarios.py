"""Market: scenario runs and analysts' own market figures.

Revision ID: market_0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "market_0001"
down_revision = None
branch_labels = ("market",)
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "market_scenario_runs",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("runs", sa.Integer(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("blocks_done", sa.Integer(), nullable=False),
        sa.Column("blocks_total", sa.Integer(), nullable=False),
        sa.Column("scenario", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancel_requested", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "market_figures",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("element", sa.String(4), nullable=True),
        sa.Column("country", sa.String(100), nullable=False),
        sa.Column("company", sa.String(200), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(60), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("vintage", sa.String(100), nullable=False),
        sa.Column("confidence", sa.String(60), nullable=False),
        sa.Column("imported_by", sa.String(200), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_market_figures_stage", "market_figures", ["stage"])


def downgrade() -> None:
    op.drop_index("ix_market_figures_stage", table_name="market_figures")
    op.drop_table("market_figures")
    op.drop_table("market_scenario_runs")
