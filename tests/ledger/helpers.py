"""A small world for ledger tests: a mine, a separation plant, a metal plant, a warehouse, a customer and
residue; a concentrate (50 % REO: La 25 %, Ce 50 %, Pr 5 %, Nd 20 % of REO) and its oxides."""

from __future__ import annotations

from datetime import date

from reechain.bootstrap import Container
from reechain.domain.locations import Location, LocationKind, Plant, PlantKind
from reechain.domain.movements import LotLine, MovementInput, MovementKind, Process, ReceiptSource
from reechain.domain.products import Form, Product
from reechain.services import ledger

HOLDER = "Test Group"
CONC = {"La": 0.25, "Ce": 0.5, "Pr": 0.05, "Nd": 0.2}
D = date(2026, 1, 5)


def receipt(
    lot: str, qty: float, *, on: date = D, product: str = "CONC", to: str = "MINE", **kw: object
) -> MovementInput:
    return MovementInput(
        MovementKind.RECEIPT,
        on,
        lot=lot,
        product=product,
        quantity_t=qty,
        to_location=to,
        source=kw.pop("source", ReceiptSource.OWN_MINE),
        **kw,  # type: ignore[arg-type]
    )


def transfer(lot: str, qty: float, frm: str, to: str, *, on: date = D) -> MovementInput:
    return MovementInput(
        MovementKind.TRANSFER, on, lot=lot, quantity_t=qty, from_location=frm, to_location=to
    )


def sale(lot: str, qty: float, frm: str = "WH", to: str = "CUST", *, on: date = D) -> MovementInput:
    return MovementInput(MovementKind.SALE, on, lot=lot, quantity_t=qty, from_location=frm, to_location=to)


def separation(
    inputs: list[tuple[str, float]],
    outputs: list[LotLine],
    *,
    recovery: float = 0.95,
    on: date = D,
    plant: str = "SEP",
) -> MovementInput:
    return MovementInput(
        MovementKind.TRANSFORMATION,
        on,
        plant=plant,
        process=Process.SEPARATION,
        recovery=recovery,
        inputs=tuple(LotLine(lot, q) for lot, q in inputs),
        outputs=tuple(outputs),
    )


def define_world(c: Container) -> None:
    for loc in (
        Location("MINE", "Mine", LocationKind.MINE, HOLDER),
        Location("SEP", "Separation plant", LocationKind.PLANT, HOLDER),
        Location("MET", "Metal plant", LocationKind.PLANT, HOLDER),
        Location("WH", "Warehouse", LocationKind.WAREHOUSE, HOLDER),
        Location("CUST", "Customer", LocationKind.CUSTOMER),
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


Y = 2026


def post_story(c: Container) -> None:
    """100 t concentrate in (50 % REO, PrNd 25 % of REO), 40 t separated, PrNd oxide and concentrate sold."""
    ledger.post_movements(
        c,
        [
            receipt("C1", 100.0, on=date(Y, 1, 5)),  # PrNd +12.5 t REO; La +12.5
            transfer("C1", 40.0, "MINE", "SEP", on=date(Y, 1, 10)),  # between held places: no line
            separation(
                [("C1", 40.0)],  # PrNd -5.0 fed; La -5.0
                [
                    LotLine("C1-LA", 4.9, "LA-OX"),
                    LotLine("C1-CE", 9.8, "CE-OX"),
                    LotLine("C1-PN", 4.8, "PRND-OX"),  # PrNd +4.8 made (0.2 to residue)
                ],
                on=date(Y, 2, 1),
            ),
            transfer("C1-PN", 4.8, "SEP", "WH", on=date(Y, 2, 15)),
            sale("C1-PN", 3.0, on=date(Y, 3, 1)),  # PrNd -3.0
            sale("C1", 10.0, frm="MINE", on=date(Y, 3, 2)),  # PrNd -1.25; La -1.25
        ],
    )
