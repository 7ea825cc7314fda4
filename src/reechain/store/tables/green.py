"""Green and cost performance: consumption records per plant, month and item (docs/plants.md).

Produced t REO are not stored here: they are derived from the ledger's transformations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from reechain.store.base import Base


class GreenRecordRow(Base):
    __tablename__ = "green_records"
    __table_args__ = (UniqueConstraint("plant", "period", "item", name="uq_green_records_plant_period_item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plant: Mapped[str] = mapped_column(String(64), nullable=False)
    """The plant's location code in the ledger."""
    period: Mapped[str] = mapped_column(String(7), nullable=False, index=True)
    """YYYY-MM."""
    item: Mapped[str] = mapped_column(String(64), nullable=False)
    quantity: Mapped[float] = mapped_column(Float, nullable=False)
    zone: Mapped[str] = mapped_column(String(16), nullable=False, default="general")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    source: Mapped[str] = mapped_column(String(255), nullable=False, default="")
    """Where the record came from: the file name, ``entered``, or ``sample (illustrative)``."""
    entered_by: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    entered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
