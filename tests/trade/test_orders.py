"""The order flow on both databases: add, allocate by spec (FIFO/FEFO), ship through the ledger, and the
compliance gate for export orders."""

from __future__ import annotations

from datetime import date

import pytest

from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, InvalidInput, NotFound, RuleViolation
from reechain.services import ledger
from reechain.services import sales as svc
from reechain.trade.channels import Channel
from reechain.trade.orders import OrderInput

D = date(2026, 3, 2)
PARTIES = {
    "parties": [
        {"role": "buyer", "name": "Example Magnetics K.K.", "country": "JP"},
        {"role": "consignee", "name": "Example Magnetics K.K.", "country": "JP"},
        {"role": "end_user", "name": "Example Magnetics Kyushu Plant", "country": "JP"},
    ],
    "end_use": "sintered NdFeB magnets",
    "hs_code": "2846901500",
}


def order(code: str, qty: float, **kw: object) -> OrderInput:
    base: dict[str, object] = {
        "code": code,
        "channel": Channel.SPOT,
        "customer": "CUST-CN",
        "product": "DY-OX-995",
        "quantity_t": qty,
        "ordered_on": D,
    }
    base.update(kw)
    return OrderInput(**base)  # type: ignore[arg-type]


def stock_t(c: Container, lot: str) -> float:
    return sum(r.t_product or 0.0 for r in ledger.stock_balance(c, by="lot") if r.key == lot)


def test_domestic_order_allocates_fifo_and_ships_through_ledger(trade_world: Container) -> None:
    c = trade_world
    added = svc.add_order(c, order("SO-1", 4.0, price_cny_per_t=1_650_000.0), by="trader")
    assert added["status"] == "open" and added["compliance_state"] == "not_required"
    lines = svc.allocate_order(c, "SO-1", rule="fifo")
    # DY-B (Jan 5, WH2) before DY-A (Jan 10, WH1); the plant lot DY-P is not in a warehouse
    assert [(x.lot, x.location, x.quantity_t) for x in lines] == [("DY-B", "WH2", 3.0), ("DY-A", "WH1", 1.0)]
    # what SO-1 holds is no longer free for the next order
    with pytest.raises(RuleViolation, match="1 t free"):
        svc.allocate_order(c, svc.add_order(c, order("SO-2", 2.0))["code"])
    shipped = svc.ship_order(c, "SO-1", actor="trader", on=date(2026, 3, 5))
    assert shipped["status"] == "shipped" and shipped["shipped_on"] == date(2026, 3, 5)
    assert stock_t(c, "DY-B") == pytest.approx(0.0) and stock_t(c, "DY-A") == pytest.approx(1.0)
    sales = ledger.list_movements(c, kind="sale")
    assert {(m.lot, m.quantity_t, m.reference, m.to_location) for m in sales} == {
        ("DY-B", 3.0, "SO-1", "CUST-CN"),
        ("DY-A", 1.0, "SO-1", "CUST-CN"),
    }
    with pytest.raises(RuleViolation, match="is shipped"):
        svc.ship_order(c, "SO-1", actor="trader")
    hist = svc.sales_history(c)
    assert {(s.product, s.channel) for s in hist} == {("DY-OX-995", "spot")}


def test_purity_spec_takes_higher_grade_and_fefo(trade_world: Container) -> None:
    c = trade_world
    svc.add_order(c, order("SO-P", 1.0, min_purity=0.999))
    lines = svc.allocate_order(c, "SO-P")
    assert [(x.lot, x.quantity_t) for x in lines] == [("DY-C", 1.0)]  # only the 99.99 % lot meets the spec
    svc.set_lot_expiry(c, "DY-A", date(2030, 4, 1))
    svc.add_order(c, order("SO-F", 1.0))
    assert [x.lot for x in svc.allocate_order(c, "SO-F", rule="fefo")] == ["DY-A"]
    with pytest.raises(NotFound):
        svc.set_lot_expiry(c, "NO-SUCH-LOT", date(2026, 4, 1))


def test_cancel_releases_allocation(trade_world: Container) -> None:
    c = trade_world
    svc.add_order(c, order("SO-C", 5.0))
    svc.allocate_order(c, "SO-C")
    assert svc.cancel_order(c, "SO-C")["allocations"] == []
    svc.add_order(c, order("SO-D", 5.0))
    assert sum(x.quantity_t for x in svc.allocate_order(c, "SO-D")) == pytest.approx(5.0)


