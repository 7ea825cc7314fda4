"""A small ledger with one known separation: 100 t concentrate (50 t REO) at SEP in January 2026 gives
12 t La oxide + 24 t Ce oxide + 12 t PrNd oxide = 48 t REO produced (2 t REO to residue); a second separation
in February: 50 t concentrate (25 t REO) gives 6 + 12 + 6 = 24 t REO."""

from __future__ import annotations

from datetime import date

from reechain.bootstrap import Container
from reechain.domain.locations import Location, LocationKind, Plant, PlantKind
from reechain.domain.movements import LotLine, MovementInput, MovementKind, Process, ReceiptSource
from reechain.domain.products import Form, Product
from reechain.services import ledger

HOLDER = "Test Group"
CONC = {"La": 0.25, "Ce": 0.5, "Pr": 0.05, "Nd": 0.2}


def define_world(c: Container) -> None:
    for loc in (
        Location("MINE", "Mine", LocationKind.MINE, HOLDER),
        Location("SEP", "Separation plant", LocationKind.PLANT, HOLDER),
        Location("MET", "Metal plant", LocationKind.PLANT, HOLDER),
        Location("RES", "Residue", LocationKind.RESIDUE, HOLDER),
    ):
        ledger.define_location(c, loc)
    for p in (
        Product("CONC", "Concentrate", Form.CONCENTRATE, 0.5, CONC, "50% REO"),
        Product("LA-OX", "La oxide", Form.OXIDE, 1.0, {"La": 1.0}),
        Product("CE-OX", "Ce oxide", Form.OXIDE, 1.0, {"Ce": 1.0}),
        Product("PRND-OX", "PrNd oxide", Form.OXIDE, 1.0, {"Pr": 0.2, "Nd": 0.8}),
    ):
        ledger.define_product(c, p)
    ledger.define_plant(c, Plant("SEP", PlantKind.SEPARATION, 1000.0, 0.95, ("CONC",), ("LA-OX",), (), "RES"))


def receipt(lot: str, qty: float, *, on: date) -> MovementInput:
    return MovementInput(
        MovementKind.RECEIPT, on, lot=lot, product="CONC", quantity_t=qty, to_location="MINE",
        source=ReceiptSource.OWN_MINE,
    )  # fmt: skip


def transfer(lot: str, qty: float, frm: str, to: str, *, on: date) -> MovementInput:
    return MovementInput(
        MovementKind.TRANSFER, on, lot=lot, quantity_t=qty, from_location=frm, to_location=to
    )


def separation(inputs: list[tuple[str, float]], outputs: list[LotLine], *, on: date) -> MovementInput:
    return MovementInput(
        MovementKind.TRANSFORMATION, on, plant="SEP", process=Process.SEPARATION, recovery=0.95,
        inputs=tuple(LotLine(lot, q) for lot, q in inputs), outputs=tuple(outputs),
    )  # fmt: skip


JAN_T_REO = 48.0
FEB_T_REO = 24.0


def define_green_world(c: Container) -> None:
    define_world(c)
    jan, feb = date(2026, 1, 10), date(2026, 2, 10)
    ledger.post_movements(
        c,
        [
            receipt("C1", 100.0, on=jan),
            transfer("C1", 100.0, "MINE", "SEP", on=jan),
            separation(
                [("C1", 100.0)],
                [
                    LotLine("LA1", 12.0, "LA-OX"),
                    LotLine("CE1", 24.0, "CE-OX"),
                    LotLine("PN1", 12.0, "PRND-OX"),
                ],
                on=jan,
            ),
            receipt("C2", 50.0, on=feb),
            transfer("C2", 50.0, "MINE", "SEP", on=feb),
            separation(
                [("C2", 50.0)],
                [LotLine("LA2", 6.0, "LA-OX"), LotLine("CE2", 12.0, "CE-OX"), LotLine("PN2", 6.0, "PRND-OX")],
                on=feb,
            ),
        ],
    )


def row(plant: str, period: str, item: str, quantity: object, zone: str = "") -> dict[str, object]:
    return {"plant": plant, "period": period, "item": item, "quantity": quantity, "zone": zone}


JAN_RECORDS = [
    row("SEP", "2026-01", "electricity_kwh", 144_000),  # 3,000 kWh/t REO
    row("SEP", "2026-01", "natural_gas_m3", 1_000),
    row("SEP", "2026-01", "sulfuric_acid_t", 120),  # 2.5 t/t REO
    row("SEP", "2026-01", "thorium_slag_t", 48),
    row("SEP", "2026-01", "thorium_slag_activity_mbq", 432),
    row("SEP", "2026-01", "cost_reagents_cny", 240_000),
    row("SEP", "2026-01", "cost_labour_cny", 96_000),  # 336,000 / 48 = 7,000 CNY/t REO
    row("SEP", "2026-01", "ammonia_nitrogen_mg_per_l", 15.0),  # at the limit: no flag
]
FEB_RECORDS = [
    row("SEP", "2026-02", "electricity_kwh", 96_000),  # 4,000 kWh/t REO
    row("SEP", "2026-02", "cost_reagents_cny", 120_000),
    row("SEP", "2026-02", "cost_labour_cny", 96_000),  # 216,000 / 24 = 9,000 CNY/t REO
    row("SEP", "2026-02", "ammonia_nitrogen_mg_per_l", 15.1),  # above 15: flagged
]
