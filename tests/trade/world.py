"""A small trading world: two warehouses, a domestic and a Japanese customer, Dy oxide in two purities."""

from __future__ import annotations

from datetime import date

from reechain.bootstrap import Container
from reechain.domain.locations import Location, LocationKind
from reechain.domain.movements import MovementInput, MovementKind, ReceiptSource
from reechain.domain.products import Form, Product
from reechain.services import ledger

HOLDER = "Test Group"


def receipt(lot: str, product: str, qty: float, to: str, on: date) -> MovementInput:
    return MovementInput(
        MovementKind.RECEIPT,
        on,
        lot=lot,
        product=product,
        quantity_t=qty,
        to_location=to,
        source=ReceiptSource.PURCHASE,
    )


def define_trade_world(c: Container) -> None:
    for loc in (
        Location("WH1", "Warehouse 1", LocationKind.WAREHOUSE, HOLDER),
        Location("WH2", "Warehouse 2", LocationKind.WAREHOUSE, HOLDER),
        Location("PLANT", "Plant", LocationKind.PLANT, HOLDER),
        Location("CUST-CN", "Domestic magnet maker", LocationKind.CUSTOMER, country="CN"),
        Location("CUST-JP", "Example Magnetics K.K.", LocationKind.CUSTOMER, country="JP"),
    ):
        ledger.define_location(c, loc)
    for p in (
        Product("DY-OX-995", "Dy oxide 99.5%", Form.OXIDE, 1.0, {"Dy": 1.0}, purity=0.995),
        Product("DY-OX-9999", "Dy oxide 99.99%", Form.OXIDE, 1.0, {"Dy": 1.0}, purity=0.9999),
        Product("LA-OX", "La oxide", Form.OXIDE, 1.0, {"La": 1.0}, purity=0.9999),
    ):
        ledger.define_product(c, p)
    ledger.post_movements(
        c,
        [
            receipt("DY-A", "DY-OX-995", 2.0, "WH1", date(2026, 1, 10)),
            receipt("DY-B", "DY-OX-995", 3.0, "WH2", date(2026, 1, 5)),
            receipt("DY-C", "DY-OX-9999", 1.5, "WH1", date(2026, 2, 1)),
            receipt("DY-P", "DY-OX-995", 9.0, "PLANT", date(2026, 1, 1)),  # not in a warehouse: not sold
            receipt("LA-A", "LA-OX", 50.0, "WH1", date(2026, 1, 2)),
        ],
    )
