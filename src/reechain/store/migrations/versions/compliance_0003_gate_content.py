"""Compliance gate: checks and holds remember the hash of the order content they decided, so a release
clears exactly what was reviewed.

Revision ID: compliance_0003_gate
Revises: compliance_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "compliance_0003_gate"
down_revision = "compliance_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("compliance_checks") as batch:
        batch.add_column(sa.Column("content_sha256", sa.String(64), nullable=True))
    with op.batch_alter_table("compliance_holds") as batch:
        batch.add_column(sa.Column("content_sha256", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("compliance_holds") as batch:
        batch.drop_column("content_sha256")
    with op.batch_alter_table("compliance_checks") as batch:
        batch.drop_column("content_sha256")
