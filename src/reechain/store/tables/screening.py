"""Restricted-party lists: one row per imported version, one row per entry of that version."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from reechain.store.base import Base


class ListVersionRow(Base):
    """An import of a list file. Versions of a list count 1, 2, 3 ...; the highest is the one in force."""

    __tablename__ = "screening_list_versions"
    __table_args__ = (
        UniqueConstraint("list_name", "version", name="uq_screening_list_versions_list_version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_name: Mapped[str] = mapped_column(String(100), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    format: Mapped[str] = mapped_column(String(32), nullable=False)
    source_name: Mapped[str] = mapped_column(String(255), nullable=False)
    file_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    content_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    entry_count: Mapped[int] = mapped_column(Integer, nullable=False)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class ListEntryRow(Base):
    __tablename__ = "screening_list_entries"

    version_id: Mapped[int] = mapped_column(
        ForeignKey("screening_list_versions.id", ondelete="CASCADE"), primary_key=True
    )
    entry_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    schema: Mapped[str] = mapped_column(String(32), nullable=False)
    country: Mapped[str | None] = mapped_column(String(8), nullable=True)
    aliases_json: Mapped[str] = mapped_column(Text, nullable=False)
    programs_json: Mapped[str] = mapped_column(Text, nullable=False)
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False)
