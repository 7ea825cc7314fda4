"""Logistics: AIS voyages (with the vessel's IMO number when given) and positions, stored to link vessels to
the shipments they carry.

Revision ID: logistics_0002
Revises: logistics_0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "logistics_0002"
down_revision = "logistics_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "logistics_ais_voyages",
        sa.Column("voyage_id", sa.String(100), primary_key=True),
        sa.Column("mmsi", sa.BigInteger(), nullable=False),
        sa.Column("imo", sa.String(7), nullable=True),
        sa.Column("departure_port", sa.String(200), nullable=False),
        sa.Column("destination_port", sa.String(200), nullable=False),
        sa.Column("planned_departure", sa.DateTime(timezone=True), nullable=False),
        sa.Column("planned_arrival", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stored_by", sa.String(64), nullable=False),
    )
    op.create_index("ix_logistics_ais_voyages_mmsi", "logistics_ais_voyages", ["mmsi"])
    op.create_index("ix_logistics_ais_voyages_imo", "logistics_ais_voyages", ["imo"])
    op.create_table(
        "logistics_ais_positions",
        sa.Column("mmsi", sa.BigInteger(), primary_key=True),
        sa.Column("t_s", sa.BigInteger(), primary_key=True),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("sog_kn", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("logistics_ais_positions")
    op.drop_index("ix_logistics_ais_voyages_imo", "logistics_ais_voyages")
    op.drop_index("ix_logistics_ais_voyages_mmsi", "logistics_ais_voyages")
    op.drop_table("logistics_ais_voyages")
