"""Simulate a stock policy over a demand series before adopting it.

One engine for every model: time advances in steps (one period for periodic-review models; a fraction of a
period for the continuous-review models r_Q, eoq and service_level, so that the lead time and the order
cycle span many steps). In each step: orders due arrive, demand is served (unmet demand is backordered),
the policy looks at the inventory position and may order, and costs are charged on the end-of-step
inventory (holding h per unit per period, stockout p per unit backordered per period, K per order), as in
S&S's period-cost accounting. Written by hand: no maintained library simulates these textbook policies.
Synthetic normal demand is not truncated at zero, as in the analytic models it is compared with.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from reechain.domain.errors import InvalidInput, Problem

ProgressFn = Callable[[int, int], None]  # (steps done, steps total)
MAX_STEPS_PER_PERIOD = 1000


@dataclass(frozen=True)
class Rule:
    """How a policy orders: periodic order-up-to (S with reorder level s) or continuous (r, Q)."""

    kind: str  # "order_up_to" | "reorder_point"
    reorder_level: float  # s (order when position ≤ s) or r (order when position ≤ r)
    target: float = 0.0  # S for order_up_to
    quantity: float = 0.0  # Q for reorder_point
    lot_multiple: float = 0.0  # round order_up_to orders up to a lot multiple (band)


@dataclass
class SimulationResult:
    item_id: str
    model: str
    periods: int
    steps_per_period: int
    demand_total: float
    fill_rate: float
    stockout_periods: int
    average_on_hand: float
    average_backorders: float
    orders: int
    holding_cost: float
    stockout_cost: float
    order_cost: float
    cost_per_period: float
    expected_cost: float | None
    on_hand: list[float] = field(default_factory=list)  # end of each period
    position: list[float] = field(default_factory=list)  # inventory position at the end of each period

    def summary(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("on_hand", "position")}


def rule_for(item: Mapping[str, Any], policy: Mapping[str, Any]) -> Rule:
    """The ordering rule behind a computed policy (an output item of ``policy_file``)."""
    model = policy["model"]
    if model == "base_stock":
        level = float(policy["base_stock_level"])
        return Rule("order_up_to", level - 1e-9, level)
    if model == "s_S":
        return Rule("order_up_to", float(policy["s"]), float(policy["S"]))
    if model == "r_Q":
        return Rule("reorder_point", float(policy["reorder_point"]), quantity=float(policy["order_quantity"]))
    if model == "eoq":
        q = float(policy["order_quantity"])
        return Rule("reorder_point", -(policy["backorder_fraction"] or 0.0) * q, quantity=q)
    if model == "service_level":
        given = item.get("order_quantity")
        q = float(given) if given is not None else float(item["demand"]["mean"]) * max(_lead_mean(item), 1.0)
        return Rule("reorder_point", float(policy["reorder_point"]), quantity=q)
    if model == "band":
        return Rule(
            "order_up_to",
            float(policy["min"]) - 1e-9,
            float(policy["max"]),
            lot_multiple=float(item.get("lot_multiple", 1.0)),
        )
    raise InvalidInput(f"cannot simulate model {model!r}", [Problem("unknown model", field="model")])


def steps_per_period(item: Mapping[str, Any], rule: Rule, mean_rate: float) -> int:
    """Continuous review is approximated with steps short against the lead time and the order cycle."""
    if rule.kind == "order_up_to":
        return 1
    lead = _lead_mean(item)
    need = 50.0 / (rule.quantity / mean_rate) if mean_rate > 0 else 1.0
    if lead > 0:
        need = max(need, 20.0 / lead)
    return int(min(MAX_STEPS_PER_PERIOD, max(1, math.ceil(need))))


def _lead_mean(item: Mapping[str, Any]) -> float:
    lt = item.get("lead_time", 0.0)
    return float(lt["mean"] if isinstance(lt, Mapping) else lt or 0.0)


def demand_rate(item: Mapping[str, Any]) -> tuple[str, float, float]:
    """(distribution, mean, std) of one period's demand, as the simulation draws it."""
    d = item.get("demand")
    if not isinstance(d, Mapping):
        raise InvalidInput(
            f"{item.get('id')}: simulation needs a demand (in the item or from sales history)",
            [Problem("missing", field=f"{item.get('id')}.demand")],
        )
    if "rate" in d:
        return "constant", float(d["rate"]), 0.0
    kind = str(d.get("distribution", "normal"))
    if kind == "poisson":
        return kind, float(d["mean"]), math.sqrt(float(d["mean"]))
    if kind == "discrete":
        pmf = d["pmf"]
        items = list(enumerate(pmf)) if isinstance(pmf, list) else list(pmf.items())
        mean = sum(k * p for k, p in items)
        return kind, float(mean), math.sqrt(max(0.0, sum(k * k * p for k, p in items) - mean * mean))
    return "normal", float(d["mean"]), float(d["std"])


