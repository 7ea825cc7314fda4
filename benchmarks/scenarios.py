"""Market scenarios: 10,000 Monte Carlo runs × 120 months × 17 elements on Dask, against a plain NumPy
serial per-run loop measured in the same run.

- target: the Dask run (local threaded scheduler, 2 workers by default) in < 60 s wall, peak memory < 4 GiB
  (the process's peak resident set size, which includes everything: interpreter, Dask, the reduce);
- baseline: the same model called once per run (arrays of one run, a Python loop over runs and months), timed
  on a sample of runs and extrapolated to all of them; also the vectorised blocks one after another in one
  thread (no Dask), on a sample of blocks, to show what Dask's parallelism adds.

The scenario holds one shock of every kind. Exits 1 when the time or memory target is missed.
Usage: ``python benchmarks/scenarios.py [--runs 10000] [--months 120] [--workers 2] [--scheduler tcp://H:P]``
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

import numpy as np

from reechain.market import runner
from reechain.market.baseline import load_baseline, load_parameters
from reechain.market.model import simulate_block
from reechain.market.scenario import parse_scenario

TARGET_S = 60.0
TARGET_MEMORY_GIB = 4.0


def scenario(runs: int, months: int, seed: int) -> dict[str, object]:
    return {
        "start": "2026-01",
        "months": months,
        "runs": runs,
        "seed": seed,
        "shocks": [
            {
                "kind": "export_licensing",
                "country": "CN",
                "elements": ["Tb", "Dy", "Sm", "Gd", "Lu", "Y", "Sc"],
                "start": "2026-04",
                "end": "2027-03",
                "export_share_allowed": 0.5,
            },
            {
                "kind": "export_quota",
                "country": "CN",
                "elements": ["Nd", "Pr"],
                "start": "2027-01",
                "end": "2028-12",
                "change": -0.3,
            },
            {
                "kind": "mine_outage",
                "country": "MM",
                "elements": ["Dy", "Tb", "Y"],
                "start": "2026-06",
                "end": "2026-12",
                "change": -0.4,
            },
            {
                "kind": "production_quota",
                "country": "CN",
                "elements": "all",
                "start": "2028-01",
                "end": "2028-12",
                "change": -0.1,
            },
            {
                "kind": "stockpile",
                "country": "US",
                "elements": ["Nd", "Dy"],
                "start": "2026-07",
                "end": "2027-06",
                "tonnes_per_month": 50,
            },
            {
                "kind": "demand_shift",
                "elements": ["Nd", "Pr", "Dy", "Tb"],
                "start": "2029-01",
                "end": "2035-12",
                "change": 0.1,
            },
        ],
    }


def peak_rss_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2  # Linux: kB


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--months", type=int, default=120)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sample-runs", type=int, default=40, help="runs timed for the per-run loop baseline")
    ap.add_argument(
        "--sample-blocks", type=int, default=2, help="blocks timed one after another without Dask"
    )
    ap.add_argument("--scheduler", default=None, help="an existing Dask cluster instead of local threads")
    args = ap.parse_args()

    sc = parse_scenario(scenario(args.runs, args.months, args.seed))
    b, p = load_baseline(), load_parameters()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")
    print(
        f"scenario: {sc.runs:,} runs × {sc.months} months × {len(b.elements)} elements, "
        f"{len(sc.shocks)} shocks"
    )

    seeds = np.random.SeedSequence(args.seed + 1).spawn(args.sample_runs)
    t0 = time.perf_counter()
    for s in seeds:
        simulate_block(sc, b, p, s, 1)
    per_run_s = (time.perf_counter() - t0) / args.sample_runs
    loop_s = per_run_s * sc.runs
    print(
        f"baseline, plain NumPy loop over runs: {per_run_s * 1e3:.1f} ms/run "
        f"({args.sample_runs} runs) → {loop_s:,.1f} s for {sc.runs:,} runs (extrapolated)"
    )

    block_seeds = runner.block_seeds(args.seed, len(runner.block_sizes(sc.runs)))[: args.sample_blocks]
    t0 = time.perf_counter()
    for s in block_seeds:
        runner.run_block(sc, b, p, s, runner.BLOCK_RUNS)
    serial_s = (time.perf_counter() - t0) / len(block_seeds) * sc.runs / runner.BLOCK_RUNS
    print(
        f"vectorised blocks, one thread, no Dask: {serial_s:,.1f} s for {sc.runs:,} runs "
        f"(extrapolated from {len(block_seeds)} blocks of {runner.BLOCK_RUNS})"
    )

    where = args.scheduler or f"local threads × {args.workers}"
    t0 = time.perf_counter()
    q = runner.run(sc, b, p, scheduler=args.scheduler, workers=args.workers)
    dask_s = time.perf_counter() - t0
    memory = peak_rss_gib()
    tb = b.elements.index("Tb")
    print(f"dask ({where}): {dask_s:,.1f} s wall incl. exact quantiles; peak memory {memory:.2f} GiB")
    print(
        f"  check: Tb ex-China price index p50 peak {q.price_ex_china[1, :, tb].max():.2f}, "
        f"p95 peak {q.price_ex_china[2, :, tb].max():.2f}"
    )
    print(
        f"speed-up vs the per-run loop: {loop_s / dask_s:,.1f}×; "
        f"vs one-thread blocks: {serial_s / dask_s:.2f}×"
    )
    print(f"load average at end {os.getloadavg()[0]:.2f}")
    ok = dask_s < TARGET_S and memory < TARGET_MEMORY_GIB
    print(f"target: < {TARGET_S:.0f} s and < {TARGET_MEMORY_GIB:.0f} GiB: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
