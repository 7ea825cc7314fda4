"""Inventory benchmarks: the exact (s, S) optimum by Zheng–Federgruen against brute-force enumeration of
every (s, S) pair with the same exact cost, and the policy simulation's throughput against a bare loop.

Run: .venv/bin/python benchmarks/inventory.py
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from reechain.inventory import demand as dm
from reechain.inventory import policies as P
from reechain.inventory import policy_file
from reechain.inventory import simulation as sim


def brute_force_s_S(d: dm.DiscreteDemand, k: float, h: float, p: float) -> tuple[int, int, float]:
    """Every pair s < S over a wide range, each cost by the renewal formula (vectorised per pair)."""
    f = d.array()
    n_max = int(d.mean + 8 * d.std) + 20
    m = np.zeros(2 * n_max + 2)
    m[0] = 1 / (1 - f[0])
    for j in range(1, len(m)):
        ell = np.arange(1, min(j, len(f) - 1) + 1)
        m[j] = float(np.dot(f[ell], m[j - ell])) / (1 - f[0])
    big_m = np.concatenate([[0.0], np.cumsum(m)])
    lo, hi = -n_max, 2 * n_max
    g = dm.discrete_newsvendor_costs(d, h, p, lo, hi)
    best = (0, 0, float("inf"))
    for s in range(lo, n_max):
        for big_s in range(s + 1, min(hi, s + 2 * n_max) + 1):
            n = big_s - s
            ys = big_s - np.arange(n)
            cost = (k + float(np.dot(m[:n], g[ys - lo]))) / big_m[n]
            if cost < best[2]:
                best = (s, big_s, cost)
    return best


def bench_s_S() -> None:
    print("(s, S) exact optimum, Poisson demand, K = 10·mean^0.5, h = 1, p = 6")
    print(f"{'mean':>6} {'Zheng–Federgruen':>18} {'brute force':>12} {'ratio':>8}  same optimum")
    for mean in (4, 8, 16, 32):
        d = dm.poisson(mean)
        k = 10 * mean**0.5
        t = time.perf_counter()
        zf = P.s_S_discrete(d, 0, k, 1, 6)
        t_zf = time.perf_counter() - t
        t = time.perf_counter()
        s, big_s, cost = brute_force_s_S(d, k, 1, 6)
        t_bf = time.perf_counter() - t
        same = (zf.s, zf.S) == (s, big_s) and abs(zf.expected_cost - cost) < 1e-9
        ratio = t_bf / t_zf
        print(
            f"{mean:>6} {t_zf * 1e3:>15.1f} ms {t_bf * 1e3:>9.0f} ms {ratio:>7.0f}×"
            f"  {same} (s={s}, S={big_s})"
        )


def bench_simulation() -> None:
    text = (Path(__file__).resolve().parents[2] / "shared/examples/stock_policy.yaml").read_text(
        encoding="utf-8"
    )
    raw, pol = next((r, p) for r, p in policy_file.load_items(text) if p["model"] == "s_S")
    n = 200_000
    demand = sim.synthetic_demand(raw, n, 1, np.random.default_rng(1))
    t = time.perf_counter()
    res = sim.run(raw, pol, demand, 1, sim.lead_time_sampler(raw, 1, np.random.default_rng(1)))
    t_sim = time.perf_counter() - t
    t = time.perf_counter()
    total = 0.0
    for x in demand:  # baseline: a bare Python loop over the same demand
        total += float(x)
    t_loop = time.perf_counter() - t
    print(f"\nsimulation of (s, S), {n:,} periods: {t_sim:.2f} s = {n / t_sim:,.0f} periods/s; bare loop "
          f"{t_loop:.3f} s; ratio {t_sim / t_loop:.0f}×; cost {res.cost_per_period:.4f} vs exact "
          f"{pol['expected_cost']:.4f}")  # fmt: skip


if __name__ == "__main__":
    bench_s_S()
    bench_simulation()