def synthetic_demand(
    item: Mapping[str, Any], periods: int, steps: int, rng: np.random.Generator
) -> NDArray[np.float64]:
    """Demand per step for ``periods`` periods of ``steps`` steps each, from the item's distribution."""
    kind, mean, std = demand_rate(item)
    n = periods * steps
    if kind == "constant":
        return np.full(n, mean / steps)
    if kind == "normal":
        return rng.normal(mean / steps, std / math.sqrt(steps), n)
    if kind == "poisson":
        return rng.poisson(mean / steps, n).astype(float)
    if steps != 1:
        raise InvalidInput("discrete demand needs a periodic-review model", [Problem("continuous review")])
    pmf = item["demand"]["pmf"]
    values, probs = (
        (np.arange(len(pmf)), np.asarray(pmf, float))
        if isinstance(pmf, list)
        else (np.array(list(pmf.keys())), np.array(list(pmf.values()), float))
    )
    return rng.choice(values, size=n, p=probs / probs.sum()).astype(float)


def history_demand(per_period: list[float], steps: int) -> NDArray[np.float64]:
    """Posted demand per period spread evenly over the steps of each period."""
    return np.repeat(np.asarray(per_period, float) / steps, steps)


def lead_time_sampler(item: Mapping[str, Any], steps: int, rng: np.random.Generator) -> Callable[[], int]:
    lt = item.get("lead_time", 0.0)
    if isinstance(lt, Mapping):
        mean, std = float(lt["mean"]), float(lt.get("std", 0.0))
        return lambda: max(0, round(rng.normal(mean, std) * steps)) if std > 0 else round(mean * steps)
    fixed = round(float(lt or 0.0) * steps)
    return lambda: fixed


def run(
    item: Mapping[str, Any],
    policy: Mapping[str, Any],
    demand: NDArray[np.float64],
    steps: int,
    lead_steps: Callable[[], int],
    *,
    progress: ProgressFn | None = None,
) -> SimulationResult:
    """Run the policy over ``demand`` (per step), starting with the position at its order-up-to level."""
    rule = rule_for(item, policy)
    h = float(item.get("holding_cost", 0.0))
    p = float(item.get("stockout_cost", 0.0))
    k = float(item.get("order_cost", 0.0))
    dt = 1.0 / steps
    start = rule.target if rule.kind == "order_up_to" else rule.reorder_level + rule.quantity
    level = start  # on hand − backorders
    pipeline: dict[int, float] = {}
    on_order = 0.0
    n = len(demand)
    periods = n // steps
    served = wanted = hold = short = 0.0
    orders = stockout_periods = 0
    short_in_period = False
    on_hand: list[float] = []
    position: list[float] = []
    chunk = max(1, n // 200)
    for t in range(n):
        arriving = pipeline.pop(t, 0.0)
        level += arriving
        on_order -= arriving
        level_before = level
        d = float(demand[t])
        if d > 0:
            wanted += d
            met = min(d, max(level, 0.0))
            served += met
            short_in_period |= met < d - 1e-12
        level -= d
        pos = level + on_order
        q = _order(rule, pos)
        if q > 0:
            orders += 1
            # ordered at the end of step t = the start of step t+1; arrives L later, before that step's demand
            arrive = t + 1 + lead_steps()
            pipeline[arrive] = pipeline.get(arrive, 0.0) + q
            on_order += q
        if steps == 1:  # periodic review: costs on the end-of-period inventory (S&S)
            held, owed = max(level, 0.0), max(-level, 0.0)
        else:  # continuous review: the time average over the step (trapezoid)
            held = (max(level_before, 0.0) + max(level, 0.0)) / 2
            owed = (max(-level_before, 0.0) + max(-level, 0.0)) / 2
        hold += held * dt
        short += owed * dt
        if (t + 1) % steps == 0:
            stockout_periods += short_in_period
            short_in_period = False
            on_hand.append(level)
            position.append(level + on_order)
        if progress is not None and ((t + 1) % chunk == 0 or t + 1 == n):
            progress(t + 1, n)
    periods = max(periods, 1)
    holding_cost, stockout_cost, order_cost = h * hold / periods, p * short / periods, k * orders / periods
    expected = policy.get("expected_cost", policy.get("cost"))
    return SimulationResult(
        item_id=str(item.get("id")),
        model=str(policy["model"]),
        periods=periods,
        steps_per_period=steps,
        demand_total=wanted,
        fill_rate=served / wanted if wanted > 0 else 1.0,
        stockout_periods=stockout_periods,
        average_on_hand=hold / periods,
        average_backorders=short / periods,
        orders=orders,
        holding_cost=holding_cost,
        stockout_cost=stockout_cost,
        order_cost=order_cost,
        cost_per_period=holding_cost + stockout_cost + order_cost,
        expected_cost=float(expected) if expected is not None else None,
        on_hand=on_hand,
        position=position,
    )


def _order(rule: Rule, position: float) -> float:
    if position > rule.reorder_level:
        return 0.0
    if rule.kind == "order_up_to":
        q = rule.target - position
        if rule.lot_multiple > 0:
            q = math.ceil(q / rule.lot_multiple - 1e-9) * rule.lot_multiple
        return q
    lots = math.floor((rule.reorder_level - position) / rule.quantity) + 1
    return lots * rule.quantity
