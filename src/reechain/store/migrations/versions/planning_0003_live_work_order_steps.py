"""Planning: a plan period may be released again once its work orders are all cancelled. The unique constraint
on (plan_id, period, step) becomes a partial unique index over the work orders that are not cancelled, so
cancelled orders stay on record next to the ones released after them, while two live orders for the same
step of a period are still refused by the database (two releases at once).

Revision ID: planning_0003
Revises: planning_0002
Create Date: 2026-11-28

Downgrading fails while a period holds a cancelled order and a later one for the same step.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "planning_0003"
down_revision = "planning_0002"
branch_labels = None
depends_on = None

LIVE = "status <> 'cancelled'"


def upgrade() -> None:
    # SQLite cannot drop a constraint: batch mode copies the table without it (PostgreSQL: ALTER TABLE).
    with op.batch_alter_table("plan_work_orders") as batch:
        batch.drop_constraint("uq_plan_work_orders_step", type_="unique")
    op.create_index(
        "uq_plan_work_orders_step_live",
        "plan_work_orders",
        ["plan_id", "period", "step"],
        unique=True,
        sqlite_where=sa.text(LIVE),
        postgresql_where=sa.text(LIVE),
    )


def downgrade() -> None:
    op.drop_index("uq_plan_work_orders_step_live", table_name="plan_work_orders")
    with op.batch_alter_table("plan_work_orders") as batch:
        batch.create_unique_constraint("uq_plan_work_orders_step", ["plan_id", "period", "step"])
