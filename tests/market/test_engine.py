"""The scenario engine: equilibrium without shocks, the two markets parting under an export restriction,
determinism per seed, block layout independent of the scheduler, exact quantiles."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from reechain.market import runner
from reechain.market.baseline import load_baseline, load_parameters
from reechain.market.calibration import deterministic
from reechain.market.model import Cancelled, simulate_block
from reechain.market.scenario import parse_scenario

B = load_baseline()
P = load_parameters()


def _sc(shocks: list[dict[str, object]], runs: int = 40, months: int = 24, seed: int = 1):  # type: ignore[no-untyped-def]
    return parse_scenario(
        {"start": "2026-01", "months": months, "runs": runs, "seed": seed, "shocks": shocks}
    )


def test_no_shock_no_spread_keeps_every_price_at_one_and_no_shortage() -> None:
    p = deterministic(P).with_values(demand_growth=(0.0,) * 5)
    r = simulate_block(_sc([]), B, p, np.random.SeedSequence(0), 3)
    assert np.allclose(r.price_china, 1.0, atol=1e-9) and np.allclose(r.price_ex_china, 1.0, atol=1e-9)
    assert np.all(r.shortage_t == 0.0)
    # the flows at parity are the baseline's: exports = China's separation less its own demand
    assert np.allclose(r.exports_t[0, 0], B.base_exports_t_per_month)


def test_an_export_restriction_raises_the_ex_china_price_and_not_the_chinese_one() -> None:
    shock = {
        "kind": "export_licensing",
        "country": "CN",
        "elements": ["Dy"],
        "start": "2026-03",
        "end": "2026-12",
        "export_share_allowed": 0.3,
    }
    r = simulate_block(_sc([shock]), B, deterministic(P), np.random.SeedSequence(0), 1)
    dy, nd = B.elements.index("Dy"), B.elements.index("Nd")
    during = slice(4, 11)
    assert np.all(r.price_ex_china[during, 0, dy] > 1.2)
    assert np.all(r.price_china[during, 0, dy] <= r.price_china[1, 0, dy] + 1e-9)  # domestic stays or falls
    assert np.all(r.exports_t[during, 0, dy] <= r.export_cap_t[during, 0, dy] + 1e-9)
    assert np.allclose(
        r.price_ex_china[:, 0, nd], r.price_ex_china[:, 0, nd][0], rtol=0.05
    )  # others untouched


def test_a_myanmar_outage_raises_china_prices_of_heavy_elements() -> None:
    shock = {
        "kind": "mine_outage",
        "country": "MM",
        "elements": ["Tb"],
        "start": "2026-02",
        "end": "2026-09",
        "change": -0.5,
    }
    r = simulate_block(_sc([shock]), B, deterministic(P), np.random.SeedSequence(0), 1)
    tb = B.elements.index("Tb")
    assert r.price_china[8, 0, tb] > 1.2 and r.price_ex_china[8, 0, tb] > 1.2


def test_stockpile_buying_and_a_demand_cut_move_prices_the_right_way() -> None:
    buy = {
        "kind": "stockpile",
        "country": "US",
        "elements": ["Nd"],
        "start": "2026-02",
        "end": "2026-12",
        "tonnes_per_month": 500,
    }
    cut = {"kind": "demand_shift", "elements": ["La"], "start": "2026-02", "end": "2026-12", "change": -0.3}
    r = simulate_block(_sc([buy, cut]), B, deterministic(P), np.random.SeedSequence(0), 1)
    nd, la = B.elements.index("Nd"), B.elements.index("La")
    assert r.price_ex_china[10, 0, nd] > 1.05
    assert r.price_china[10, 0, la] < 0.95 and r.price_ex_china[10, 0, la] < 0.95


def test_block_layout_and_streams_do_not_depend_on_workers() -> None:
    assert runner.block_sizes(1234) == [500, 500, 234]
    a = [s.generate_state(2) for s in runner.block_seeds(7, 3)]
    b = [s.generate_state(2) for s in runner.block_seeds(7, 3)]
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    assert not np.array_equal(a[0], a[1])


def test_quantiles_are_exact_over_all_runs_and_the_index_is_one_before_the_first_shock() -> None:
    shock = {
        "kind": "export_quota",
        "country": "CN",
        "elements": ["Tb", "Dy"],
        "start": "2026-04",
        "end": "2026-10",
        "change": -0.4,
    }
    sc = _sc([shock], runs=1100)
    seeds = runner.block_seeds(sc.seed, 3)
    blocks = [
        runner.run_block(sc, B, P, s, n) for s, n in zip(seeds, runner.block_sizes(sc.runs), strict=True)
    ]
    everything = np.concatenate([b.price_ex_china for b in blocks], axis=2)  # months × elements × runs
    assert everything.shape == (24, 17, 1100)
    q = runner.run(sc, B, P, workers=2)
    assert np.array_equal(q.price_ex_china, np.quantile(everything, [0.05, 0.5, 0.95], axis=2))
    # hand check of one quantile: p50 of 1100 values is the mean of the 550th and 551st smallest
    col = np.sort(everything[8, B.elements.index("Tb"), :])
    assert q.price_ex_china[1, 8, B.elements.index("Tb")] == pytest.approx(
        (col[549] + col[550]) / 2, rel=1e-15
    )
    assert np.all(q.price_ex_china[:, 2, :] == 1.0) and np.all(q.price_china[:, 2, :] == 1.0)  # 2026-03
    assert np.all(q.price_ex_china[0] <= q.price_ex_china[1]) and np.all(
        q.price_ex_china[1] <= q.price_ex_china[2]
    )


def test_same_seed_same_numbers_serial_threads_and_thread_counts() -> None:
    shock = {
        "kind": "mine_outage",
        "country": "MM",
        "elements": ["Dy", "Tb"],
        "start": "2026-05",
        "end": "2026-10",
        "change": -0.3,
    }
    sc = _sc([shock], runs=1200, seed=11)
    serial = runner.run_serial(sc, B, P)
    one = runner.run(sc, B, P, workers=1)
    two = runner.run(sc, B, P, workers=2)
    for name in runner.SERIES:
        assert np.array_equal(getattr(serial, name), getattr(one, name))
        assert np.array_equal(getattr(serial, name), getattr(two, name))
    other = runner.run(_sc([shock], runs=1200, seed=12), B, P)
    assert not np.array_equal(other.price_china, serial.price_china)


def test_progress_is_reported_per_block_and_a_run_can_be_cancelled() -> None:
    seen: list[tuple[int, int]] = []
    runner.run(_sc([], runs=1001), B, P, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (3, 3) and len(seen) == 3
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        runner.run(_sc([], runs=600), B, P, cancel=stop)
