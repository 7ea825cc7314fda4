"""Inventory use cases: evaluate a policy file, simulate a policy, forecast demand, stock alerts."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import delete, func, insert, select, update

from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, NotFound, Problem
from reechain.domain.roles import Role
from reechain.inventory import forecasting, policy_file, simulation
from reechain.inventory.alerts import (
    ALL_LOCATIONS,
    Alert,
    Cover,
    StockPolicy,
    cover,
    cover_alerts,
    policy_alerts,
)
from reechain.ledger.views import BalanceRow
from reechain.services import ledger
from reechain.services.auth import AuthenticatedUser
from reechain.services.permissions import require_role
from reechain.store.tables import inventory as tables


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"no such file: {path}", [Problem("file not found", field=str(path))]) from None
    except (OSError, UnicodeDecodeError) as e:
        raise InvalidInput(f"cannot read {path}", [Problem(str(e), field=str(path))]) from None


MAX_SIMULATED_PERIODS = 1_000_000


def evaluate_policies(path: Path) -> dict[str, Any]:
    """`reechain stock policy`: every item of the file with its computed policy ({"items": [...]})."""
    return evaluate_policies_text(read_text(path))


def evaluate_policies_text(text: str) -> dict[str, Any]:
    """``evaluate_policies`` for the text of a policy file (web form, API)."""
    return {"items": policy_file.load(text)}


def simulate_policy(
    path: Path,
    item_id: str,
    *,
    periods: int = 1000,
    seed: int | None = None,
    history: list[float] | None = None,
    progress: simulation.ProgressFn | None = None,
) -> tuple[simulation.SimulationResult, dict[str, Any]]:
    """`reechain stock simulate`: run one item's policy over synthetic demand (PERIODS periods, SEED) or
    over a history of demand per period. Returns the result and the computed policy."""
    return simulate_policy_text(
        read_text(path), item_id, periods=periods, seed=seed, history=history, progress=progress
    )


def simulate_policy_text(
    text: str,
    item_id: str,
    *,
    periods: int = 1000,
    seed: int | None = None,
    history: list[float] | None = None,
    progress: simulation.ProgressFn | None = None,
) -> tuple[simulation.SimulationResult, dict[str, Any]]:
    """``simulate_policy`` for the text of a policy file."""
    items = policy_file.load_items(text)
    found = [(raw, pol) for raw, pol in items if pol["id"] == item_id]
    if not found:
        known = ", ".join(str(pol["id"]) for _, pol in items)
        raise NotFound(f"no item {item_id!r} in the policy file (items: {known})")
    raw, pol = found[0]
    if not 1 <= periods <= MAX_SIMULATED_PERIODS:
        raise InvalidInput(
            f"periods must be in 1..{MAX_SIMULATED_PERIODS}", [Problem(f"got {periods}", field="periods")]
        )
    rng = np.random.default_rng(seed)
    rule = simulation.rule_for(raw, pol)
    if history is not None:
        if not history:
            raise InvalidInput("the demand history is empty", [Problem("no periods", field="history")])
        mean_rate = float(np.mean(history))
        steps = simulation.steps_per_period(raw, rule, mean_rate)
        demand = simulation.history_demand(history, steps)
    else:
        _, mean_rate, _ = simulation.demand_rate(raw)
        steps = simulation.steps_per_period(raw, rule, mean_rate)
        demand = simulation.synthetic_demand(raw, periods, steps, rng)
    lead = raw.get("lead_time", 0.0)
    if steps == 1 and not isinstance(lead, dict) and float(lead or 0.0) != int(float(lead or 0.0)):
        raise InvalidInput(
            f"{item_id}: a periodic-review simulation needs a whole number of periods of lead time",
            [Problem(f"got {lead}", field=f"{item_id}.lead_time")],
        )
    result = simulation.run(
        raw, pol, demand, steps, simulation.lead_time_sampler(raw, steps, rng), progress=progress
    )
    return result, pol


def read_history_csv(path: Path) -> list[float]:
    """Demand per period from a CSV with a `quantity` column (one row per period, oldest first)."""
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(read_text(path))))
    if not rows or "quantity" not in rows[0]:
        raise InvalidInput(
            f"{path}: needs a `quantity` column", [Problem("missing column", field="quantity")]
        )
    out: list[float] = []
    problems = []
    for i, row in enumerate(rows, start=2):
        try:
            out.append(float(row["quantity"]))
        except (TypeError, ValueError):
            problems.append(Problem(f"not a number: {row['quantity']!r}", field="quantity", line=i))
    if problems:
        raise InvalidInput(f"{path}: bad demand history", problems)
    return out


# ---------------------------------------------------------------- stored policies, cover and alerts

_LEVELS = ("safety_stock_t", "reorder_point_t", "order_quantity_t", "min_t", "max_t", "lot_multiple_t")


def set_policy(
    c: Container, policy: StockPolicy, *, by: str | None = None, actor: AuthenticatedUser | None = None
) -> StockPolicy:
    """Store (or replace) the policy of a product at a location (``*``: all the group's locations). Needs
    the inventory_controller or planner role."""
    require_role(actor, Role.INVENTORY_CONTROLLER, Role.PLANNER)
    problems = []
    if policy.product not in {p.code for p in ledger.list_products(c)}:
        problems.append(Problem(f"no product {policy.product!r} in the ledger", field="product"))
    if policy.location != ALL_LOCATIONS and policy.location not in {
        loc.code for loc in ledger.list_locations(c)
    }:
        problems.append(Problem(f"no location {policy.location!r} in the ledger", field="location"))
    for name in _LEVELS:
        v = getattr(policy, name)
        if v is not None and (not math.isfinite(v) or v < 0):
            problems.append(Problem(f"must be ≥ 0, got {v}", field=name))
    if policy.min_t is not None and policy.max_t is not None and policy.min_t > policy.max_t:
        problems.append(Problem("min above max", field="max_t"))
    if all(getattr(policy, n) is None for n in _LEVELS):
        problems.append(Problem("give at least one level", field="safety_stock_t"))
    if problems:
        raise InvalidInput(f"stock policy for {policy.product} at {policy.location} is not valid", problems)
    row = {n: getattr(policy, n) for n in _LEVELS} | {"source": policy.source, "updated_by": by}
    with c.uow() as uow:
        s = uow.session
        key = (
            tables.stock_policies.c.product == policy.product,
            tables.stock_policies.c.location == policy.location,
        )
        if s.scalar(select(tables.stock_policies.c.id).where(*key)) is None:
            s.execute(
                insert(tables.stock_policies).values(product=policy.product, location=policy.location, **row)
            )
        else:
            s.execute(update(tables.stock_policies).where(*key).values(**row, updated_at=func.now()))
        uow.commit()
    return policy


def levels_from_policy(result: dict[str, Any]) -> dict[str, float | None]:
    """The stock levels a computed policy (an output item of the policy file) sets."""
    m = result["model"]
    if m == "base_stock":
        return {"safety_stock_t": result["safety_stock"], "reorder_point_t": result["base_stock_level"]}
    if m == "s_S":
        return {"reorder_point_t": result["s"], "max_t": result["S"]}
    if m == "r_Q":
        return {
            "safety_stock_t": max(0.0, result["safety_stock"]),
            "reorder_point_t": result["reorder_point"],
            "order_quantity_t": result["order_quantity"],
        }
    if m == "eoq":
        return {"order_quantity_t": result["order_quantity"]}
    if m == "service_level":
        return {"safety_stock_t": result["safety_stock"], "reorder_point_t": result["reorder_point"]}
    return {"min_t": result["min"], "max_t": result["max"]}


def set_policy_from_file(
    c: Container, path: Path, item_id: str, product: str, location: str, *, by: str | None = None
) -> StockPolicy:
    """Store the levels computed for ITEM_ID of a policy file as the policy of PRODUCT at LOCATION."""
    items = policy_file.load_items(read_text(path))
    found = [(raw, res) for raw, res in items if res["id"] == item_id]
    if not found:
        raise NotFound(f"no item {item_id!r} in {path}")
    raw, res = found[0]
    levels = levels_from_policy(res)
    if res["model"] == "band":
        levels["lot_multiple_t"] = float(raw.get("lot_multiple", 1.0))
    return set_policy(c, StockPolicy(product, location, source=f"{path.name}#{item_id}", **levels), by=by)


def list_policies(c: Container) -> list[StockPolicy]:
    with c.uow() as uow:
        rows = uow.session.execute(
            select(tables.stock_policies).order_by(
                tables.stock_policies.c.product, tables.stock_policies.c.location
            )
        ).mappings()
        return [
            StockPolicy(r["product"], r["location"], source=r["source"], **{n: r[n] for n in _LEVELS})
            for r in rows
        ]


def delete_policy(c: Container, product: str, location: str) -> None:
    with c.uow() as uow:
        gone = uow.session.execute(
            delete(tables.stock_policies).where(
                tables.stock_policies.c.product == product, tables.stock_policies.c.location == location
            )
        )
        if not getattr(gone, "rowcount", 1):
            raise NotFound(f"no stock policy for {product} at {location}")
        uow.commit()


@dataclass(frozen=True)
class StockPicture:
    """What the inventory page and `reechain stock alerts` show."""

    stock_t: dict[tuple[str, str], float]  # (product, location) → t of product
    covers: list[Cover]  # by product and by element
    alerts: list[Alert]
    window_days: int


def stock_picture(
    c: Container,
    *,
    window_days: int = 90,
    low_cover_days: float = 14.0,
    slow_cover_days: float = 365.0,
    today: date | None = None,
    by_element_rows: list[BalanceRow] | None = None,
    stock_t: dict[tuple[str, str], float] | None = None,
) -> StockPicture:
    """Stock per product and location, days of cover per product and element (sales over the last
    WINDOW_DAYS days), and every alert: policy levels, low cover, slow movers."""
    from reechain.services.sales import sales_history

    if window_days < 1:
        raise InvalidInput("window must be ≥ 1 day", [Problem(f"got {window_days}", field="window_days")])
    today = today or date.today()
    if by_element_rows is None and stock_t is None:  # both from one pass over the balances
        by_element_rows, stock_t = ledger.held_now(c)
    stock = ledger.held_by_product_location(c) if stock_t is None else stock_t
    if by_element_rows is None:
        by_element_rows = ledger.stock_balance(c, by="element")
    by_element = {row.key: row.t_reo for row in by_element_rows}
    sales = sales_history(c, since=today - timedelta(days=window_days - 1), until=today)
    lots = ledger.lot_compositions(c, {s.lot for s in sales})
    sold_product: dict[str, float] = {}
    sold_element: dict[str, float] = {}
    for s in sales:
        sold_product[s.product] = sold_product.get(s.product, 0.0) + s.quantity_t
        for el, frac in lots.get(s.lot, {}).items():
            sold_element[el] = sold_element.get(el, 0.0) + s.t_reo * frac
    stock_product: dict[str, float] = {}
    for (p, _), q in stock.items():
        stock_product[p] = stock_product.get(p, 0.0) + q
    covers = cover("product", stock_product, sold_product, window_days) + cover(
        "element", by_element, sold_element, window_days
    )
    found = policy_alerts(stock, list_policies(c)) + cover_alerts(
        covers, low_days=low_cover_days, slow_days=slow_cover_days
    )
    order = {"bad": 0, "warn": 1, "info": 2}
    found.sort(key=lambda a: (order.get(a.severity, 3), a.product, a.location, a.kind))
    return StockPicture(stock, covers, found, window_days)


def stock_alerts(
    c: Container,
    by_element_rows: list[BalanceRow] | None = None,
    stock_t: dict[tuple[str, str], float] | None = None,
) -> list[Alert]:
    """Every stock alert now (for the overview page): policy levels, low cover, slow movers. The caller may
    pass the stock by element and per (product, location) it already read."""
    return stock_picture(c, by_element_rows=by_element_rows, stock_t=stock_t).alerts


# ---------------------------------------------------------------- forecasts


def forecast_product(
    c: Container,
    product: str,
    *,
    channel: str | None = None,
    period: str = "month",
    horizon: int = 6,
    level: int = 80,
    until: date | None = None,
) -> forecasting.Forecast:
    """Forecast PRODUCT's sales (optionally one channel) per week or month from the sales posted in the
    ledger, up to the last complete period before UNTIL (default today)."""
    from reechain.services.sales import sales_history

    if product not in {p.code for p in ledger.list_products(c)}:
        raise NotFound(f"no product {product!r} in the ledger")
    until = until or date.today()
    sales = [
        (s.on, s.quantity_t)
        for s in sales_history(c, until=until)
        if s.product == product and (channel is None or s.channel == channel)
    ]
    if not sales:
        raise InvalidInput(f"no sales of {product} posted{' in ' + channel if channel else ''}", [])
    last_complete = forecasting.period_start(until, period) - timedelta(days=1)
    _, series = forecasting.demand_series(sales, period, end=last_complete)
    return forecasting.forecast(series, horizon, level=level)


def sales_per_period(c: Container, product: str, period: str, *, until: date | None = None) -> list[float]:
    """PRODUCT's posted sales per complete week or month, oldest first (demand history for a simulation)."""
    from reechain.services.sales import sales_history

    until = until or date.today()
    sales = [(s.on, s.quantity_t) for s in sales_history(c, until=until) if s.product == product]
    if not sales:
        raise InvalidInput(f"no sales of {product} posted", [Problem("no sales", field="product")])
    last_complete = forecasting.period_start(until, period) - timedelta(days=1)
    return forecasting.demand_series(sales, period, end=last_complete)[1]


def item_period(path: Path, item_id: str) -> str:
    """The period (time unit) of one item of a policy file."""
    for _, res in policy_file.load_items(read_text(path)):
        if res["id"] == item_id:
            return str(res["period"])
    raise NotFound(f"no item {item_id!r} in {path}")
