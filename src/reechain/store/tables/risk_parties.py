"""The due-diligence register: parties, their names (with the comparable form screening reads), holdings,
documents, reviews, and the effect of each list import on the register."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from reechain.store.base import Base


class PartyRow(Base):
    __tablename__ = "risk_parties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_id: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    schema: Mapped[str | None] = mapped_column(String(16), nullable=True)
    country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    roles: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    registration_ids_json: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    addresses_json: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    transit_countries: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    annex_ii: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    red_flags: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    late_payments: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    source: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    listed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    hits_json: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    screened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    band: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    factors_json: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    scored_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    review_due_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    reviewed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    reviewed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    flagged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    flag_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class PartyNameRow(Base):
    """A name of a party in one script, with the strings of its comparable form that the candidate index
    reads (``form_stamp`` says which normaliser made them; a stale form is made again before use)."""

    __tablename__ = "risk_party_names"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_pk: Mapped[int] = mapped_column(
        ForeignKey("risk_parties.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    script: Mapped[str] = mapped_column(String(16), nullable=False)
    compact: Mapped[str] = mapped_column(Text, nullable=False)
    sorted_units: Mapped[str] = mapped_column(Text, nullable=False)
    core_compact: Mapped[str] = mapped_column(Text, nullable=False)
    sorted_core: Mapped[str] = mapped_column(Text, nullable=False)
    grams: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    """The hashed 3-grams of the comparable form (``services.parties_blocking``)."""
    form_stamp: Mapped[str] = mapped_column(String(16), nullable=False)
    cross_grams: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    """The gram keys of what the screener's candidate stage looks the name up by (``services.parties_cross``);
    ``None`` until computed."""
    cross_floors: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    """The cosines of the screener's cuts for this name in the full index (``services.parties_cross``)."""
    cross_side: Mapped[str | None] = mapped_column(Text, nullable=True)
    """What the screener's cross-script gate compares of a Latin name (``cross_keys.latin_side_text``), kept
    with its profile; ``None`` for a Han or Hangul name and until computed."""


class HoldingRow(Base):
    __tablename__ = "risk_party_holdings"

    owner_pk: Mapped[int] = mapped_column(ForeignKey("risk_parties.id", ondelete="CASCADE"), primary_key=True)
    owned_pk: Mapped[int] = mapped_column(ForeignKey("risk_parties.id", ondelete="CASCADE"), primary_key=True)
    share: Mapped[float] = mapped_column(Float, nullable=False)


class DocumentRow(Base):
    __tablename__ = "risk_party_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_pk: Mapped[int] = mapped_column(
        ForeignKey("risk_parties.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    reference: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class ReviewRow(Base):
    """A risk manager's review of a party: the score seen, the note, the next due date."""

    __tablename__ = "risk_party_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_pk: Mapped[int] = mapped_column(
        ForeignKey("risk_parties.id", ondelete="CASCADE"), nullable=False, index=True
    )
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    reviewer: Mapped[str] = mapped_column(String(64), nullable=False)
    score: Mapped[int] = mapped_column(Integer, nullable=False)
    band: Mapped[str] = mapped_column(String(16), nullable=False)
    next_due_on: Mapped[date] = mapped_column(Date, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class RescreenRow(Base):
    """What one list import did to the register: parties re-screened, new hits, holds opened."""

    __tablename__ = "risk_rescreens"
    __table_args__ = (UniqueConstraint("list_name", "list_version", name="uq_risk_rescreens_list_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_name: Mapped[str] = mapped_column(String(100), nullable=False)
    list_version: Mapped[int] = mapped_column(Integer, nullable=False)
    ran_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    entries_changed: Mapped[int] = mapped_column(Integer, nullable=False)
    register_size: Mapped[int] = mapped_column(Integer, nullable=False)
    rescreened: Mapped[int] = mapped_column(Integer, nullable=False)
    new_hits: Mapped[int] = mapped_column(Integer, nullable=False)
    parties_marked: Mapped[int] = mapped_column(Integer, nullable=False)
    rescored: Mapped[int] = mapped_column(Integer, nullable=False)
    orders_rechecked: Mapped[int] = mapped_column(Integer, nullable=False)
    holds_opened: Mapped[int] = mapped_column(Integer, nullable=False)
    orders_blocked: Mapped[int] = mapped_column(Integer, nullable=False)
    elapsed_s: Mapped[float] = mapped_column(Float, nullable=False)
    detail_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
