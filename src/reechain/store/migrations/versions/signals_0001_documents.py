"""Market signals: notices and articles kept whole with their sha256 and source.

Revision ID: signals_0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "signals_0001"
down_revision = None
branch_labels = ("signals",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signals_documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("title", sa.Text(), nullable=False, server_default=""),
        sa.Column("url", sa.Text(), nullable=False, server_default=""),
        sa.Column("publisher", sa.Text(), nullable=False, server_default=""),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("encoding", sa.String(20), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ingested_by", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("signals_documents")
