"""Due-diligence register: parties, names, holdings, documents, reviews, list-import re-screens.

Revision ID: risk_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "risk_0001"
down_revision = None
branch_labels = ("risk",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "risk_parties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("schema", sa.String(length=16), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("roles", sa.String(length=300), nullable=False),
        sa.Column("registration_ids_json", sa.Text(), nullable=False),
        sa.Column("addresses_json", sa.Text(), nullable=False),
        sa.Column("transit_countries", sa.String(length=200), nullable=False),
        sa.Column("annex_ii", sa.String(length=500), nullable=False),
        sa.Column("red_flags", sa.String(length=500), nullable=False),
        sa.Column("late_payments", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("listed", sa.Boolean(), nullable=False),
        sa.Column("hits_json", sa.Text(), nullable=False),
        sa.Column("screened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("band", sa.String(length=16), nullable=True),
        sa.Column("factors_json", sa.Text(), nullable=False),
        sa.Column("scored_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("review_due_on", sa.Date(), nullable=True),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column("reviewed_by", sa.String(length=64), nullable=True),
        sa.Column("flagged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("flag_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_parties")),
        sa.UniqueConstraint("party_id", name=op.f("uq_risk_parties_party_id")),
    )
    with op.batch_alter_table("risk_parties", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_risk_parties_band"), ["band"], unique=False)
        batch_op.create_index(batch_op.f("ix_risk_parties_review_due_on"), ["review_due_on"], unique=False)

    op.create_table(
        "risk_rescreens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_name", sa.String(length=100), nullable=False),
        sa.Column("list_version", sa.Integer(), nullable=False),
        sa.Column("ran_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entries_changed", sa.Integer(), nullable=False),
        sa.Column("register_size", sa.Integer(), nullable=False),
        sa.Column("rescreened", sa.Integer(), nullable=False),
        sa.Column("new_hits", sa.Integer(), nullable=False),
        sa.Column("parties_marked", sa.Integer(), nullable=False),
        sa.Column("rescored", sa.Integer(), nullable=False),
        sa.Column("orders_rechecked", sa.Integer(), nullable=False),
        sa.Column("holds_opened", sa.Integer(), nullable=False),
        sa.Column("orders_blocked", sa.Integer(), nullable=False),
        sa.Column("elapsed_s", sa.Float(), nullable=False),
        sa.Column("detail_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_rescreens")),
        sa.UniqueConstraint("list_name", "list_version", name="uq_risk_rescreens_list_version"),
    )
    op.create_table(
        "risk_party_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_pk", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["party_pk"],
            ["risk_parties.id"],
            name=op.f("fk_risk_party_documents_party_pk_risk_parties"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_party_documents")),
    )
    with op.batch_alter_table("risk_party_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_risk_party_documents_party_pk"), ["party_pk"], unique=False)

    op.create_table(
        "risk_party_holdings",
        sa.Column("owner_pk", sa.Integer(), nullable=False),
        sa.Column("owned_pk", sa.Integer(), nullable=False),
        sa.Column("share", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owned_pk"],
            ["risk_parties.id"],
            name=op.f("fk_risk_party_holdings_owned_pk_risk_parties"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_pk"],
            ["risk_parties.id"],
            name=op.f("fk_risk_party_holdings_owner_pk_risk_parties"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("owner_pk", "owned_pk", name=op.f("pk_risk_party_holdings")),
    )
    op.create_table(
        "risk_party_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_pk", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("script", sa.String(length=16), nullable=False),
        sa.Column("compact", sa.Text(), nullable=False),
        sa.Column("sorted_units", sa.Text(), nullable=False),
        sa.Column("core_compact", sa.Text(), nullable=False),
        sa.Column("sorted_core", sa.Text(), nullable=False),
        sa.Column("grams", sa.LargeBinary(), nullable=False),
        sa.Column("form_stamp", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_pk"],
            ["risk_parties.id"],
            name=op.f("fk_risk_party_names_party_pk_risk_parties"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_party_names")),
    )
    with op.batch_alter_table("risk_party_names", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_risk_party_names_party_pk"), ["party_pk"], unique=False)

    op.create_table(
        "risk_party_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_pk", sa.Integer(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewer", sa.String(length=64), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("band", sa.String(length=16), nullable=False),
        sa.Column("next_due_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_pk"],
            ["risk_parties.id"],
            name=op.f("fk_risk_party_reviews_party_pk_risk_parties"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_party_reviews")),
    )
    with op.batch_alter_table("risk_party_reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_risk_party_reviews_party_pk"), ["party_pk"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("risk_party_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risk_party_reviews_party_pk"))

    op.drop_table("risk_party_reviews")
    with op.batch_alter_table("risk_party_names", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risk_party_names_party_pk"))

    op.drop_table("risk_party_names")
    op.drop_table("risk_party_holdings")
    with op.batch_alter_table("risk_party_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risk_party_documents_party_pk"))

    op.drop_table("risk_party_documents")
    op.drop_table("risk_rescreens")
    with op.batch_alter_table("risk_parties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risk_parties_review_due_on"))
        batch_op.drop_index(batch_op.f("ix_risk_parties_band"))

    op.drop_table("risk_parties")
