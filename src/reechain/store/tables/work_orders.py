"""Work orders released from a stored plan: one per plant step and period, planned and (once confirmed)
actual feed and outputs in t of product, and output element content in t REO. A step of a period has at most
one work order that is not cancelled (partial unique index): cancelled ones stay next to a later release."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from reechain.store.base import Base

LIVE = "status <> 'cancelled'"
"""The work orders a release must not repeat: every one not cancelled (``services.work_orders.CANCELLED``)."""


class WorkOrderRow(Base):
    __tablename__ = "plan_work_orders"
    __table_args__ = (
        Index(
            "uq_plan_work_orders_step_live",
            "plan_id",
            "period",
            "step",
            unique=True,
            sqlite_where=text(LIVE),
            postgresql_where=text(LIVE),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan_runs.id"), nullable=False, index=True)
    period: Mapped[str] = mapped_column(String(20), nullable=False)
    step: Mapped[str] = mapped_column(String(140), nullable=False)
    plant: Mapped[str] = mapped_column(String(64), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    process: Mapped[str] = mapped_column(String(20), nullable=False)
    recovery: Mapped[float] = mapped_column(Float, nullable=False)
    status: Mapped[str] = mapped_column(String(12), nullable=False)
    planned_feed_t: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    planned_outputs_t: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    planned_t_reo: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    released_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    released_by: Mapped[str] = mapped_column(String(200), nullable=False)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    confirmed_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    occurred_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    actual_recovery: Mapped[float | None] = mapped_column(Float, nullable=True)
    actual_feed_t: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    actual_outputs_t: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    actual_t_reo: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    lots: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
