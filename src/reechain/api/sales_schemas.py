"""Typed answers of the sales API (orders, contracts, velocity, market share) and of a shipment."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from reechain.api.compliance_schemas import AuditRefOut, DrawnOut, ShippedLotOut


class AllocationOut(BaseModel):
    lot: str
    location: str
    quantity_t: float


class SalesOrderOut(BaseModel):
    code: str
    channel: str
    customer: str
    destination_country: str | None
    product: str
    quantity_t: float
    min_purity: float | None
    price_cny_per_t: float | None
    ordered_on: date
    status: str
    export: bool
    compliance_state: str
    compliance_check_id: str | None
    created_by: str | None
    shipped_on: date | None
    contract: str | None
    export_doc: dict[str, Any] = Field(description="parties, end_use, hs_code, exporter, incoterm")
    allocations: list[AllocationOut]


class ShipmentOut(BaseModel):
    """What one shipment did, in its one transaction."""

    order_id: str
    shipped_on: date
    check_id: int | None = Field(description="the ship-time check of an export order; null when domestic")
    decision: str | None
    drawn: list[DrawnOut]
    lots: list[ShippedLotOut]
    audit: AuditRefOut
    order: SalesOrderOut


class ContractOut(BaseModel):
    code: str
    customer: str
    channel: str
    product: str
    volume_t: float
    start_on: date
    end_on: date
    price_basis: str
    price_cny_per_t: float | None
    index_name: str | None
    index_factor: float | None
    premium_cny_per_t: float
    created_by: str | None
    ordered_t: float
    remaining_t: float


class VelocityOut(BaseModel):
    product: str
    channel: str
    sold_t: float
    t_per_30_days: float
    sales: int
    last_sale_on: date


class ShareOut(BaseModel):
    year: int
    scope: str
    key: str
    group_sales_t_reo: float
    market_t_reo: float | None
    share: float | None
    source: str
    basis: str


class MarketSizeOut(BaseModel):
    year: int
    scope: str
    key: str
    market_t_reo: float
    source: str
