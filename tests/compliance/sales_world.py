"""A sales world for the gate's shipping tests: one warehouse lot of Dy oxide, a Japanese and a domestic
customer, and export orders whose parties are those of the shared example order."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select

from reechain.bootstrap import Container
from reechain.domain.locations import Location, LocationKind
from reechain.domain.movements import MovementInput, MovementKind, ReceiptSource
from reechain.domain.products import Form, Product
from reechain.services import ledger
from reechain.services import sales as sales_svc
from reechain.store.tables.compliance import AuditRow, CheckRow, ShipmentRow
from reechain.trade.channels import Channel
from reechain.trade.orders import OrderInput

EXPORTER = {"name": "Sample Rare Earth Group International Trade Co., Ltd.", "country": "CN"}
CONSIGNEE = "Example Magnetics K.K."
END_USER = "Example Magnetics Kyushu Plant"


def export_doc(end_user: str = END_USER, consignee: str = CONSIGNEE, **more: Any) -> dict[str, Any]:
    return {
        "exporter": EXPORTER,
        "end_use": "sintered NdFeB magnets for EV traction motors",
        "hs_code": "2846901500",
        "parties": [
            {"role": "buyer", "name": consignee, "country": "JP"},
            {"role": "consignee", "name": consignee, "country": "JP"},
            {"role": "end_user", "name": end_user, "country": "JP"},
        ],
        **more,
    }


def define_sales_world(c: Container) -> None:
    for loc in (
        Location("WH1", "Warehouse 1", LocationKind.WAREHOUSE, "Test Group"),
        Location("WH2", "Warehouse 2", LocationKind.WAREHOUSE, "Test Group"),
        Location("CUST-JP", CONSIGNEE, LocationKind.CUSTOMER, country="JP"),
        Location("CUST-CN", "Domestic magnet maker", LocationKind.CUSTOMER, country="CN"),
    ):
        ledger.define_location(c, loc)
    ledger.define_product(
        c, Product("DY-OX-995", "Dy oxide 99.5%", Form.OXIDE, 1.0, {"Dy": 1.0}, purity=0.995)
    )
    ledger.post_movements(
        c,
        [
            MovementInput(
                MovementKind.RECEIPT,
                date(2026, 1, 10),
                lot="DY-A",
                product="DY-OX-995",
                quantity_t=2.0,
                to_location="WH1",
                source=ReceiptSource.PURCHASE,
            )
        ],
    )


def add_export_order(
    c: Container, code: str, quantity_t: float = 0.5, *, allocate: bool = True, **doc: Any
) -> None:
    sales_svc.add_order(
        c,
        OrderInput(
            code,
            Channel.SPOT,
            "CUST-JP",
            "DY-OX-995",
            quantity_t,
            date(2026, 3, 2),
            destination_country="JP",
            export_doc=export_doc(**doc),
        ),
    )
    if allocate:
        sales_svc.allocate_order(c, code)


def add_domestic_order(c: Container, code: str, quantity_t: float = 1.0) -> None:
    sales_svc.add_order(
        c, OrderInput(code, Channel.SPOT, "CUST-CN", "DY-OX-995", quantity_t, date(2026, 3, 2))
    )
    sales_svc.allocate_order(c, code)


def move(c: Container, quantity_t: float, src: str, dst: str) -> None:
    ledger.post_movements(
        c,
        [
            MovementInput(
                MovementKind.TRANSFER,
                date(2026, 3, 3),
                lot="DY-A",
                quantity_t=quantity_t,
                from_location=src,
                to_location=dst,
            )
        ],
    )


def stock_t(c: Container, location: str = "WH1") -> float:
    return sum(
        r.t_product or 0.0
        for r in ledger.stock_balance(c, by="lot", product="DY-OX-995")
        if r.key == "DY-A" and r.location == location
    )


def counts(c: Container) -> dict[str, int]:
    """Rows the gate writes: checks, shipments, audit records."""
    with c.uow() as uow:
        s = uow.session
        return {
            "checks": int(s.scalar(select(func.count()).select_from(CheckRow)) or 0),
            "shipments": int(s.scalar(select(func.count()).select_from(ShipmentRow)) or 0),
            "audit": int(s.scalar(select(func.count()).select_from(AuditRow)) or 0),
        }
