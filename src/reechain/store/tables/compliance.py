"""Compliance: licences and their draw-downs, order checks, holds and approvals, allow-list, audit trail."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from reechain.store.base import Base


class LicenceRow(Base):
    __tablename__ = "compliance_licences"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    licence_no: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    exporter: Mapped[str] = mapped_column(String(300), nullable=False)
    consignee: Mapped[str | None] = mapped_column(String(300), nullable=True)
    end_user: Mapped[str | None] = mapped_column(String(300), nullable=True)
    destination_country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    elements: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    """Comma-separated element symbols; empty: any."""
    hs_codes: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    quantity_kg: Mapped[float] = mapped_column(Float, nullable=False)
    drawn_kg: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    valid_from: Mapped[date] = mapped_column(Date, nullable=False)
    valid_until: Mapped[date] = mapped_column(Date, nullable=False)
    revoked: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class DrawDownRow(Base):
    __tablename__ = "compliance_draw_downs"
    __table_args__ = (
        UniqueConstraint("licence_id", "order_id", "line", name="uq_compliance_draw_downs_use"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    licence_id: Mapped[int] = mapped_column(ForeignKey("compliance_licences.id"), nullable=False, index=True)
    order_id: Mapped[str] = mapped_column(String(64), nullable=False)
    line: Mapped[int] = mapped_column(Integer, nullable=False)
    quantity_kg: Mapped[float] = mapped_column(Float, nullable=False)
    drawn_on: Mapped[date] = mapped_column(Date, nullable=False)
    actor: Mapped[str] = mapped_column(String(64), nullable=False)


class CheckRow(Base):
    __tablename__ = "compliance_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    decision: Mapped[str] = mapped_column(String(20), nullable=False)
    order_json: Mapped[str] = mapped_column(Text, nullable=False)
    result_json: Mapped[str] = mapped_column(Text, nullable=False)
    actor: Mapped[str] = mapped_column(String(64), nullable=False)
    checked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    content_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    """``compliance.order.content_sha256`` of the order decided (lines, parties, end use)."""


class ShipmentRow(Base):
    """One per order: a second shipment of the same order is refused by the unique key."""

    __tablename__ = "compliance_shipments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    check_id: Mapped[int] = mapped_column(ForeignKey("compliance_checks.id"), nullable=False)
    shipped_on: Mapped[date] = mapped_column(Date, nullable=False)
    actor: Mapped[str] = mapped_column(String(64), nullable=False)


class HoldRow(Base):
    __tablename__ = "compliance_holds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("compliance_checks.id"), nullable=False)
    order_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    """pending, released or rejected."""
    hits_json: Mapped[str] = mapped_column(Text, nullable=False)
    reasons_json: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    resolved_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    content_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    """The content the hold is about: its release clears only an order with this very content."""


class HoldApprovalRow(Base):
    """(hold, user) is the key: the same person cannot approve one hold twice."""

    __tablename__ = "compliance_hold_approvals"

    hold_id: Mapped[int] = mapped_column(ForeignKey("compliance_holds.id"), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    approved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class AllowEntryRow(Base):
    __tablename__ = "compliance_allow_list"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_name: Mapped[str] = mapped_column(String(300), nullable=False)
    list_name: Mapped[str] = mapped_column(String(100), nullable=False)
    entry_id: Mapped[str] = mapped_column(String(200), nullable=False)
    entry_fingerprint: Mapped[str] = mapped_column(String(128), nullable=False)
    expires_on: Mapped[date] = mapped_column(Date, nullable=False)
    approved_by: Mapped[str] = mapped_column(String(64), nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    revoked: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class AuditRow(Base):
    """Append-only and hash-chained; (stream, seq) makes a concurrent append a clean conflict."""

    __tablename__ = "audit_records"

    stream: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    recorded_at: Mapped[str] = mapped_column(String(40), nullable=False)
    actor: Mapped[str] = mapped_column(String(64), nullable=False)
    action: Mapped[str] = mapped_column(String(64), nullable=False)
    payload: Mapped[str] = mapped_column(Text, nullable=False)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)


class AuditHeadRow(Base):
    """The last (seq, hash) of each stream. Appenders lock this row first, so concurrent appends queue up
    instead of failing; it also lets ``audit verify`` notice records cut off the end of the chain."""

    __tablename__ = "audit_heads"

    stream: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)
