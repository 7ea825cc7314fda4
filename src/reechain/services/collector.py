"""Python's cyclic garbage collector held back during one bounded batch of work.

A batch that makes hundreds of thousands of objects (rows read, hits, arrays) triggers collections of the
oldest generation, and each walks every object the process holds: in a server that holds a screening index
and a register, about a second each (measured on the delta re-screen: three in a 50,000-party run took a
third of its time). Almost everything such a batch makes is freed by reference counting when it ends; the
few cycles are collected at the next collection after it, as they would be anyway.

The collector is process-wide: other threads run without it while a batch holds it back, which is why only
batches that last seconds use this, never a request.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_held() -> Iterator[None]:
    """Run the block with the cyclic garbage collector disabled; enable it again afterwards, when it was
    enabled before (a nested or concurrent holder leaves it to the outermost one)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
