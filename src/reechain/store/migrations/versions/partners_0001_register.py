"""Partners: joint ventures and affiliates, their plants, and agreements with them.

Revision ID: partners_0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "partners_0001"
down_revision = None
branch_labels = ("partners",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partners_partners",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("share", sa.Float, nullable=False),
        sa.Column("consolidation", sa.String(16), nullable=False),
        sa.Column("since", sa.Date, nullable=False),
        sa.Column("until", sa.Date, nullable=True),
        sa.Column("country", sa.String(8), nullable=False),
        sa.Column("illustrative", sa.Boolean, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("confidence", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_table(
        "partners_plants",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("partner", sa.String(64), sa.ForeignKey("partners_partners.id"), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("capacity_t_per_year", sa.Float, nullable=False),
        sa.Column("recovery", sa.Float, nullable=False),
        sa.Column("cost_cny_per_t", sa.Float, nullable=False),
        sa.Column("illustrative", sa.Boolean, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("confidence", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_table(
        "partners_agreements",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("partner", sa.String(64), sa.ForeignKey("partners_partners.id"), nullable=False),
        sa.Column("product", sa.String(64), nullable=False),
        sa.Column("start_on", sa.Date, nullable=False),
        sa.Column("end_on", sa.Date, nullable=False),
        sa.Column("volume_t_per_year", sa.Float, nullable=False),
        sa.Column("plant", sa.String(64), sa.ForeignKey("partners_plants.id"), nullable=True),
        sa.Column("min_t_per_year", sa.Float, nullable=False),
        sa.Column("max_t_per_year", sa.Float, nullable=True),
        sa.Column("price_basis", sa.String(16), nullable=False),
        sa.Column("price_cny_per_t", sa.Float, nullable=True),
        sa.Column("index_factor", sa.Float, nullable=True),
        sa.Column("premium_cny_per_t", sa.Float, nullable=False),
        sa.Column("illustrative", sa.Boolean, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("confidence", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("partners_agreements")
    op.drop_table("partners_plants")
    op.drop_table("partners_partners")
