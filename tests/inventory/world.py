"""A small stock world for inventory service tests: a warehouse, a customer, La and Dy oxides."""

from __future__ import annotations

from datetime import date

from reechain.bootstrap import Container
from reechain.domain.locations import Location, LocationKind
from reechain.domain.movements import MovementInput, MovementKind, ReceiptSource
from reechain.domain.products import Form, Product
from reechain.services import ledger


def receipt(lot: str, product: str, qty: float, on: date, to: str = "WH1") -> MovementInput:
    return MovementInput(
        MovementKind.RECEIPT,
        on,
        lot=lot,
        product=product,
        quantity_t=qty,
        to_location=to,
        source=ReceiptSource.PURCHASE,
    )


def sale(lot: str, qty: float, on: date, frm: str = "WH1") -> MovementInput:
    return MovementInput(
        MovementKind.SALE, on, lot=lot, quantity_t=qty, from_location=frm, to_location="CUST-CN"
    )


def define_stock_world(c: Container) -> None:
    for loc in (
        Location("WH1", "Warehouse 1", LocationKind.WAREHOUSE, "Test Group"),
        Location("WH2", "Warehouse 2", LocationKind.WAREHOUSE, "Test Group"),
        Location("CUST-CN", "Customer", LocationKind.CUSTOMER, country="CN"),
    ):
        ledger.define_location(c, loc)
    for p in (
        Product("LA-OX", "La oxide", Form.OXIDE, 1.0, {"La": 1.0}, purity=0.9999),
        Product("DY-OX", "Dy oxide", Form.OXIDE, 1.0, {"Dy": 1.0}, purity=0.995),
        Product("PRND-OX", "PrNd oxide", Form.OXIDE, 1.0, {"Pr": 0.25, "Nd": 0.75}, purity=0.99),
    ):
        ledger.define_product(c, p)