def test_bad_orders(trade_world: Container) -> None:
    c = trade_world
    with pytest.raises(InvalidInput) as e:
        svc.add_order(c, order("SO-X", -1.0, customer="NOBODY"))
    assert {p.field for p in e.value.problems} == {"quantity_t"}
    with pytest.raises(InvalidInput) as e:
        svc.add_order(c, order("SO-X", 1.0, customer="NOBODY", product="NOPE"))
    assert {p.field for p in e.value.problems} == {"customer", "product"}
    with pytest.raises(InvalidInput, match="parties"):
        svc.add_order(c, order("SO-X", 1.0, customer="CUST-JP", destination_country="JP"))
    svc.add_order(c, order("SO-Y", 1.0))
    with pytest.raises(Conflict):
        svc.add_order(c, order("SO-Y", 1.0))


def test_long_term_contract_prices_and_limits_orders(trade_world: Container) -> None:
    c = trade_world
    svc.add_contract(
        c,
        svc.ContractInput(
            "LT-1",
            "CUST-CN",
            "DY-OX-995",
            3.0,
            date(2026, 1, 1),
            date(2026, 12, 31),
            "index",
            index_name="Dy2O3 99.5% index",
            index_factor=0.95,
            premium_cny_per_t=1000.0,
        ),
    )
    o = svc.add_order(
        c, order("LT-O1", 2.0, channel=Channel.LONG_TERM, contract="LT-1"), index_cny_per_t=1_600_000.0
    )
    assert o["price_cny_per_t"] == pytest.approx(1_600_000 * 0.95 + 1000)
    assert o["contract"] == "LT-1"
    assert svc.get_contract(c, "LT-1")["remaining_t"] == pytest.approx(1.0)
    with pytest.raises(RuleViolation, match="does not fit"):
        svc.add_order(c, order("LT-O2", 2.0, channel=Channel.LONG_TERM, contract="LT-1"), index_cny_per_t=1.0)
    with pytest.raises(InvalidInput, match="index price"):
        svc.add_order(c, order("LT-O3", 0.5, channel=Channel.LONG_TERM, contract="LT-1"))


def test_export_order_cannot_ship_unchecked_nor_uncleared(trade_world: Container) -> None:
    c = trade_world
    o = svc.add_order(c, order("EX-1", 1.0, customer="CUST-JP", destination_country="JP", export_doc=PARTIES))
    assert o["export"] and o["compliance_state"] == "not_checked"
    svc.allocate_order(c, "EX-1")
    with pytest.raises(RuleViolation, match="not been checked"):
        svc.ship_order(c, "EX-1", actor="trader")
    result = svc.check_order_compliance(c, "EX-1", actor="trader")
    state = svc.get_order(c, "EX-1")["compliance_state"]
    assert state == result["decision"]
    if state != "clear":  # Dy oxide to Japan needs a licence under the 2025 rules
        with pytest.raises(RuleViolation, match=state):
            svc.ship_order(c, "EX-1", actor="trader")
        assert stock_t(c, "DY-B") == pytest.approx(3.0)  # nothing was posted


@pytest.mark.parametrize("bad", [float("inf"), float("-inf"), float("nan")])
def test_non_finite_numbers_are_refused_by_the_services(trade_world: Container, bad: float) -> None:
    """The service refuses what the API edge refuses too: a caller inside the process (CLI, import, demo)
    cannot store an infinite order, price, contract volume or market size."""
    from reechain.services import market_position

    c = trade_world
    with pytest.raises(InvalidInput) as e:
        svc.add_order(c, order("SO-INF", bad))
    assert {p.field for p in e.value.problems} == {"quantity_t"}
    with pytest.raises(InvalidInput) as e:
        svc.add_order(c, order("SO-INF", 1.0, price_cny_per_t=bad))
    assert {p.field for p in e.value.problems} == {"price_cny_per_t"}
    with pytest.raises(InvalidInput) as e:
        svc.add_contract(
            c,
            svc.ContractInput(
                "LT-INF", "CUST-CN", "DY-OX-995", bad, date(2026, 1, 1), date(2026, 12, 31), "fixed", 1.0
            ),
        )
    assert {p.field for p in e.value.problems} == {"volume_t"}
    with pytest.raises(InvalidInput) as e:
        svc.add_contract(
            c,
            svc.ContractInput(
                "LT-INF", "CUST-CN", "DY-OX-995", 1.0, date(2026, 1, 1), date(2026, 12, 31), "fixed", bad
            ),
        )
    assert {p.field for p in e.value.problems} == {"price_cny_per_t"}
    with pytest.raises(InvalidInput) as e:
        market_position.add_market_size(c, 2026, "element", "Dy", bad, "test source")
    assert {p.field for p in e.value.problems} == {"market_t_reo"}
    assert svc.list_orders(c, None) == [] and svc.list_contracts(c) == []
