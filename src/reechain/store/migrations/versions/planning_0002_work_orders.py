"""Work orders released from stored plans.

Revision ID: planning_0002
Revises: planning_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "planning_0002"
down_revision = "planning_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_work_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(20), nullable=False),
        sa.Column("step", sa.String(140), nullable=False),
        sa.Column("plant", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("process", sa.String(20), nullable=False),
        sa.Column("recovery", sa.Float(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("planned_feed_t", sa.JSON(), nullable=False),
        sa.Column("planned_outputs_t", sa.JSON(), nullable=False),
        sa.Column("planned_t_reo", sa.JSON(), nullable=False),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("released_by", sa.String(200), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed_by", sa.String(200), nullable=True),
        sa.Column("occurred_on", sa.Date(), nullable=True),
        sa.Column("actual_recovery", sa.Float(), nullable=True),
        sa.Column("actual_feed_t", sa.JSON(), nullable=True),
        sa.Column("actual_outputs_t", sa.JSON(), nullable=True),
        sa.Column("actual_t_reo", sa.JSON(), nullable=True),
        sa.Column("lots", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_plan_work_orders"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan_runs.id"], name="fk_plan_work_orders_plan_id_plan_runs"),
        sa.UniqueConstraint("plan_id", "period", "step", name="uq_plan_work_orders_step"),
    )
    op.create_index("ix_plan_work_orders_plan_id", "plan_work_orders", ["plan_id"])


def downgrade() -> None:
    op.drop_index("ix_plan_work_orders_plan_id", table_name="plan_work_orders")
    op.drop_table("plan_work_orders")
