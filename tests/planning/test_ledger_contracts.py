"""Plans from the ledger read sales contracts (demand minimums at the formula price) and stock policies
(safety stock and maximum stock), on both databases; figures are computed by hand in the comments."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reechain.bootstrap import Container
from reechain.domain.errors import Infeasible
from reechain.domain.locations import Location, LocationKind, Plant, PlantKind
from reechain.domain.products import Form, Product
from reechain.domain.quotas import Quota, QuotaKind
from reechain.inventory.alerts import StockPolicy
from reechain.planning.ledger_problem import (
    LedgerContract,
    LedgerProduct,
    LedgerState,
    QuotaBatch,
    ledger_problem_with_notes,
    period_dates,
)
from reechain.trade.channels import Channel

YEAR = 2027
BEFORE = date(2026, 12, 1)  # planning next year: the plan starts at 2027-Q1
HOLDER = "G"


def _group(c: Container) -> None:
    """A separation plant of 4,000 t REO a year (1,000 per quarter) on a concentrate of 50 % REO
    (La 60 %, Pr 10 %, Nd 30 %), recovery 95 %: at most 380 t REO of PrNd (383.8 t of oxide) a quarter."""
    from reechain.services import ledger, quotas

    for loc in (
        Location("MINE", "Mine", LocationKind.MINE, HOLDER, "CN"),
        Location("SEP", "Separation plant", LocationKind.PLANT, HOLDER, "CN"),
        Location("WH1", "Warehouse 1", LocationKind.WAREHOUSE, HOLDER, "CN"),
        Location("WH2", "Warehouse 2", LocationKind.WAREHOUSE, HOLDER, "CN"),
        Location("CUST", "Magnet maker", LocationKind.CUSTOMER, None, "CN"),
    ):
        ledger.define_location(c, loc)
    for product in (
        Product("CONC", "Test concentrate", Form.CONCENTRATE, 0.5, {"La": 0.6, "Pr": 0.1, "Nd": 0.3}),
        Product("LA-OX", "Lanthanum oxide", Form.OXIDE, 0.99, {"La": 1.0}),
        Product("PRND-OX", "PrNd oxide", Form.OXIDE, 0.99, {"Pr": 0.25, "Nd": 0.75}),
    ):
        ledger.define_product(c, product)
    ledger.define_plant(
        c,
        Plant(
            "SEP",
            PlantKind.SEPARATION,
            4000,
            0.95,
            feeds=("CONC",),
            products=("LA-OX", "PRND-OX"),
            holder=HOLDER,
            extra={"cost_cny_per_t_reo": 1000},
        ),
    )
    quotas.define_quota(c, Quota(YEAR, "first", QuotaKind.MINING, HOLDER, 10_000, source="test"))
    quotas.define_quota(c, Quota(YEAR, "first", QuotaKind.SEPARATION, HOLDER, 10_000, source="test"))


def _contract(c: Container, code: str, volume_t: float, start: date, end: date, **price: object) -> None:
    from reechain.services.sales import ContractInput, add_contract

    terms = {"price_basis": "fixed", "price_cny_per_t": 500_000.0, **price}
    add_contract(c, ContractInput(code, "CUST", "PRND-OX", volume_t, start, end, **terms))  # type: ignore[arg-type]


def _line(data: dict[str, object], line_id: str) -> dict[str, object]:
    lines = data["demand"]
    assert isinstance(lines, list)
    return next(d for d in lines if f"{d['product']}/{d['channel']}" == line_id)


def _inventory(data: dict[str, object], product: str) -> dict[str, object]:
    rows = data["inventory"]
    assert isinstance(rows, list)
    return next(r for r in rows if r["product"] == product)


def test_contract_and_policy_become_minimums_and_the_plan_meets_them(container: Container) -> None:
    from reechain.services.inventory import set_policy
    from reechain.services.planning import ledger_problem, reference_prices_cny_per_t, run_plan
    from reechain.services.sales import add_order
    from reechain.trade.orders import OrderInput

    _group(container)
    # LT-1: 400 t over the whole year, index-priced at 95 % of the PrNd oxide reference price + 1,000 CNY/t;
    # 40 t already ordered: 360 t left over 365 days, all inside the horizon: 90 t a quarter.
    _contract(
        container,
        "LT-1",
        400,
        date(2027, 1, 1),
        date(2027, 12, 31),
        price_basis="index",
        price_cny_per_t=None,
        index_name="PrNd oxide",
        index_factor=0.95,
        premium_cny_per_t=1000.0,
    )
    add_order(
        container,
        OrderInput("SO-1", Channel.LONG_TERM, "CUST", "PRND-OX", 40, date(2027, 1, 5), contract="LT-1"),
        index_cny_per_t=600_000,
    )
    # LT-2: 366 t from 2027-07-01 to 2028-06-30 (366 days, 2028 is a leap year); 184 of them fall in 2027:
    # 366 * 184 / 366 = 184 t in the horizon, 46 t a quarter, at the fixed 500,000 CNY/t.
    _contract(container, "LT-2", 366, date(2027, 7, 1), date(2028, 6, 30))
    # LT-OLD ran in 2026: not carried.
    _contract(container, "LT-OLD", 50, date(2026, 1, 1), date(2026, 12, 31))
    # PrNd oxide: group-wide safety stock 30 t. La oxide: WH1 safety stock 20 t, band max 100 t; WH2 band
    # 10..50 t; group-wide safety stock 25 t: min = max(25, 20 + 10) = 30 t, max = 100 + 50 = 150 t.
    set_policy(container, StockPolicy("PRND-OX", "*", safety_stock_t=30, reorder_point_t=80))
    set_policy(container, StockPolicy("LA-OX", "WH1", safety_stock_t=20, max_t=100))
    set_policy(container, StockPolicy("LA-OX", "WH2", min_t=10, max_t=50))
    set_policy(container, StockPolicy("LA-OX", "*", safety_stock_t=25))
    set_policy(container, StockPolicy("CONC", "MINE", safety_stock_t=5))

    data, notes = ledger_problem(container, YEAR, today=BEFORE)
    reference = reference_prices_cny_per_t()["PrNd oxide"]
    lt1 = _line(data, "PRND-OX/contract-LT-1")
    assert lt1["min_t_per_period"] == lt1["max_t_per_period"] == pytest.approx(90.0, abs=1e-6)
    assert lt1["price_per_t"] == pytest.approx(0.95 * reference + 1000.0, abs=0.01)
    lt2 = _line(data, "PRND-OX/contract-LT-2")
    assert lt2["min_t_per_period"] == pytest.approx(46.0, abs=1e-6) and lt2["price_per_t"] == 500_000
    assert not any("LT-OLD" in str(d["channel"]) for d in data["demand"])
    assert any("LT-OLD" in n for n in notes) and any("CONC" in n for n in notes)
    assert _inventory(data, "PRND-OX")["min_t"] == 30 and "max_t" not in _inventory(data, "PRND-OX")
    assert _inventory(data, "LA-OX")["min_t"] == 30 and _inventory(data, "LA-OX")["max_t"] == 150

    doc = run_plan(container, YEAR, today=BEFORE)
    assert doc["status"] == "optimal" and doc["source"]["notes"] == notes
    assert len(doc["periods"]) == 4
    for period in doc["periods"]:
        sold = {s["line"]: s for s in period["sales"]}
        assert sold["PRND-OX/contract-LT-1"]["sold_t"] == pytest.approx(90.0, abs=1e-6)
        assert sold["PRND-OX/contract-LT-2"]["sold_t"] == pytest.approx(46.0, abs=1e-6)
        assert sold["PRND-OX/contract-LT-2"]["revenue"] == pytest.approx(46.0 * 500_000, rel=1e-9)
        assert period["stock_t"]["PRND-OX"] >= 30 - 1e-6
        assert 30 - 1e-6 <= period["stock_t"]["LA-OX"] <= 150 + 1e-6


def test_impossible_contract_or_safety_stock_is_reported_as_infeasible(container: Container) -> None:
    from reechain.services.inventory import set_policy
    from reechain.services.planning import list_plans, run_plan

    _group(container)
    # 2,000 t a year = 500 t a quarter, but the plant makes at most 383.8 t of PrNd oxide a quarter
    _contract(container, "BIG", 2000, date(2027, 1, 1), date(2027, 12, 31))
    with pytest.raises(Infeasible) as raised:
        run_plan(container, YEAR, today=BEFORE)
    fields = [p.field for p in raised.value.problems]
    assert "demand.PRND-OX/contract-BIG.min_t_per_period" in fields
    assert any("500" in p.reason for p in raised.value.problems if p.field and "BIG" in p.field)
    assert list_plans(container, year=YEAR) == []  # nothing stored

    # without the contract (scenario), a safety stock above a quarter's output is impossible in Q1
    set_policy(container, StockPolicy("PRND-OX", "WH1", safety_stock_t=1000))
    with pytest.raises(Infeasible) as raised:
        run_plan(container, YEAR, today=BEFORE, overrides=["demand.PRND-OX/contract-BIG.min_t_per_period=0"])
    problems = {p.field: p.reason for p in raised.value.problems}
    assert "inventory.PRND-OX.min_t" in problems and "1,000" in problems["inventory.PRND-OX.min_t"]
    assert "demand.PRND-OX/contract-BIG.min_t_per_period" not in problems


# ---------------------------------------------------------------- pure builder

STATE = LedgerState(
    year=YEAR,
    plants=[
        Plant("SEP", PlantKind.SEPARATION, 4000, 0.95, feeds=("CONC",), products=("LA", "PRND"), holder="G")
    ],
    products={
        "CONC": LedgerProduct("CONC", "concentrate", 0.5, {"La": 0.6, "Pr": 0.1, "Nd": 0.3}),
        "LA": LedgerProduct("LA", "oxide", 0.99, {"La": 1.0}),
        "PRND": LedgerProduct("PRND", "oxide", 0.99, {"Pr": 0.25, "Nd": 0.75}),
    },
    quotas=[QuotaBatch("mining", "G", "first", 10_000, 0), QuotaBatch("separation", "G", "first", 10_000, 0)],
    opening_stock_t={"LA": 120.0},
    oxide_price_cny_per_t={"La": 4000, "Pr": 500_000, "Nd": 600_000},
    product_price_cny_per_t={"CONC": 20_000, "PRND": 580_000},
)


def test_current_year_spreads_what_is_left_over_the_remaining_periods() -> None:
    # planned on 2027-08-01: periods Q3 and Q4 (2027-07-01 .. 2027-12-31, 184 days). Contract 2027-01-01 ..
    # 2027-12-31, 500 t of which 316 ordered: 184 t left over the 184 days from 2027-07-01: 92 t a quarter.
    contract = LedgerContract("K", "PRND", 500, 316, date(2027, 1, 1), date(2027, 12, 31), "index", None, 1.0)
    state = replace(STATE, today=date(2027, 8, 1), contracts=[contract])
    data, notes = ledger_problem_with_notes(state)
    assert data["periods"] == ["2027-Q3", "2027-Q4"] and notes == []
    line = _line(data, "PRND/contract-K")
    assert line["min_t_per_period"] == pytest.approx(92.0) and line["price_per_t"] == 580_000


def test_policy_max_below_the_opening_stock_is_not_carried_and_noted() -> None:
    state = replace(STATE, policies=[StockPolicy("LA", "WH1", safety_stock_t=10, max_t=100)])
    data, notes = ledger_problem_with_notes(state)
    row = _inventory(data, "LA")
    assert row["min_t"] == 10 and "max_t" not in row  # 120 t in stock already exceed the maximum
    assert notes and "120" in notes[0] and "LA" in notes[0]


def test_unknown_product_contract_is_noted() -> None:
    contract = LedgerContract("X", "CONC", 10, 0, date(2027, 1, 1), date(2027, 12, 31), "fixed", 1.0)
    data, notes = ledger_problem_with_notes(replace(STATE, contracts=[contract]))
    assert all(d["channel"] == "spot" for d in data["demand"])
    assert notes == ["contract X not carried: the plan does not make CONC (10 t still to deliver)"]


@pytest.mark.parametrize("kind", ["quarters", "months", "weeks"])
def test_period_dates_tile_the_year(kind: str) -> None:
    from reechain.planning.ledger_problem import periods_of

    spans = [period_dates(2028, kind, label) for label in periods_of(2028, kind)]
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert start == end + timedelta(days=1)
    if kind != "weeks":  # ISO weeks 1..52 do not start on 1 January
        assert spans[0][0] == date(2028, 1, 1) and spans[-1][1] == date(2028, 12, 31)


@settings(max_examples=60, deadline=None)
@given(
    start=st.integers(-400, 400),
    length=st.integers(0, 800),
    volume=st.floats(1, 10_000),
    ordered=st.floats(0, 10_000),
)
def test_contract_volume_in_the_horizon_never_exceeds_what_is_left(
    start: int, length: int, volume: float, ordered: float
) -> None:
    first = date(YEAR, 1, 1) + timedelta(days=start)
    last = first + timedelta(days=length)
    contract = LedgerContract("K", "PRND", volume, ordered, first, last, "fixed", 1.0)
    data, notes = ledger_problem_with_notes(replace(STATE, contracts=[contract]))
    lines = [d for d in data["demand"] if d["channel"] == "contract-K"]
    if not lines:
        assert len(notes) == 1
        return
    total = lines[0]["min_t_per_period"] * len(data["periods"])
    assert total <= contract.remaining_t + 1e-5
    if contract.end_on <= date(YEAR, 12, 31):  # the whole rest of the contract is inside the horizon
        assert math.isclose(total, contract.remaining_t, rel_tol=1e-6, abs_tol=1e-5)
