"""A batch of parties screened on several cores: the batch is cut into chunks, each screened in a worker
process forked from this one, so every worker starts with the screener as it is here (its index, its
lists and its readers' tables, shared copy-on-write). Only the chunk's position goes to a worker and only
its hits come back; the hits are exactly those of ``Screener.screen_many`` run in this process (each party
is screened alone, whatever chunk it is in).

Forking needs the ``fork`` start method (Linux and the BSDs; not macOS, where it is unsafe); elsewhere, or for
one process, the batch is screened here. A worker only screens: it opens no database connection and writes
nothing, and it ends with ``os._exit`` (the ``multiprocessing`` default for forked workers), so nothing it
inherited, such as a database connection of this process, is closed or used by it. A worker that dies (killed,
out of memory) loses nothing: the chunks not yet back are screened in this process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from reechain.compliance.matching.hit import ScreeningHit
from reechain.compliance.matching.screener import PartyQuery, Screener


@dataclass(frozen=True)
class _Batch:
    screener: Screener
    parties: Sequence[PartyQuery]
    threshold: float
    chunk: int


_log = logging.getLogger(__name__)
_BATCH: _Batch | None = None
"""The batch being screened, set before the workers are forked: they find it here, as it was."""


def usable_processes() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - systems without affinity
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Whether workers can be forked: a ``fork`` start method, and not macOS, whose system libraries are not
    safe to use in a forked child."""
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


def _one_thread_each() -> None:
    # The workers already use every core: a worker's similarity calls use one thread.
    if _BATCH is not None:
        _BATCH.screener.pair_workers = 1


def _screen_chunk(start: int) -> list[list[ScreeningHit]]:
    batch = _BATCH
    if batch is None:  # pragma: no cover - a worker is forked only while a batch is set
        raise RuntimeError("no batch to screen")
    return batch.screener.screen_many(batch.parties[start : start + batch.chunk], batch.threshold)


def screen_in_processes(
    screener: Screener,
    parties: Sequence[PartyQuery],
    threshold: float,
    *,
    processes: int,
    chunk: int,
    progress: Callable[[int], None] | None = None,
) -> list[list[ScreeningHit]]:
    """The hits of every party, in order, screened by ``processes`` forked workers ``chunk`` parties at a
    time; ``progress`` is called with the number of parties done as each chunk comes back."""
    global _BATCH
    if processes < 1:
        raise ValueError("processes must be at least 1")
    if chunk < 1:
        raise ValueError("chunk must be at least 1")
    starts = range(0, len(parties), chunk)
    out: list[list[ScreeningHit]] = []
    if processes == 1 or len(starts) < 2 or not can_fork():
        for start in starts:
            out.extend(screener.screen_many(parties[start : start + chunk], threshold))
            if progress is not None:
                progress(len(out))
        return out
    # What every worker would otherwise make for itself at its first cross-script pair.
    screener.prepare_cross_script()
    _BATCH = _Batch(screener, parties, threshold, chunk)
    try:
        with ProcessPoolExecutor(
            min(processes, len(starts)),
            mp_context=multiprocessing.get_context("fork"),
            initializer=_one_thread_each,
        ) as pool:
            for hits in pool.map(_screen_chunk, starts):
                out.extend(hits)
                if progress is not None:
                    progress(len(out))
    except BrokenProcessPool:
        # a worker died (killed, out of memory): the chunks not yet back are screened here
        _log.warning("a screening worker process ended early; screening the rest in this process")
        for start in range(len(out), len(parties), chunk):
            out.extend(screener.screen_many(parties[start : start + chunk], threshold))
            if progress is not None:
                progress(len(out))
    finally:
        _BATCH = None
    return out
