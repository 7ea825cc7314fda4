"""Traceability: ancestors back to the ore receipts, descendants forward to the customers."""

from __future__ import annotations

import pytest

from reechain.bootstrap import Container
from reechain.domain.errors import NotFound
from reechain.domain.movements import LotLine, MovementInput, MovementKind, Process
from reechain.domain.products import Form, Product
from reechain.services import ledger

from .helpers import D, receipt, sale, separation, transfer


def _chain(c: Container) -> None:
    ledger.define_product(c, Product("PRND-MET", "PrNd metal", Form.METAL, 1.0, {"Pr": 0.2, "Nd": 0.8}))
    ledger.post_movements(
        c,
        [
            receipt("C1", 60.0),
            receipt("C2", 40.0),
            transfer("C1", 60.0, "MINE", "SEP"),
            transfer("C2", 40.0, "MINE", "SEP"),
            separation(
                [("C1", 60.0), ("C2", 40.0)],
                [
                    LotLine("LA1", 12.0, "LA-OX"),
                    LotLine("CE1", 24.0, "CE-OX"),
                    LotLine("PN1", 12.0, "PRND-OX"),
                ],
            ),
            transfer("PN1", 12.0, "SEP", "MET"),
            MovementInput(
                MovementKind.TRANSFORMATION,
                D,
                plant="MET",
                process=Process.REDUCTION,
                recovery=0.95,
                inputs=(LotLine("PN1", 12.0),),
                outputs=(LotLine("M1", 11.7, "PRND-MET"),),
            ),
            transfer("M1", 11.7, "MET", "WH"),
            sale("M1", 5.0, to="CUST"),
            transfer("CE1", 24.0, "SEP", "WH"),
            sale("CE1", 24.0),
        ],
    )


def test_trace_metal_lot_back_to_ore_and_forward_to_customer(world: Container) -> None:
    _chain(world)
    tr = ledger.trace_lot(world, "M1")
    assert tr.origins() == ["C1", "C2"]
    assert tr.customers() == ["CUST"]
    [pn] = tr.ancestors
    assert pn.lot == "PN1" and pn.via is not None and pn.via.startswith("reduction at MET")
    assert sorted(a.lot for a in pn.children) == ["C1", "C2"]
    c1 = next(a for a in pn.children if a.lot == "C1")
    assert c1.receipts[0]["quantity_t"] == 60.0 and c1.receipts[0]["source"] == "own_mine"
    assert tr.lot.sales[0]["quantity_t"] == 5.0
    assert tr.descendants == []
    d = tr.to_dict()
    assert d["lot"]["lot"] == "M1" and d["ancestors"][0]["children"][0]["lot"] == "C1"  # type: ignore[index]


def test_trace_ore_lot_forward(world: Container) -> None:
    _chain(world)
    tr = ledger.trace_lot(world, "C1")
    assert tr.ancestors == [] and tr.origins() == ["C1"]
    codes = {d.lot for d in tr.descendants}
    assert codes == {"LA1", "CE1", "PN1", "LA1-RES"}
    pn = next(d for d in tr.descendants if d.lot == "PN1")
    assert [x.lot for x in pn.children] == ["M1", "M1-RES"]
    assert tr.customers() == ["CUST"]  # via CE1 directly and via PN1 → M1


def test_trace_unknown_lot(world: Container) -> None:
    with pytest.raises(NotFound):
        ledger.trace_lot(world, "NOPE")
