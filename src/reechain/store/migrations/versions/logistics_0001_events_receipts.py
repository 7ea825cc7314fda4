"""Logistics: shipment events (DCSA Track & Trace 3.0.0, kept whole) and end users' receipts.

Revision ID: logistics_0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "logistics_0001"
down_revision = None
branch_labels = ("logistics",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "logistics_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.String(100), nullable=False, unique=True),
        sa.Column("shipment_ref", sa.String(64), nullable=False),
        sa.Column("raw_json", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(64), nullable=False),
    )
    op.create_index("ix_logistics_events_shipment_ref", "logistics_events", ["shipment_ref"])
    op.create_table(
        "logistics_receipts",
        sa.Column("shipment_ref", sa.String(64), primary_key=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_kg", sa.Float(), nullable=False),
        sa.Column("received_by", sa.String(300), nullable=False),
        sa.Column("document", sa.Text(), nullable=False, server_default=""),
        sa.Column("confirmed_by", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("logistics_receipts")
    op.drop_index("ix_logistics_events_shipment_ref", "logistics_events")
    op.drop_table("logistics_events")
