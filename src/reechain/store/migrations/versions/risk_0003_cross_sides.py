"""Register names: what the screener's cross-script gate compares of each Latin name.

``cross_side``: JSON text (``compliance.matching.cross_keys.latin_side_text``), stored with the name's
cross-script profile and made again with it when stale; the delta re-screen reads it instead of reading the
name again. Names stored before this revision get NULL: the next delta re-screen makes it for every name whose
profile it makes, and the gate makes it on the fly for the others (``tests/risk/test_rescreen_cross.py``).

Revision ID: risk_0003
Revises: risk_0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "risk_0003"
down_revision = "risk_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("risk_party_names", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cross_side", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("risk_party_names", schema=None) as batch_op:
        batch_op.drop_column("cross_side")
