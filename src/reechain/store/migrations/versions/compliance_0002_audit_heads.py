"""Audit trail: the head (last seq and hash) of each stream.

Revision ID: compliance_0002
Revises: compliance_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "compliance_0002"
down_revision = "compliance_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_heads",
        sa.Column("stream", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("stream", name="pk_audit_heads"),
    )


def downgrade() -> None:
    op.drop_table("audit_heads")
