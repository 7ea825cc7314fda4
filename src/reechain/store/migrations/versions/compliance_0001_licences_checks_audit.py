"""Compliance: licences, draw-downs, checks, shipments, holds, approvals, allow-list, audit trail.

Revision ID: compliance_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "compliance_0001"
down_revision = None
branch_labels = ("compliance",)
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "compliance_licences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("licence_no", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("exporter", sa.String(300), nullable=False),
        sa.Column("consignee", sa.String(300), nullable=True),
        sa.Column("end_user", sa.String(300), nullable=True),
        sa.Column("destination_country", sa.String(2), nullable=True),
        sa.Column("elements", sa.String(200), nullable=False),
        sa.Column("hs_codes", sa.String(500), nullable=False),
        sa.Column("quantity_kg", sa.Float(), nullable=False),
        sa.Column("drawn_kg", sa.Float(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_compliance_licences"),
        sa.UniqueConstraint("licence_no", name="uq_compliance_licences_licence_no"),
    )
    op.create_table(
        "compliance_draw_downs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("licence_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.String(64), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("quantity_kg", sa.Float(), nullable=False),
        sa.Column("drawn_on", sa.Date(), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["licence_id"],
            ["compliance_licences.id"],
            name="fk_compliance_draw_downs_licence_id_compliance_licences",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_compliance_draw_downs"),
        sa.UniqueConstraint("licence_id", "order_id", "line", name="uq_compliance_draw_downs_use"),
    )
    op.create_index("ix_compliance_draw_downs_licence_id", "compliance_draw_downs", ["licence_id"])
    op.create_table(
        "compliance_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.String(64), nullable=False),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("order_json", sa.Text(), nullable=False),
        sa.Column("result_json", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("checked_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_compliance_checks"),
    )
    op.create_index("ix_compliance_checks_order_id", "compliance_checks", ["order_id"])
    op.create_table(
        "compliance_shipments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.String(64), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=False),
        sa.Column("shipped_on", sa.Date(), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_id"], ["compliance_checks.id"], name="fk_compliance_shipments_check_id_compliance_checks"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_compliance_shipments"),
        sa.UniqueConstraint("order_id", name="uq_compliance_shipments_order_id"),
    )
    op.create_table(
        "compliance_holds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("hits_json", sa.Text(), nullable=False),
        sa.Column("reasons_json", sa.Text(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("resolved_at", TZ, nullable=True),
        sa.Column("resolved_by", sa.String(64), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_id"], ["compliance_checks.id"], name="fk_compliance_holds_check_id_compliance_checks"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_compliance_holds"),
    )
    op.create_index("ix_compliance_holds_order_id", "compliance_holds", ["order_id"])
    op.create_table(
        "compliance_hold_approvals",
        sa.Column("hold_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("approved_at", TZ, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hold_id"], ["compliance_holds.id"], name="fk_compliance_hold_approvals_hold_id_compliance_holds"
        ),
        sa.PrimaryKeyConstraint("hold_id", "username", name="pk_compliance_hold_approvals"),
    )
    op.create_table(
        "compliance_allow_list",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_name", sa.String(300), nullable=False),
        sa.Column("list_name", sa.String(100), nullable=False),
        sa.Column("entry_id", sa.String(200), nullable=False),
        sa.Column("entry_fingerprint", sa.String(128), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("approved_by", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_compliance_allow_list"),
    )
    op.create_table(
        "audit_records",
        sa.Column("stream", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("stream", "seq", name="pk_audit_records"),
    )


def downgrade() -> None:
    op.drop_table("audit_records")
    op.drop_table("compliance_allow_list")
    op.drop_table("compliance_hold_approvals")
    op.drop_index("ix_compliance_holds_order_id", table_name="compliance_holds")
    op.drop_table("compliance_holds")
    op.drop_table("compliance_shipments")
    op.drop_index("ix_compliance_checks_order_id", table_name="compliance_checks")
    op.drop_table("compliance_checks")
    op.drop_index("ix_compliance_draw_downs_licence_id", table_name="compliance_draw_downs")
    op.drop_table("compliance_draw_downs")
    op.drop_table("compliance_licences")
