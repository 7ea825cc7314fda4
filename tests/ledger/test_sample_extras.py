"""The sample group's stock policies and market sizes: loaded once through the inventory and market-position
services, left alone when changed since, and giving the demo its alerts and its share by segment."""

from __future__ import annotations

import re

import pytest

from reechain import refdata
from reechain.bootstrap import Container
from reechain.inventory.alerts import StockPolicy
from reechain.services import inventory, market_position
from reechain.services.sample import load_sample_group, sample_market_sizes, sample_policies

POLICY_KINDS = {"below_safety_stock", "below_reorder_point", "below_band", "above_band"}


def test_policies_and_market_sizes_load_once_and_raise_alerts(container: Container) -> None:
    first = load_sample_group(container)
    assert (first.policies_set, first.market_sizes_set) == (7, 30)
    policies = inventory.list_policies(container)
    assert {(p.product, p.location) for p in policies} == {
        ("PRND-OX", "WH-MAIN"),
        ("PRND-MET", "WH-MAIN"),
        ("DY-OX", "WH-MAIN"),
        ("TB-OX", "WH-MAIN"),
        ("LA-OX", "WH-PORT"),
        ("CE-OX", "WH-PORT"),
        ("Y-OX", "WH-MAIN"),
    }
    band = next(p for p in policies if p.product == "PRND-OX")
    assert (band.min_t, band.max_t, band.lot_multiple_t, band.safety_stock_t) == (200.0, 600.0, 25.0, None)
    sizes = market_position.list_market_sizes(container)
    assert len(sizes) == 30 and {m.year for m in sizes} == {2025, 2026}
    assert all(m.source.startswith("sample: ") and "illustrative" in m.source for m in sizes)
    # the 2025 element sizes split the USGS world mine production 2025 (390,000 t REO): they add up to it
    # within the rounding of 15 figures (each to 10 t above 1,000 t, else to 1 t)
    assert sum(m.market_t_reo for m in sizes if m.year == 2025) == pytest.approx(390_000, abs=15 * 5)

    again = load_sample_group(container)
    assert (again.policies_set, again.market_sizes_set, again.movements_posted) == (0, 0, 0)
    assert inventory.list_policies(container) == policies
    assert market_position.list_market_sizes(container) == sizes

    alerts = {(a.product, a.kind): a for a in inventory.stock_alerts(container) if a.kind in POLICY_KINDS}
    # where the sample year leaves the stock against its policy (see stock_policies.csv)
    assert set(alerts) == {
        ("DY-OX", "below_safety_stock"),
        ("PRND-OX", "below_band"),
        ("TB-OX", "below_reorder_point"),
    }
    dy = alerts[("DY-OX", "below_safety_stock")]
    assert dy.severity == "bad" and dy.threshold_t == 4.0 and 0 < dy.stock_t < 4.0
    stock = inventory.stock_picture(container).stock_t
    assert alerts[("PRND-OX", "below_band")].stock_t == pytest.approx(stock[("PRND-OX", "WH-MAIN")])
    # within policy: PrNd metal above its reorder point, Ce oxide above its reorder point
    assert stock[("PRND-MET", "WH-MAIN")] > 100.0 and stock[("CE-OX", "WH-PORT")] > 900.0

    # a policy changed since (another source) is not overwritten by a reload; a missing one comes back
    mine = StockPolicy("DY-OX", "WH-MAIN", safety_stock_t=1.0, source="planner")
    inventory.set_policy(container, mine)
    inventory.delete_policy(container, "Y-OX", "WH-MAIN")
    third = load_sample_group(container)
    assert (third.policies_set, third.market_sizes_set) == (1, 0)
    after = {(p.product, p.location): p for p in inventory.list_policies(container)}
    assert after[("DY-OX", "WH-MAIN")] == mine
    assert after[("Y-OX", "WH-MAIN")] == next(p for p in sample_policies() if p.product == "Y-OX")


def test_share_by_segment_adds_up_over_the_elements(container: Container) -> None:
    load_sample_group(container)
    rows = market_position.market_share(container, 2026)
    elements = {r.key: r for r in rows if r.scope == "element"}
    segments = {r.key: r for r in rows if r.scope == "segment"}
    assert list(segments) == ["light", "medium", "heavy"]
    sizes = {m.key: m.market_t_reo for m in sample_market_sizes() if m.year == 2026}
    table = refdata.elements()
    for name, seg in segments.items():
        members = [e.symbol for e in table.values() if e.segment.value == name and e.symbol in sizes]
        assert seg.basis == "sum of elements"
        assert seg.market_t_reo == pytest.approx(sum(sizes[e] for e in members))
        assert seg.group_sales_t_reo == pytest.approx(sum(elements[e].group_sales_t_reo for e in members))
        assert seg.share == pytest.approx(seg.group_sales_t_reo / seg.market_t_reo)
        assert seg.group_sales_t_reo > 0 and seg.share is not None and 0 < seg.share < 1
    # hand-added from market_sizes.csv: La 118,740 + Ce 176,220 + Pr 17,560 + Nd 56,640
    assert segments["light"].market_t_reo == 369_160
    # every element the sample sells has a market size, so the segments hold all of the group's sales
    assert sum(s.group_sales_t_reo for s in segments.values()) == pytest.approx(
        sum(e.group_sales_t_reo for e in elements.values())
    )
    assert all(e.basis == "entered" and e.share is not None and 0 < e.share < 1 for e in elements.values())
    # the heavy basket is on the same rock-type basis as the market sizes: no implausible heavy share
    for symbol in ("Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Y"):
        assert elements[symbol].share is not None and elements[symbol].share < 1 / 3, symbol


def test_concentrate_respects_the_sourced_bayan_obo_figures() -> None:
    from reechain.services.sample import sample_products

    conc = next(p for p in sample_products(refdata.elements()) if p.code == "CONC-BO")
    comp = conc.composition
    assert comp["Ce"] == 0.5  # CeO2 50 % of TREO (ore_compositions.csv)
    assert comp["La"] + comp["Ce"] + comp["Pr"] + comp["Nd"] > 0.95  # LREE > 95 % of TREO
    light = {"La", "Ce", "Pr", "Nd"}
    # Sm and heavier incl. Y (medium and heavy) at the published Bayan Obo share: 7.78 of 389 Mt REO = 2.0 %
    # (ore_compositions.csv, IGG-CAS and Baotou Rare Earth Research Institute)
    medium_heavy, resource = _bayan_obo_medium_heavy()
    assert medium_heavy / resource == pytest.approx(0.02, abs=5e-4)
    assert sum(v for e, v in comp.items() if e not in light) == pytest.approx(0.02, abs=1e-9)
    assert comp["Lu"] == pytest.approx(0.02 * 0.003, rel=1e-6)


def _bayan_obo_medium_heavy() -> tuple[float, float]:
    """The medium and heavy tonnage and the resource it is part of (Mt REO), read from the row's unit."""
    rows = refdata.read_csv("rare_earths/ore_compositions.csv")
    row = next(r for r in rows if r["deposit"].startswith("Bayan Obo") and "中重稀土" in r["component"])
    assert row["source"] and row["confidence"] == "medium"
    found = re.search(r"([\d.]+) of ([\d.]+) Mt", row["unit"])
    assert found is not None
    return float(found.group(1)), float(found.group(2))
