"""Running a scenario's Monte Carlo on Dask: fixed-size run blocks, one random stream per block, exact
quantiles.

- The runs are cut into blocks of ``BLOCK_RUNS`` (the last one may be shorter). Block i draws from the i-th
  child of ``SeedSequence(seed).spawn(blocks)``. The layout depends only on the number of runs, never on the
  scheduler or the number of workers, so the same seed gives bit-identical paths anywhere.
- The quantiles are exact: the reduce task receives every block's monthly values (worker to worker on a
  cluster), puts them side by side and takes ``numpy.quantile`` (linear interpolation, NumPy's default) over
  all runs. Only the quantiles (3 × months × elements per series) come back to the caller.
- Default: Dask's local threaded scheduler. With ``scheduler="tcp://HOST:PORT"`` an existing
  ``distributed`` cluster runs the blocks and the reduce.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from reechain.market.baseline import Baseline, Parameters
from reechain.market.model import Cancelled, simulate_block
from reechain.market.scenario import Scenario

BLOCK_RUNS = 500
QUANTILES = (0.05, 0.5, 0.95)
SERIES = ("price_china", "price_ex_china", "shortage_t")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BlockPaths:
    """What a block hands to the reduce: its runs' monthly values of each series, (months, elements, runs)
    (runs last and contiguous: the reduce partitions along them)."""

    price_china: np.ndarray
    price_ex_china: np.ndarray
    shortage_t: np.ndarray


@dataclass(frozen=True)
class Quantiles:
    """For each series, an array (3, months, elements): p5, p50, p95 over all runs."""

    price_china: np.ndarray
    price_ex_china: np.ndarray
    shortage_t: np.ndarray


def block_sizes(runs: int) -> list[int]:
    full, rest = divmod(runs, BLOCK_RUNS)
    return [BLOCK_RUNS] * full + ([rest] if rest else [])


def block_seeds(seed: int, blocks: int) -> list[np.random.SeedSequence]:
    return np.random.SeedSequence(seed).spawn(blocks)


def index_base(scenario: Scenario) -> int | None:
    """Position (month) of the price index base inside the output, or None when it is before the start
    (the model starts in equilibrium at price 1, so the index is the price itself)."""
    pos = scenario.base_month - scenario.start
    return pos if pos >= 0 else None


def run_block(
    scenario: Scenario,
    baseline: Baseline,
    params: Parameters,
    seed: np.random.SeedSequence,
    n: int,
    cancel: threading.Event | None = None,
) -> BlockPaths:
    """One block, with prices turned into the price index (1.0 in the month before the first shock)."""
    r = simulate_block(scenario, baseline, params, seed, n, cancel)
    base = index_base(scenario)
    china, ex_china = r.price_china, r.price_ex_china
    if base is not None:
        china, ex_china = china / china[base], ex_china / ex_china[base]
    return BlockPaths(*(np.ascontiguousarray(x.transpose(0, 2, 1)) for x in (china, ex_china, r.shortage_t)))


def reduce_blocks(blocks: Sequence[BlockPaths]) -> Quantiles:
    """Exact p5 / p50 / p95 over every run of every block (runs are the last axis): (3, months, elements)."""
    out = []
    for name in SERIES:
        values = np.concatenate([getattr(b, name) for b in blocks], axis=2)
        out.append(np.quantile(values, QUANTILES, axis=2, overwrite_input=True))
        del values
    return Quantiles(*out)


def run_serial(scenario: Scenario, baseline: Baseline, params: Parameters) -> Quantiles:
    """The same blocks in this thread, one after another (the reference for the Dask paths)."""
    seeds = block_seeds(scenario.seed, len(block_sizes(scenario.runs)))
    return reduce_blocks(
        [
            run_block(scenario, baseline, params, s, n)
            for s, n in zip(seeds, block_sizes(scenario.runs), strict=True)
        ]
    )


def run(
    scenario: Scenario,
    baseline: Baseline,
    params: Parameters,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Quantiles:
    """Run every block on Dask and reduce in the workers; PROGRESS(done, total) is called as blocks finish."""
    sizes = block_sizes(scenario.runs)
    seeds = block_seeds(scenario.seed, len(sizes))
    if scheduler:
        return _run_distributed(scenario, baseline, params, seeds, sizes, scheduler, progress, cancel)
    return _run_threads(scenario, baseline, params, seeds, sizes, workers, progress, cancel)


def _run_threads(
    scenario: Scenario,
    baseline: Baseline,
    params: Parameters,
    seeds: list[np.random.SeedSequence],
    sizes: list[int],
    workers: int | None,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> Quantiles:
    dask: Any = importlib.import_module("dask")  # dask's delayed/compute API is untyped
    callback: Any = importlib.import_module("dask.callbacks").Callback

    tasks = [
        dask.delayed(run_block, pure=True)(
            scenario, baseline, params, s, n, cancel, dask_key_name=f"block-{i}"
        )
        for i, (s, n) in enumerate(zip(seeds, sizes, strict=True))
    ]
    total = len(tasks)
    done = [0]
    lock = threading.Lock()

    def posttask(key: Any, result: Any, dsk: Any, state: Any, worker_id: Any) -> None:
        if isinstance(key, str) and key.startswith("block-") and progress is not None:
            with lock:
                done[0] += 1
                progress(done[0], total)

    reduce = dask.delayed(reduce_blocks, pure=False)(tasks)
    with callback(posttask=posttask):
        (result,) = dask.compute(reduce, scheduler="threads", num_workers=workers)
    assert isinstance(result, Quantiles)
    return result


def _run_distributed(
    scenario: Scenario,
    baseline: Baseline,
    params: Parameters,
    seeds: list[np.random.SeedSequence],
    sizes: list[int],
    address: str,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> Quantiles:
    distributed: Any = importlib.import_module("distributed")  # untyped
    client_class, as_completed = distributed.Client, distributed.as_completed

    with client_class(address, timeout=30, set_as_default=False) as client:
        futures = [
            client.submit(run_block, scenario, baseline, params, s, n)
            for i, (s, n) in enumerate(zip(seeds, sizes, strict=True))
        ]
        reduce = client.submit(reduce_blocks, futures)
        for done, _ in enumerate(as_completed(futures, loop=client.loop), start=1):
            if progress is not None:
                progress(done, len(futures))
            if cancel is not None and cancel.is_set():
                client.cancel([*futures, reduce])
                raise Cancelled("the scenario run was cancelled")
        result = reduce.result()
        client.cancel([*futures, reduce])
    assert isinstance(result, Quantiles)
    return result
