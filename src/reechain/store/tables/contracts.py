"""Contract standardization: reviews of a contract against its standard form, their deviations and approvals.

A review belongs to a sales contract by its code (``trade_contracts.code``); it may be made before the sales
contract is entered, so the code is not a foreign key. The newest review of a code decides whether orders may
be placed under it.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from reechain.store.base import metadata

Id = BigInteger().with_variant(Integer, "sqlite")

reviews = Table(
    "contract_reviews",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("contract_code", String(64), nullable=False, index=True),
    Column("template_code", String(64), nullable=False),
    Column("file_name", String(255), nullable=False),
    Column("file_sha256", String(64), nullable=False),
    Column("decision", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("required_roles", String(255), nullable=False),
    Column("rows_json", Text, nullable=False),
    Column("submitted_by", String(200), nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
)

deviations = Table(
    "contract_deviations",
    metadata,
    Column("review_id", Id, ForeignKey("contract_reviews.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("clause", String(32), nullable=False),
    Column("contract_clause", String(32), nullable=True),
    Column("kind", String(16), nullable=False),
    Column("category", String(16), nullable=False),
    Column("template_text", Text, nullable=False),
    Column("contract_text", Text, nullable=False),
    Column("severity", String(16), nullable=False),
    Column("approver_role", String(32), nullable=True),
    Column("reason", Text, nullable=False),
    Column("similarity", Float, nullable=False),
    PrimaryKeyConstraint("review_id", "seq"),
)

approvals = Table(
    "contract_approvals",
    metadata,
    Column("review_id", Id, ForeignKey("contract_reviews.id"), nullable=False),
    Column("role", String(32), nullable=False),
    Column("username", String(200), nullable=False),
    Column("verdict", String(16), nullable=False),
    Column("note", Text, nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("review_id", "role"),
)
