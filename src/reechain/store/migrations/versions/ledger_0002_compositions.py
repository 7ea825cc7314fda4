"""Ledger: the element fractions of each distinct lot composition, derived from ``ledger_lots.composition``.

Revision ID: ledger_0002
Revises: ledger_0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "ledger_0002"
down_revision = "ledger_0001"
branch_labels = None
depends_on = None

SYMBOLS = (
    "Sc",
    "Y",
    "La",
    "Ce",
    "Pr",
    "Nd",
    "Pm",
    "Sm",
    "Eu",
    "Gd",
    "Tb",
    "Dy",
    "Ho",
    "Er",
    "Tm",
    "Yb",
    "Lu",
)


def upgrade() -> None:
    table = op.create_table(
        "ledger_compositions",
        sa.Column("composition", sa.Text(), primary_key=True),
        *(sa.Column(s.lower(), sa.Float(), nullable=True) for s in SYMBOLS),
    )
    conn = op.get_bind()
    texts = [r[0] for r in conn.execute(sa.text("SELECT DISTINCT composition FROM ledger_lots"))]
    rows = []
    for text in texts:
        parts = json.loads(text)
        rows.append({"composition": text, **{s.lower(): parts.get(s) for s in SYMBOLS}})
    for i in range(0, len(rows), 5000):
        op.bulk_insert(table, rows[i : i + 5000])


def downgrade() -> None:
    op.drop_table("ledger_compositions")
