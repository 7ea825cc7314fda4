"""A batch of parties screened on several cores: the batch is cut into chunks, each screened in a worker
process forked from this one, so every worker starts with the screener as it is here (its index, its
lists and its readers' tables, shared copy-on-write). Only the chunk's span goes to a worker and only
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


def _screen_chunk(span: tuple[int, int]) -> list[list[ScreeningHit]]:
    batch = _BATCH
    if batch is None:  # pragma: no cover - a worker is forked only while a batch is set
        raise RuntimeError("no batch to screen")
    start, end = span
    return batch.screener.screen_many(batch.parties[start:end], batch.threshold)


def chunk_spans(count: int, chunk: int, processes: int) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each chunk of a batch of ``count`` parties shared out to ``processes``
    workers: ``chunk`` parties at a time, then smaller ones towards the end (half of each worker's share of
    what is left, at least ``chunk // 4``), so that the workers finish close together instead of one
    screening a whole chunk while the others wait."""
    smallest = max(1, chunk // 4)
    spans: list[tuple[int, int]] = []
    start = 0
    while start < count:
        size = min(chunk, max(smallest, -(-(count - start) // (2 * processes))))
        spans.append((start, min(count, start + size)))
        start += size
    return spans


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
    time, in smaller chunks towards the end (``chunk_spans``); ``progress`` is called with the number of
    parties done as each chunk comes back."""
    global _BATCH
    if processes < 1:
        raise ValueError("processes must be at least 1")
    if chunk < 1:
        raise ValueError("chunk must be at least 1")
    out: list[list[ScreeningHit]] = []
    if processes == 1 or len(parties) <= chunk or not can_fork():
        for start in range(0, len(parties), chunk):
            out.extend(screener.screen_many(parties[start : start + chunk], threshold))
            if progress is not None:
                progress(len(out))
        return out
    # What every worker would otherwise make for itself at its first cross-script pair.
    screener.prepare_cross_script()
    _BATCH = _Batch(screener, parties, threshold)
    spans = chunk_spans(len(parties), chunk, processes)
    pool = ProcessPoolExecutor(
        min(processes, len(spans)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_one_thread_each,
    )
    try:
        for hits in pool.map(_screen_chunk, spans):
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
        # Every chunk is back (or screened here): the workers are not waited for while they end, which
        # takes a process that copied part of the screener tens of milliseconds.
        pool.shutdown(wait=False, cancel_futures=True)
    return out
