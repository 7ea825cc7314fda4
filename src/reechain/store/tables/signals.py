"""Market signals: the notices and articles read, kept whole with their sha256 and source.

Signals are derived from the stored text on read (the rules may improve; the documents stay as received).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reechain.store.base import Base


class SignalDocumentRow(Base):
    __tablename__ = "signals_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    title: Mapped[str] = mapped_column(Text, nullable=False, default="")
    url: Mapped[str] = mapped_column(Text, nullable=False, default="")
    publisher: Mapped[str] = mapped_column(Text, nullable=False, default="")
    published: Mapped[date | None] = mapped_column(Date, nullable=True)
    raw: Mapped[str] = mapped_column(Text, nullable=False)
    """The file as received, decoded (front matter and markup included)."""
    encoding: Mapped[str] = mapped_column(String(20), nullable=False)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    ingested_by: Mapped[str] = mapped_column(String(64), nullable=False)
