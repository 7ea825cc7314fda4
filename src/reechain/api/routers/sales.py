"""Sales REST API: orders (add, allocate, compliance check, ship, cancel), contracts, velocity, share."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from reechain.api.compliance_schemas import CheckOut
from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.api.sales_schemas import (
    ContractOut,
    MarketSizeOut,
    SalesOrderOut,
    ShareOut,
    ShipmentOut,
    VelocityOut,
)
from reechain.domain.roles import Role
from reechain.services import compliance, market_position
from reechain.services import sales as svc
from reechain.services.auth import AuthenticatedUser
from reechain.trade.channels import Channel
from reechain.trade.orders import OrderInput

PRINTABLE = r"^[^\x00-\x1f\x7f]+$"  # no control characters (PostgreSQL text refuses NUL)
router = APIRouter(prefix="/api/sales", tags=["sales"])
Trader = Annotated[AuthenticatedUser, Depends(require_roles(Role.TRADER))]
Analyst = Annotated[AuthenticatedUser, Depends(require_roles(Role.ANALYST))]
Code = Annotated[str, Path(min_length=1, max_length=64, pattern=PRINTABLE)]
Short = Annotated[str, Field(min_length=1, max_length=64, pattern=PRINTABLE)]


class OrderCreate(BaseModel):
    model_config = {"allow_inf_nan": False}

    code: Short
    channel: Channel
    customer: Short
    product: Short
    quantity_t: float = Field(gt=0)
    ordered_on: date | None = None
    destination_country: str | None = Field(None, min_length=2, max_length=2)
    min_purity: float | None = Field(None, gt=0, le=1)
    price_cny_per_t: float | None = Field(None, ge=0)
    contract: str | None = Field(None, max_length=64, pattern=PRINTABLE)
    index_cny_per_t: float | None = Field(None, ge=0)
    export_doc: dict[str, Any] = Field(
        default_factory=dict, description="parties, end_use, hs_code (exports)"
    )


class ContractCreate(BaseModel):
    model_config = {"allow_inf_nan": False}

    code: Short
    customer: Short
    product: Short
    volume_t: float = Field(gt=0)
    start_on: date
    end_on: date
    price_basis: str = Field(pattern="^(fixed|index)$")
    price_cny_per_t: float | None = Field(None, ge=0)
    index_name: str | None = Field(None, max_length=64, pattern=PRINTABLE)
    index_factor: float | None = Field(None, gt=0)
    premium_cny_per_t: float = 0.0


class MarketSizeCreate(BaseModel):
    model_config = {"allow_inf_nan": False}

    year: int = Field(ge=1901, le=2199)
    scope: str = Field(pattern="^(element|segment)$")
    key: Short
    market_t_reo: float = Field(gt=0)
    source: str = Field(min_length=1, max_length=500, pattern=PRINTABLE)


@router.get("/orders", response_model=list[SalesOrderOut])
def list_orders(
    c: ContainerDep,
    _: CurrentUser,
    status: Annotated[str | None, Query(max_length=16, pattern=PRINTABLE)] = None,
) -> list[SalesOrderOut]:
    return [SalesOrderOut.model_validate(r) for r in svc.list_orders(c, status)]


@router.get("/orders/{code}", response_model=SalesOrderOut)
def get_order(code: Code, c: ContainerDep, _: CurrentUser) -> SalesOrderOut:
    return SalesOrderOut.model_validate(svc.get_order(c, code))


@router.post("/orders", status_code=201, response_model=SalesOrderOut)
def add_order(body: OrderCreate, c: ContainerDep, user: Trader) -> SalesOrderOut:
    order = OrderInput(
        body.code,
        body.channel,
        body.customer,
        body.product,
        body.quantity_t,
        body.ordered_on or date.today(),
        body.destination_country,
        body.min_purity,
        body.price_cny_per_t,
        body.contract,
        body.export_doc,
    )
    return SalesOrderOut.model_validate(
        svc.add_order(c, order, by=user.username, index_cny_per_t=body.index_cny_per_t)
    )


@router.post("/orders/{code}/allocate", response_model=SalesOrderOut)
def allocate(
    code: Code, c: ContainerDep, _: Trader, rule: Annotated[str | None, Query(pattern="^(fifo|fefo)$")] = None
) -> SalesOrderOut:
    svc.allocate_order(c, code, rule=rule)
    return SalesOrderOut.model_validate(svc.get_order(c, code))


@router.post("/orders/{code}/check", response_model=CheckOut)
def check(code: Code, c: ContainerDep, user: Trader) -> CheckOut:
    """Put an export order through the compliance gate; its decision is recorded on the order."""
    return CheckOut.model_validate(svc.check_order_compliance(c, code, actor=user.username))


@router.post("/orders/{code}/ship", response_model=ShipmentOut)
def ship(code: Code, c: ContainerDep, user: Trader, on: date | None = None) -> ShipmentOut:
    """Ship an allocated order: the one shipping path (gate, licences, ledger sale, shipment, audit)."""
    return ShipmentOut.model_validate(compliance.ship_order(c, code, actor=user.username, on=on))


@router.post("/orders/{code}/cancel", response_model=SalesOrderOut)
def cancel(code: Code, c: ContainerDep, _: Trader) -> SalesOrderOut:
    return SalesOrderOut.model_validate(svc.cancel_order(c, code))


@router.get("/contracts", response_model=list[ContractOut])
def list_contracts(c: ContainerDep, _: CurrentUser) -> list[ContractOut]:
    return [ContractOut.model_validate(r) for r in svc.list_contracts(c)]


@router.post("/contracts", status_code=201, response_model=ContractOut)
def add_contract(body: ContractCreate, c: ContainerDep, user: Trader) -> ContractOut:
    return ContractOut.model_validate(
        svc.add_contract(c, svc.ContractInput(**body.model_dump()), by=user.username)
    )


@router.get("/velocity", response_model=list[VelocityOut])
def velocity(
    c: ContainerDep,
    _: CurrentUser,
    days: Annotated[int, Query(ge=1, le=3650)] = 90,
    until: date | None = None,
) -> list[VelocityOut]:
    return [
        VelocityOut.model_validate(asdict(v))
        for v in market_position.sales_velocity(c, days=days, until=until)
    ]


@router.get("/share/{year}", response_model=list[ShareOut])
def share(year: Annotated[int, Path(ge=1901, le=2199)], c: ContainerDep, _: CurrentUser) -> list[ShareOut]:
    return [ShareOut.model_validate(asdict(s)) for s in market_position.market_share(c, year)]


@router.post("/market-sizes", status_code=201, response_model=MarketSizeOut)
def add_market_size(body: MarketSizeCreate, c: ContainerDep, user: Analyst) -> MarketSizeOut:
    m = market_position.add_market_size(
        c, body.year, body.scope, body.key, body.market_t_reo, body.source, by=user.username
    )
    return MarketSizeOut.model_validate(asdict(m))
