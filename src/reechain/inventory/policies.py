"""Stock policies: one small function per model, textbook formulas (Snyder & Shen, Fundamentals of Supply
Chain Theory, 2nd ed.; chapter and section in each docstring). Costs are per period of the demand's time unit.

Everything here is pure: numbers in, a frozen result out. Reading the policy file is ``policy_file``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy import optimize, stats

from reechain.inventory.demand import (
    DiscreteDemand,
    NormalDemand,
    discrete_newsvendor_costs,
    normal_newsvendor_cost,
    std_normal_loss2,
)


@dataclass(frozen=True)
class BaseStock:
    base_stock_level: float
    expected_cost: float
    critical_ratio: float
    lead_time_demand_mean: float
    lead_time_demand_std: float


@dataclass(frozen=True)
class SS:
    s: int
    S: int
    expected_cost: float


@dataclass(frozen=True)
class RQ:
    reorder_point: float
    order_quantity: float
    expected_cost: float


@dataclass(frozen=True)
class EOQ:
    order_quantity: float
    cost: float
    cycle_time: float
    backorder_fraction: float | None


@dataclass(frozen=True)
class ServiceLevel:
    z: float
    safety_stock: float
    reorder_point: float


@dataclass(frozen=True)
class BandOrder:
    order_quantity: float
    position_after: float
    status: str  # below_min | within | above_max


def critical_ratio(holding: float, stockout: float) -> float:
    return stockout / (holding + stockout)


def base_stock_normal(demand: NormalDemand, lead_time: float, holding: float, stockout: float) -> BaseStock:
    """Base-stock level S* = μ + z σ over L+1 periods, z = Φ⁻¹(p/(p+h)); expected cost per period
    (h+p) σ φ(z) (S&S §4.3, newsvendor §3.2 with L = 0)."""
    cr = critical_ratio(holding, stockout)
    d = demand.over(lead_time + 1)
    z = float(stats.norm.ppf(cr))
    level = d.mean + z * d.std
    return BaseStock(level, normal_newsvendor_cost(level, d, holding, stockout), cr, d.mean, d.std)


def base_stock_discrete(demand: DiscreteDemand, lead_time: int, holding: float, stockout: float) -> BaseStock:
    """Smallest integer S with F(S) ≥ p/(p+h) for demand over L+1 periods (S&S §3.2.3, §4.3)."""
    cr = critical_ratio(holding, stockout)
    d = demand.over(lead_time + 1)
    cdf = np.cumsum(d.array())
    level = int(np.searchsorted(cdf, cr - 1e-12))
    cost = float(discrete_newsvendor_costs(d, holding, stockout, level, level)[0])
    return BaseStock(float(level), cost, cr, d.mean, d.std)


def s_S_discrete(
    demand: DiscreteDemand, lead_time: int, order_cost: float, holding: float, stockout: float
) -> SS:
    """Exact optimal (s, S) for discrete demand: the Zheng–Federgruen (1991) algorithm (S&S §4.5.2).

    Order up to S when the inventory position is at or below s. G(y) is the one-period cost with demand over
    L+1 periods; the renewal masses m(j) use one period's demand.
    """
    f = demand.array()
    if f[0] >= 1.0:
        raise ValueError("demand is always zero")
    lead = demand.over(lead_time + 1)

    @cache
    def g(y: int) -> float:
        return float(discrete_newsvendor_costs(lead, holding, stockout, y, y)[0])

    m: list[float] = [1.0 / (1.0 - f[0])]
    big_m: list[float] = [0.0, m[0]]

    def renewal(n: int) -> float:  # M(n) = Σ_{j<n} m(j)
        while len(big_m) <= n:
            j = len(m)
            tail = sum(f[ell] * m[j - ell] for ell in range(1, min(j, len(f) - 1) + 1))
            m.append(tail / (1.0 - f[0]))
            big_m.append(big_m[-1] + m[-1])
        return big_m[n]

    def c(s: int, big_s: int) -> float:
        n = big_s - s
        renewal(n)
        return (order_cost + sum(m[j] * g(big_s - j) for j in range(n))) / big_m[n]

    y_star = _argmin_convex_int(g, round(lead.mean))
    s = y_star - 1
    while c(s, y_star) > g(s):
        s -= 1
    s_best, cost = y_star, c(s, y_star)
    big_s = y_star + 1
    while g(big_s) <= cost:
        if c(s, big_s) < cost:
            s_best = big_s
            while c(s, s_best) <= g(s + 1):
                s += 1
            cost = c(s, s_best)
        big_s += 1
    return SS(s, s_best, float(cost))


def _argmin_convex_int(g: Callable[[int], float], start: int) -> int:
    y = start
    while g(y - 1) < g(y):
        y -= 1
    while g(y + 1) < g(y):
        y += 1
    return y


def r_q_cost_normal(
    r: float, q: float, rate: float, lead: NormalDemand, order_cost: float, holding: float, stockout: float
) -> float:
    """Exact expected cost per period of (r, Q) with normal lead-time demand (S&S §5.2.2):
    g(r, Q) = (K λ + ∫_r^{r+Q} G(y) dy) / Q, ∫ G in closed form through the second-order loss function."""
    mu, sigma = lead.mean, lead.std
    holding_part = holding * (q * (r - mu) + q * q / 2)
    shortage = sigma * sigma * (std_normal_loss2((r - mu) / sigma) - std_normal_loss2((r + q - mu) / sigma))
    return (order_cost * rate + holding_part + (holding + stockout) * shortage) / q


def r_q_normal(
    rate: float,
    std_per_period: float,
    lead_time: float,
    order_cost: float,
    holding: float,
    stockout: float,
    method: str = "exact",
) -> RQ:
    """Continuous review (r, Q) with normal demand. ``exact`` minimises the exact cost numerically (scipy
    Nelder–Mead from the EOQB start, S&S §5.2.3–5.2.4); ``eoqb`` takes Q from the EOQ with planned backorders
    and r = μ_L + z σ_L with z = Φ⁻¹(p/(p+h)) (S&S §5.2.5), and reports the exact cost of that pair."""
    lead = NormalDemand(rate, std_per_period).over(lead_time)
    q0 = eoq(rate, order_cost, holding, stockout).order_quantity
    r0 = lead.mean + float(stats.norm.ppf(critical_ratio(holding, stockout))) * lead.std
    if method == "eoqb" or lead.std == 0:
        return RQ(r0, q0, r_q_cost_normal(r0, q0, rate, lead, order_cost, holding, stockout))
    scale = max(q0, 1.0)

    def objective(x: np.ndarray) -> float:
        r, q = x[0] * scale, x[1] * scale
        if q <= 0:
            return math.inf
        return r_q_cost_normal(r, q, rate, lead, order_cost, holding, stockout)

    res = optimize.minimize(
        objective,
        np.array([r0 / scale, q0 / scale]),
        method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000},
    )
    r, q = float(res.x[0] * scale), float(res.x[1] * scale)
    return RQ(r, q, float(res.fun))


def r_q_discrete(lead: DiscreteDemand, rate: float, order_cost: float, holding: float, stockout: float) -> RQ:
    """Exact optimal (r, Q) for integer demand: the Federgruen–Zheng (1992) algorithm (Zipkin, Foundations
    of Inventory Management, §6.4.3; S&S §5.3).

    The inventory position after ordering is uniform on {r+1, ..., r+Q}, so the cost per period is
    g(r, Q) = (K λ + Σ_{y=r+1}^{r+Q} G(y)) / Q with G(y) = h E[(y − D)⁺] + p E[(D − y)⁺] for the lead-time
    demand D (``lead``). G is convex, so for each Q the best window holds the Q smallest values of G and is
    contiguous; growing Q by one adds the smaller of G(r) and G(r+Q+1). The cost falls while that value is
    below the current cost and never falls again once it is not (Federgruen & Zheng 1992, Theorem 1), so the
    first Q where it is not is optimal. Ties keep the smaller Q."""
    if rate <= 0:
        raise ValueError("demand rate must be positive")

    @cache
    def g(y: int) -> float:
        return float(discrete_newsvendor_costs(lead, holding, stockout, y, y)[0])

    top = _argmin_convex_int(g, round(lead.mean))
    low, total = top, g(top)  # window {low, ..., top}
    cost = order_cost * rate + total
    while True:
        below, above = g(low - 1), g(top + 1)
        nxt = min(below, above)
        if nxt >= cost:
            break
        if below <= above:
            low -= 1
        else:
            top += 1
        total += nxt
        cost = (order_cost * rate + total) / (top - low + 1)
    return RQ(float(low - 1), float(top - low + 1), cost)


def r_q_discrete_cost(
    lead: DiscreteDemand, r: int, q: int, rate: float, order_cost: float, holding: float, stockout: float
) -> float:
    """g(r, Q) of ``r_q_discrete`` for one pair, by direct summation (for checks and brute force)."""
    values = discrete_newsvendor_costs(lead, holding, stockout, r + 1, r + q)
    return float((order_cost * rate + values.sum()) / q)


def eoq(
    rate: float,
    order_cost: float,
    holding: float,
    stockout: float | None = None,
    production_rate: float | None = None,
) -> EOQ:
    """EOQ Q* = √(2Kλ/h) and cost √(2Kλh) (S&S §3.2). With a stockout cost p, planned backorders:
    Q* = √(2Kλ(h+p)/(hp)), backorder fraction h/(h+p), cost √(2Kλhp/(h+p)) (§3.3). With a production rate P,
    the EPQ replaces h by h(1 − λ/P) (§3.4). Purchase cost excluded."""
    h = holding
    if production_rate is not None:
        h = holding * (1.0 - rate / production_rate)
    if stockout is None:
        q = math.sqrt(2 * order_cost * rate / h)
        return EOQ(q, math.sqrt(2 * order_cost * rate * h), q / rate, None)
    q = math.sqrt(2 * order_cost * rate * (h + stockout) / (h * stockout))
    cost = math.sqrt(2 * order_cost * rate * h * stockout / (h + stockout))
    return EOQ(q, cost, q / rate, h / (h + stockout))


def service_level(
    mean_demand: float, std_demand: float, mean_lead: float, std_lead: float, cycle_service_level: float
) -> ServiceLevel:
    """Safety stock z √(L σ_d² + μ_d² σ_L²) for a cycle service level α, z = Φ⁻¹(α), with random demand and
    lead time; reorder point μ_d L + safety stock (S&S §4.3.3 / §5.2 type-1 service)."""
    z = float(stats.norm.ppf(cycle_service_level))
    ss = z * math.sqrt(mean_lead * std_demand**2 + mean_demand**2 * std_lead**2)
    return ServiceLevel(z, ss, mean_demand * mean_lead + ss)


def band_order(minimum: float, maximum: float, lot_multiple: float, stock_position: float) -> BandOrder:
    """Min/max band: below min, order up to max, rounded up to a whole number of lots; otherwise nothing.
    After an order the position lies in [max, max + lot)."""
    if stock_position < minimum:
        lots = math.ceil((maximum - stock_position) / lot_multiple - 1e-9)
        q = lots * lot_multiple
        return BandOrder(q, stock_position + q, "below_min")
    status = "above_max" if stock_position > maximum else "within"
    return BandOrder(0.0, stock_position, status)
