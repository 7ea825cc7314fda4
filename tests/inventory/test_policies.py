"""Stock policy formulas against values computed independently (brute force, numerical integration,
Markov chains) and the starter example's textbook values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

from reechain.inventory import demand as dm
from reechain.inventory import policies as P


def test_newsvendor_normal_by_hand() -> None:
    # S&S newsvendor example: D ~ N(50, 8²), h = 0.18, p = 0.70.
    res = P.base_stock_normal(dm.NormalDemand(50, 8), 0, 0.18, 0.70)
    z = stats.norm.ppf(0.70 / 0.88)
    assert res.base_stock_level == pytest.approx(50 + 8 * z, rel=1e-12)
    assert res.base_stock_level == pytest.approx(56.60, abs=0.01)
    # expected cost by numerical integration of h (S-D)+ + p (D-S)+ over the normal density
    s = res.base_stock_level
    cost, _ = integrate.quad(
        lambda x: (0.18 * max(s - x, 0) + 0.70 * max(x - s, 0)) * stats.norm.pdf(x, 50, 8), -np.inf, np.inf
    )
    assert res.expected_cost == pytest.approx(cost, rel=1e-7)


def test_base_stock_with_lead_time_covers_l_plus_one_periods() -> None:
    res = P.base_stock_normal(dm.NormalDemand(40, 6), 2, 0.2, 1.0)
    assert res.lead_time_demand_mean == 120
    assert res.lead_time_demand_std == pytest.approx(6 * math.sqrt(3))
    assert res.base_stock_level == pytest.approx(130.053739828956, rel=1e-9)
    assert res.expected_cost == pytest.approx(3.1158325689292616, rel=1e-9)


def test_poisson_base_stock_is_smallest_level_reaching_the_critical_ratio() -> None:
    res = P.base_stock_discrete(dm.poisson(8), 0, 1, 6)
    cr = 6 / 7
    assert stats.poisson.cdf(res.base_stock_level, 8) >= cr > stats.poisson.cdf(res.base_stock_level - 1, 8)
    assert res.base_stock_level == 11
    k = np.arange(80)
    want = np.sum((np.maximum(11 - k, 0) + 6 * np.maximum(k - 11, 0)) * stats.poisson.pmf(k, 8))
    assert res.expected_cost == pytest.approx(want, rel=1e-9)


def test_discrete_pmf_with_lead_time_convolves() -> None:
    d = dm.discrete([0.5, 0.5])  # over 2 periods: 0, 1, 2 with 1/4, 1/2, 1/4
    res = P.base_stock_discrete(d, 1, 1, 3)  # critical ratio 0.75: F(1) = 0.75
    assert res.base_stock_level == 1
    assert res.expected_cost == pytest.approx(0.25 * 1 + 0.25 * 3)


def _ss_cost_markov(pmf: np.ndarray, s: int, big_s: int, k: float, h: float, p: float) -> float:
    """Exact long-run cost of (s, S), zero lead time, by the stationary distribution of the order-up-to
    level y (the inventory after ordering), a Markov chain on s+1 .. S."""
    states = np.arange(s + 1, big_s + 1)
    n = len(states)
    t = np.zeros((n, n))
    for i, y in enumerate(states):
        for d, prob in enumerate(pmf):
            nxt = y - d
            t[i, nxt - s - 1 if nxt > s else n - 1] += prob
    w, v = np.linalg.eig(t.T)
    pi = np.real(v[:, np.argmin(np.abs(w - 1))])
    pi = pi / pi.sum()
    total = 0.0
    for i, y in enumerate(states):
        kk = np.arange(len(pmf))
        g = np.sum((h * np.maximum(y - kk, 0) + p * np.maximum(kk - y, 0)) * pmf)
        ordered = sum(prob for d, prob in enumerate(pmf) if y - d <= s)
        total += pi[i] * (g + k * ordered)
    return total


def test_zheng_federgruen_matches_example_and_brute_force() -> None:
    d = dm.poisson(8)
    res = P.s_S_discrete(d, 0, 10, 1, 6)
    assert (res.s, res.S) == (6, 17)
    assert res.expected_cost == pytest.approx(13.116701933206157, rel=1e-9)
    pmf = d.array()
    assert _ss_cost_markov(pmf, 6, 17, 10, 1, 6) == pytest.approx(res.expected_cost, rel=1e-8)
    best = min(
        (_ss_cost_markov(pmf, s, big_s, 10, 1, 6), s, big_s)
        for s in range(0, 12)
        for big_s in range(s + 1, 24)
    )
    assert (best[1], best[2]) == (6, 17)


def test_s_S_with_zero_order_cost_is_base_stock() -> None:
    d = dm.poisson(5)
    ss = P.s_S_discrete(d, 0, 0, 1, 9)
    bs = P.base_stock_discrete(d, 0, 1, 9)
    assert bs.base_stock_level == ss.S and ss.s == ss.S - 1
    assert ss.expected_cost == pytest.approx(bs.expected_cost, rel=1e-9)


def test_r_q_exact_cost_matches_numerical_integration() -> None:
    lead = dm.NormalDemand(2000, 200).over(0.05)

    r, q = 90.0, 420.0
    integral, _ = integrate.quad(lambda y: dm.normal_newsvendor_cost(y, lead, 0.5, 10), r, r + q)
    want = (20 * 2000 + integral) / q
    assert P.r_q_cost_normal(r, q, 2000, lead, 20, 0.5, 10) == pytest.approx(want, rel=1e-9)


def test_r_q_exact_optimum_example_and_local_optimality() -> None:
    res = P.r_q_normal(2000, 200, 0.05, 20, 0.5, 10)
    assert res.reorder_point == pytest.approx(94.93959422405156, rel=2e-3)
    assert res.order_quantity == pytest.approx(430.1963423262785, rel=2e-3)
    assert res.expected_cost == pytest.approx(212.56796786837944, rel=1e-6)
    lead = dm.NormalDemand(2000, 200).over(0.05)
    for dr, dq in [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1)]:
        other = P.r_q_cost_normal(res.reorder_point + dr, res.order_quantity + dq, 2000, lead, 20, 0.5, 10)
        assert other > res.expected_cost
    # at the optimum G(r) = G(r + Q) (S&S Theorem 5.3's optimality condition)
    g_r = dm.normal_newsvendor_cost(res.reorder_point, lead, 0.5, 10)
    g_rq = dm.normal_newsvendor_cost(res.reorder_point + res.order_quantity, lead, 0.5, 10)
    assert g_r == pytest.approx(g_rq, rel=1e-4)


def test_eoq_variants_by_hand() -> None:
    e = P.eoq(2400, 150, 25)
    assert e.order_quantity == pytest.approx(math.sqrt(2 * 150 * 2400 / 25))
    assert e.cost == pytest.approx(150 * 2400 / e.order_quantity + 25 * e.order_quantity / 2)
    b = P.eoq(
        1000, 50, 2, stockout=8
    )  # Q = √(2·50·1000·10/16) = 250, x = 0.2, cost = √(2·50·1000·16/10) = 400
    assert b.order_quantity == pytest.approx(250)
    assert b.backorder_fraction == pytest.approx(0.2)
    assert b.cost == pytest.approx(400)
    p = P.eoq(1000, 50, 2, production_rate=2000)  # h' = 1: Q = √(100000) , cost = √(100000)
    assert p.order_quantity == pytest.approx(math.sqrt(1e5))
    assert p.cost == pytest.approx(math.sqrt(1e5))


def test_service_level_by_hand() -> None:
    res = P.service_level(80, 20, 10, 2, 0.95)
    assert res.safety_stock == pytest.approx(1.6448536269514722 * math.sqrt(10 * 400 + 6400 * 4))
    assert res.reorder_point == pytest.approx(800 + res.safety_stock)


def test_band_orders_up_to_max_in_lots() -> None:
    assert P.band_order(30, 100, 10, 27).order_quantity == 80
    assert P.band_order(30, 100, 10, 30).order_quantity == 0
    assert P.band_order(30, 100, 10, 110).status == "above_max"
    assert P.band_order(30, 100, 10, 20).order_quantity == 80  # 80 exactly reaches max


@settings(max_examples=40, deadline=None)
@given(
    mean=st.floats(1, 1000),
    cv=st.floats(0.05, 1),
    lead=st.integers(0, 5),
    h=st.floats(0.01, 10),
    p1=st.floats(0.01, 100),
    extra=st.floats(0.01, 100),
)
def test_base_stock_level_increases_with_stockout_cost(
    mean: float, cv: float, lead: int, h: float, p1: float, extra: float
) -> None:
    d = dm.NormalDemand(mean, mean * cv)
    assert (
        P.base_stock_normal(d, lead, h, p1 + extra).base_stock_level
        > P.base_stock_normal(d, lead, h, p1).base_stock_level
    )


@settings(max_examples=30, deadline=None)
@given(mean=st.floats(0.5, 20), h=st.floats(0.1, 5), p1=st.floats(0.1, 20), extra=st.floats(0.1, 20))
def test_poisson_base_stock_level_nondecreasing_in_stockout_cost(
    mean: float, h: float, p1: float, extra: float
) -> None:
    d = dm.poisson(mean)
    assert (
        P.base_stock_discrete(d, 0, h, p1 + extra).base_stock_level
        >= P.base_stock_discrete(d, 0, h, p1).base_stock_level
    )


@settings(max_examples=100, deadline=None)
@given(
    rate=st.floats(1, 1e5),
    k=st.floats(0.1, 1e4),
    h=st.floats(0.01, 100),
    factor=st.floats(0.01, 100),
)
def test_eoq_is_cheapest(rate: float, k: float, h: float, factor: float) -> None:
    e = P.eoq(rate, k, h)
    q = e.order_quantity * factor
    assert e.cost <= k * rate / q + h * q / 2 + 1e-9 * e.cost


@settings(max_examples=100, deadline=None)
@given(
    lo=st.floats(0, 1000),
    width=st.floats(0, 1000),
    lot=st.floats(0.1, 100),
    position=st.floats(-1000, 2000),
)
def test_band_order_keeps_position_in_band(lo: float, width: float, lot: float, position: float) -> None:
    hi = lo + width
    res = P.band_order(lo, hi, lot, position)
    if position < lo:
        assert hi - 1e-6 <= res.position_after < hi + lot
        assert res.order_quantity / lot == pytest.approx(round(res.order_quantity / lot))
    else:
        assert res.order_quantity == 0
        if position < hi + lot:
            assert lo <= res.position_after < hi + lot


@settings(max_examples=30, deadline=None)
@given(
    md=st.floats(0, 500),
    sd=st.floats(0, 100),
    ml=st.floats(0, 30),
    sl=st.floats(0, 5),
    a=st.floats(0.5, 0.99),
)
def test_safety_stock_grows_with_service_level(md: float, sd: float, ml: float, sl: float, a: float) -> None:
    assert (
        P.service_level(md, sd, ml, sl, a + 0.005).safety_stock
        >= P.service_level(md, sd, ml, sl, a).safety_stock
    )
