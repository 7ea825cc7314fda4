"""(r, Q) with integer demand: the Federgruen–Zheng optimum against hand-computed cases, brute force and the
base-stock policy it must reduce to, and its use in the policy file."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reechain.domain.errors import InvalidInput
from reechain.inventory import demand as dm
from reechain.inventory import policies as P
from reechain.inventory import policy_file


def test_two_point_demand_by_hand() -> None:
    # D ∈ {0, 1} with probability ½ each, one period (L = 0), K = 5, h = 1, p = 4, λ = ½.
    # G(-1) = 6, G(0) = 2, G(1) = 0.5, G(2) = 1.5, G(3) = 2.5; Kλ = 2.5.
    # Q = 1 {1}: 3; Q = 2 {1, 2}: 4.5/2 = 2.25; Q = 3 {0, 1, 2}: 6.5/3; adding G(3) = 2.5 ≥ 6.5/3 stops.
    lead = dm.discrete([0.5, 0.5]).over(1)
    res = P.r_q_discrete(lead, 0.5, 5, 1, 4)
    assert (res.reorder_point, res.order_quantity) == (-1, 3)
    assert res.expected_cost == pytest.approx(6.5 / 3, rel=1e-12)


def test_poisson_by_hand() -> None:
    # Poisson lead-time demand of mean 1 (λ = 2 a year, L = ½ year), K = 1, h = 1, p = 9.
    # G(y) = h (y − 1) + (h + p) E[(D − y)⁺] with E[(D − 2)⁺] = 3/e − 1, E[(D − 3)⁺] = 5.5/e − 2,
    # E[(D − 4)⁺] = (49/6)/e − 3; G(1) = 10/e ≈ 3.679, G(5) ≈ 4.001 are above the cost of {2, 3, 4}.
    e = math.e
    g2, g3, g4 = 1 + 10 * (3 / e - 1), 2 + 10 * (5.5 / e - 2), 3 + 10 * (49 / 6 / e - 3)
    res = P.r_q_discrete(dm.poisson(1.0), 2.0, 1, 1, 9)
    assert (res.reorder_point, res.order_quantity) == (1, 3)
    assert res.expected_cost == pytest.approx((2 + g2 + g3 + g4) / 3, rel=1e-9)
    assert 10 / e > res.expected_cost  # G(1): growing the window down would cost more


def _brute_force(lead: dm.DiscreteDemand, rate: float, k: float, h: float, p: float) -> float:
    """The least g(r, Q) over every window {r+1, ..., r+Q} in [-15, top] (prefix sums of G)."""
    lo, top = -15, 2 * len(lead.pmf) + 25
    prefix = np.concatenate([[0.0], np.cumsum(dm.discrete_newsvendor_costs(lead, h, p, lo, top))])
    n = len(prefix) - 1
    return min((k * rate + prefix[b] - prefix[a]) / (b - a) for a in range(n) for b in range(a + 1, n + 1))


@settings(max_examples=40, deadline=None)
@given(
    pmf=st.lists(st.floats(0.0, 1.0), min_size=2, max_size=6).filter(
        lambda w: sum(w) > 0.1 and sum(w[1:]) > 0.05 * sum(w)
    ),
    lead=st.integers(0, 2),
    k=st.floats(0.1, 50),
    h=st.floats(0.1, 5),
    p=st.floats(0.1, 50),
)
def test_matches_brute_force(pmf: list[float], lead: int, k: float, h: float, p: float) -> None:
    demand = dm.discrete(pmf)
    lead_demand = demand.over(lead + 1)
    res = P.r_q_discrete(lead_demand, demand.mean, k, h, p)
    assert res.expected_cost == pytest.approx(
        P.r_q_discrete_cost(
            lead_demand, int(res.reorder_point), int(res.order_quantity), demand.mean, k, h, p
        ),
        rel=1e-12,
    )
    # The brute force takes differences of running sums (cancellation of about 1e-12 relative): 1e-9 is far
    # below any real difference between two (r, Q) policies' costs and above that rounding.
    assert res.expected_cost <= _brute_force(lead_demand, demand.mean, k, h, p) * (1 + 1e-9)


@pytest.mark.parametrize("mean", [0.7, 4.0, 12.5])
def test_tiny_order_cost_is_the_base_stock_policy(mean: float) -> None:
    # With K → 0 the best (r, Q) orders one unit at a time: r + 1 is the optimal base-stock level.
    demand = dm.poisson(mean)
    res = P.r_q_discrete(demand.over(1), mean, 1e-9, 1, 6)
    base = P.base_stock_discrete(demand, 0, 1, 6)
    assert res.order_quantity == 1
    assert res.reorder_point + 1 == base.base_stock_level


def _item(demand: str, lead: str = "lead_time: 0.5") -> str:
    return f"""items:
  - id: x
    model: r_Q
    period: year
    demand: {demand}
    {lead}
    order_cost: 1
    holding_cost: 1
    stockout_cost: 9
"""


def test_policy_file_poisson_and_pmf() -> None:
    out = policy_file.load(_item("{distribution: poisson, mean: 2}"))
    (item,) = out
    assert item["method"] == "federgruen_zheng"
    assert (item["reorder_point"], item["order_quantity"]) == (1, 3)
    assert item["safety_stock"] == pytest.approx(0.0, abs=1e-9)  # r − λL = 1 − 1
    assert tuple(item) == policy_file.OUTPUT_KEYS["r_Q"]
    pmf = (
        policy_file.load(
            _item("{distribution: discrete, pmf: [0.5, 0.5]}", "lead_time: 0")
            .replace("order_cost: 1", "order_cost: 5")
            .replace("stockout_cost: 9", "stockout_cost: 4")
        )
    )[0]
    assert (pmf["reorder_point"], pmf["order_quantity"]) == (-1, 3)
    assert pmf["expected_cost"] == pytest.approx(6.5 / 3)


def test_policy_file_refuses_fractional_lead_time_for_a_pmf() -> None:
    with pytest.raises(InvalidInput) as e:
        policy_file.load(_item("{distribution: discrete, pmf: [0.5, 0.5]}", "lead_time: 0.5"))
    assert any("lead_time" in str(p) for p in e.value.problems)


def test_simulation_agrees_with_the_poisson_optimum(tmp_path: Path) -> None:
    from reechain.services.inventory import simulate_policy

    path = tmp_path / "rq.yaml"
    path.write_text(_item("{distribution: poisson, mean: 2}"))
    result, policy = simulate_policy(path, "x", periods=20_000, seed=1)
    # 20,000 simulated years of Poisson demand: cost per year within 3 % of g(1, 3) ≈ 3.104
    assert result.cost_per_period == pytest.approx(policy["expected_cost"], rel=0.03)
