"""Contract standardization: reviews, deviations, approvals.

Revision ID: contracts_0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "contracts_0001"
down_revision = None
branch_labels = ("contracts",)
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "contract_reviews",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("contract_code", sa.String(64), nullable=False),
        sa.Column("template_code", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("required_roles", sa.String(255), nullable=False),
        sa.Column("rows_json", sa.Text(), nullable=False),
        sa.Column("submitted_by", sa.String(200), nullable=False),
        sa.Column("submitted_at", TZ, nullable=False),
    )
    op.create_index("ix_contract_reviews_contract_code", "contract_reviews", ["contract_code"])
    op.create_table(
        "contract_deviations",
        sa.Column("review_id", Id, sa.ForeignKey("contract_reviews.id"), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("clause", sa.String(32), nullable=False),
        sa.Column("contract_clause", sa.String(32), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("template_text", sa.Text(), nullable=False),
        sa.Column("contract_text", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("approver_role", sa.String(32), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("review_id", "seq", name="pk_contract_deviations"),
    )
    op.create_table(
        "contract_approvals",
        sa.Column("review_id", Id, sa.ForeignKey("contract_reviews.id"), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("review_id", "role", name="pk_contract_approvals"),
    )


def downgrade() -> None:
    op.drop_table("contract_approvals")
    op.drop_table("contract_deviations")
    op.drop_index("ix_contract_reviews_contract_code", table_name="contract_reviews")
    op.drop_table("contract_reviews")
