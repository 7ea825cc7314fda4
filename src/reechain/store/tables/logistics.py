"""Logistics: shipment events as received (DCSA Track & Trace 3.0.0), end users' receipt confirmations, and
AIS voyages and positions stored to link vessels to shipments.

Events are kept whole (``raw_json``); milestones and alerts are derived from them on read, never stored.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Float, Integer, String, Text
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


class AisVoyageRow(Base):
    """A voyage of a vessel as the AIS voyages file gave it (kept when the file is stored for linking)."""

    __tablename__ = "logistics_ais_voyages"

    voyage_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    mmsi: Mapped[int] = mapped_column(BigInteger, nullable=False, index=True)
    imo: Mapped[str | None] = mapped_column(String(7), nullable=True, index=True)
    departure_port: Mapped[str] = mapped_column(String(200), nullable=False)
    destination_port: Mapped[str] = mapped_column(String(200), nullable=False)
    planned_departure: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    planned_arrival: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    stored_by: Mapped[str] = mapped_column(String(64), nullable=False)


class AisPositionRow(Base):
    """One AIS report (time in s since 1970 UTC, speed over ground in knots); one per vessel and second."""

    __tablename__ = "logistics_ais_positions"

    mmsi: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    t_s: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    lat: Mapped[float] = mapped_column(Float, nullable=False)
    lon: Mapped[float] = mapped_column(Float, nullable=False)
    sog_kn: Mapped[float] = mapped_column(Float, nullable=False)
