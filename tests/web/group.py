"""A small group for web tests, with figures computed by hand in the docstring."""

from __future__ import annotations

from datetime import date

from reechain.bootstrap import Container
from reechain.domain.locations import Location, LocationKind
from reechain.domain.movements import MovementInput, MovementKind, ReceiptSource
from reechain.domain.products import Form, Product
from reechain.domain.quotas import Quota, QuotaKind
from reechain.services import ledger, quotas

YEAR = 2026
ON = date(2026, 3, 2)
HOLDER = "NRE"
# t REO held after load_small_group:
#   ORE-001: 1000 t ore x 0.06 = 60 t REO: La 15.6, Ce 30.6, Pr 3, Nd 10.2, Sm 0.6
#   NDPR-001: 10 t x 0.99 = 9.9 t REO: Pr 2.475, Nd 7.425
#   DY-001: 2 t x 0.99 = 1.98 t REO of Dy;  Y-001: 5 t x 0.99 = 4.95 t REO of Y
ND_T_REO = 17.625
TOTAL_T_REO = 76.83
SEGMENTS_T_REO = {"light": 69.3, "medium": 2.58, "heavy": 4.95}
MINING_USED_T_REO = 60.0
MINING_LIMIT_T_REO = 100.0


def load_small_group(c: Container) -> None:
    for loc in (
        Location("MINE-BY", "Bayan Obo mine", LocationKind.MINE, HOLDER, "CN"),
        Location("SEP-BT", "Baotou separation", LocationKind.PLANT, HOLDER, "CN"),
        Location("WH-1", "Main warehouse", LocationKind.WAREHOUSE, HOLDER, "CN"),
        Location("CUST-JP", "Magnet maker, Japan", LocationKind.CUSTOMER, None, "JP"),
    ):
        ledger.define_location(c, loc)
    for product in (
        Product(
            "ORE-BT",
            "Bastnaesite ore",
            Form.ORE,
            0.06,
            {"La": 0.26, "Ce": 0.51, "Pr": 0.05, "Nd": 0.17, "Sm": 0.01},
        ),
        Product("NDPR-OX", "PrNd oxide", Form.OXIDE, 0.99, {"Pr": 0.25, "Nd": 0.75}),
        Product("DY-OX", "Dysprosium oxide", Form.OXIDE, 0.99, {"Dy": 1.0}),
        Product("Y-OX", "Yttrium oxide", Form.OXIDE, 0.99, {"Y": 1.0}),
    ):
        ledger.define_product(c, product)
    quotas.define_quota(c, Quota(YEAR, "first", QuotaKind.MINING, HOLDER, MINING_LIMIT_T_REO, source="test"))
    receipts = [
        ("ORE-001", "ORE-BT", 1000.0, "MINE-BY", ReceiptSource.OWN_MINE),
        ("NDPR-001", "NDPR-OX", 10.0, "WH-1", ReceiptSource.PURCHASE),
        ("DY-001", "DY-OX", 2.0, "WH-1", ReceiptSource.PURCHASE),
        ("Y-001", "Y-OX", 5.0, "WH-1", ReceiptSource.PURCHASE),
    ]
    ledger.post_movements(
        c,
        [
            MovementInput(
                MovementKind.RECEIPT, ON, lot=lot, product=product, quantity_t=qty, to_location=to, source=src
            )
            for lot, product, qty, to, src in receipts
        ],
    )
