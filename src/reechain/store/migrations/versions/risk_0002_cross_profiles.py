"""Register names: what the screener's candidate stage looks each name up by, and the cuts it applies.

``cross_grams``: the gram keys of each text of the written-name index and of each key of the cross-script
index a name is looked up by (unsigned 64-bit integers); ``cross_floors``: float32 cosines, the name's best
25 cross-script candidates in the full index, then each lookup's 25th-best candidate
(``services.parties_cross``). Names stored before this revision get neither (NULL): the next delta re-screen
computes them for every such name with the index in force before the list import it follows, and stores them
(the backfill; ``tests/risk/test_rescreen_cross.py``).

Revision ID: risk_0002
Revises: risk_0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "risk_0002"
down_revision = "risk_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("risk_party_names", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cross_grams", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("cross_floors", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("risk_party_names", schema=None) as batch_op:
        batch_op.drop_column("cross_floors")
        batch_op.drop_column("cross_grams")
