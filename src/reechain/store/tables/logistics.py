"""Logistics: shipment events as received (DCSA Track & Trace 3.0.0) and end users' receipt confirmations.

Events are kept whole (``raw_json``); milestones and alerts are derived from them on read, never stored.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reechain.store.base import Base


class ShipmentEventRow(Base):
    __tablename__ = "logistics_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(100), unique=True, nullable=False)
    shipment_ref: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    raw_json: Mapped[str] = mapped_column(Text, nullable=False)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    imported_by: Mapped[str] = mapped_column(String(64), nullable=False)


class ReceiptRow(Base):
    """The end user's confirmation that the goods arrived: one per shipment."""

    __tablename__ = "logistics_receipts"

    shipment_ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    received_kg: Mapped[float] = mapped_column(Float, nullable=False)
    received_by: Mapped[str] = mapped_column(String(300), nullable=False)
    document: Mapped[str] = mapped_column(Text, nullable=False, default="")
    confirmed_by: Mapped[str] = mapped_column(String(64), nullable=False)
