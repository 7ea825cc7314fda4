"""Restricted-party list versions and entries.

Revision ID: screening_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "screening_0001"
down_revision = None
branch_labels = ("screening",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "screening_list_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_name", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(32), nullable=False),
        sa.Column("source_name", sa.String(255), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("entry_count", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_screening_list_versions"),
        sa.UniqueConstraint("list_name", "version", name="uq_screening_list_versions_list_version"),
    )
    op.create_table(
        "screening_list_entries",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.String(200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("schema", sa.String(32), nullable=False),
        sa.Column("country", sa.String(8), nullable=True),
        sa.Column("aliases_json", sa.Text(), nullable=False),
        sa.Column("programs_json", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["screening_list_versions.id"],
            name="fk_screening_list_entries_version_id_screening_list_versions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "entry_id", name="pk_screening_list_entries"),
    )


def downgrade() -> None:
    op.drop_table("screening_list_entries")
    op.drop_table("screening_list_versions")
