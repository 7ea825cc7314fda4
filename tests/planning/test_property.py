"""Property: the reported plan satisfies every constraint of the file it came from, within tolerance."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reechain.planning.run import solve_problem
from reechain.planning.validation import problem_from_data

TOL = 1e-5

amounts = st.floats(min_value=1.0, max_value=500.0, allow_nan=False)
prices = st.floats(min_value=0.0, max_value=1000.0, allow_nan=False)


@st.composite
def problems(draw: st.DrawFn) -> dict[str, Any]:
    n_periods = draw(st.integers(1, 3))
    periods = [f"P{i}" for i in range(n_periods)]
    elements = ["A", "B", "C"]
    feeds = []
    for i in range(draw(st.integers(1, 2))):
        raw = [draw(st.floats(0.05, 1.0)) for _ in elements]
        comp = {e: r / sum(raw) for e, r in zip(elements, raw, strict=True)}
        comp["C"] = 1.0 - comp["A"] - comp["B"]
        feeds.append(
            {
                "id": f"f{i}",
                "reo_fraction": draw(st.floats(0.1, 1.0)),
                "composition": comp,
                "supply_t_per_period": draw(amounts),
                "cost_per_t": draw(st.floats(0, 50)),
                "quotas": ["mine"],
            }
        )
        if draw(st.booleans()):  # feed stock carried between periods
            feeds[-1].update(
                initial_stock_t=draw(st.floats(0, 20)),
                max_stock_t=draw(st.floats(20, 200)),
                holding_cost_per_t_period=draw(st.floats(0, 5)),
            )
    products = [
        {"id": f"P{e}", "reo_fraction": draw(st.floats(0.5, 1.0)), "composition": {e: 1.0}} for e in elements
    ]
    products.append(
        {
            "id": "AB",
            "reo_fraction": 0.9,
            "composition": {"A": 0.5, "B": 0.5},
            "variable_composition": draw(st.booleans()),
        }
    )
    products.append({"id": "M"})
    plants = [
        {
            "id": f"s{i}",
            "feeds": [f["id"] for f in feeds],
            "capacity_t_reo_per_period": draw(amounts),
            "recovery": draw(st.floats(0.5, 1.0)),
            "recovery_by_element": {"C": draw(st.floats(0.0, 1.0))},
            "cost_per_t_reo": draw(st.floats(0, 20)),
            "quotas": ["sep"],
            "outputs": ["PA", "PB", "PC", "AB"],
        }
        for i in range(draw(st.integers(1, 2)))
    ]
    total = draw(st.floats(1.0, 800.0))
    quotas = [
        {
            "id": "mine",
            "kind": "mining",
            "limit_t_reo": total,
            "cumulative_limits": {periods[0]: draw(st.floats(0.0, total))},
        },
        {
            "id": "sep",
            "kind": "separation",
            "limit_t_reo": draw(st.floats(1.0, 800.0)),
            "cumulative_limits": {periods[0]: draw(st.floats(0.0, 400.0))},
        },
    ]
    demand = [
        {"product": p["id"], "channel": ch, "max_t_per_period": draw(amounts), "price_per_t": draw(prices)}
        for p in products
        for ch in ("x", "y")
    ]
    demand[0].update(
        min_t_per_period=draw(st.floats(0, 1)) * demand[0]["max_t_per_period"],
        shortfall_penalty_per_t=draw(st.floats(0, 500)),
    )
    inventory = [
        {
            "product": p["id"],
            "initial_t": 1.0,
            "min_t": draw(st.floats(0, 5)),
            "shortfall_penalty_per_t": draw(st.floats(0, 100)),
            "max_t": draw(st.floats(5, 50)),
            "holding_cost_per_t_period": draw(st.floats(0, 5)),
        }
        for p in products
    ]
    processes = [
        {
            "id": "conv",
            "inputs": {"AB": 1.2},
            "outputs": {"M": 1.0},
            "capacity_per_period": draw(amounts),
            "cost_per_unit": draw(st.floats(0, 50)),
        }
    ]
    return {
        "name": "random",
        "periods": periods,
        "elements": elements,
        "quotas": quotas,
        "feeds": feeds,
        "plants": plants,
        "products": products,
        "processes": processes,
        "inventory": inventory,
        "demand": demand,
    }


def _le(a: float, b: float) -> bool:
    return a <= b + TOL * max(1.0, abs(b))


def _eq(a: float, b: float) -> bool:
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_plan_satisfies_the_file(data: dict[str, Any]) -> None:
    doc = solve_problem(problem_from_data(data))
    feeds = {f["id"]: f for f in data["feeds"]}
    products = {p["id"]: p for p in data["products"]}
    inventory = {r["product"]: r for r in data["inventory"]}
    mined = fed = 0.0
    batch_period, batch = next(iter(data["quotas"][0]["cumulative_limits"].items()))
    previous = {p: inventory[p]["initial_t"] for p in products}
    feed_stock: dict[str, float] = {}
    sep_batch_period, sep_batch = next(iter(data["quotas"][1]["cumulative_limits"].items()))
    for period in doc["periods"]:
        for f in feeds.values():
            row = period["feeds"][f["id"]]
            assert _le(row["bought_t"], f["supply_t_per_period"])
            if "initial_stock_t" in f:  # feed stock balance and bounds
                before = feed_stock.get(f["id"], f["initial_stock_t"])
                assert _eq(row["stock_t"], before + row["bought_t"] - row["used_t"])
                assert row["stock_t"] >= -TOL and _le(row["stock_t"], f["max_stock_t"])
                feed_stock[f["id"]] = row["stock_t"]
            else:
                assert _eq(row["bought_t"], row["used_t"])
            mined += row["bought_t"] * f["reo_fraction"]
        for plant in data["plants"]:
            row = period["plants"][plant["id"]]
            reo = sum(row["feed_t"][f] * feeds[f]["reo_fraction"] for f in plant["feeds"])
            assert _le(reo, plant["capacity_t_reo_per_period"])
            fed += reo
            for e in data["elements"]:  # element mass balance
                recovery = plant["recovery_by_element"].get(e, plant["recovery"])
                into = (
                    sum(
                        row["feed_t"][f] * feeds[f]["reo_fraction"] * feeds[f]["composition"][e]
                        for f in plant["feeds"]
                    )
                    * recovery
                )
                out = sum(
                    t * products[k]["reo_fraction"] * products[k]["composition"].get(e, 0.0)
                    for k, t in row["made_t"].items()
                    if not products[k].get("variable_composition")
                )
                out += sum(mix.get(e, 0.0) for mix in row.get("mix_t_reo", {}).values())
                assert abs(into - out) <= 1e-5 * max(1.0, into)
        if period["period"] == batch_period:
            assert _le(mined, batch)
        if period["period"] == sep_batch_period:
            assert _le(fed, sep_batch)
        for mix_product in (p for p in data["plants"] for p in [period["plants"][p["id"]]]):
            for name, mix in mix_product.get("mix_t_reo", {}).items():  # mix adds up to the product's REO
                assert _eq(sum(mix.values()), mix_product["made_t"][name] * products[name]["reo_fraction"])
        activity = period["processes"]["conv"]["activity"]
        assert _le(activity, data["processes"][0]["capacity_per_period"])
        first_line = period["sales"][0]
        assert _le(
            data["demand"][0]["min_t_per_period"], first_line["sold_t"] + first_line.get("unmet_t", 0.0)
        )
        for line, spec in zip(period["sales"], data["demand"], strict=True):
            assert line["sold_t"] >= -TOL and _le(line["sold_t"], spec["max_t_per_period"])
        for p in products:  # stock balance and bounds
            stock = period["stock_t"][p]
            made = period["production_t"].get(p, 0.0)
            conv = -1.2 * activity if p == "AB" else (activity if p == "M" else 0.0)
            assert _eq(stock, previous[p] + made + conv - period["sales_t"][p])
            assert stock >= -TOL and _le(stock, inventory[p]["max_t"])
            assert _le(inventory[p]["min_t"], stock + period["safety_stock_shortfall_t"].get(p, 0.0))
            previous[p] = stock
    assert _le(mined, data["quotas"][0]["limit_t_reo"])
    assert _le(fed, data["quotas"][1]["limit_t_reo"])
