"""On SQLite the ledger's pure reads start a deferred transaction: they do not wait behind an open write
transaction (which holds SQLite's single write lock from its BEGIN IMMEDIATE) and see the last committed
state. Two connections to one committing SQLite file."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from reechain.bootstrap import Container
from reechain.domain.quotas import Quota, QuotaKind
from reechain.ledger import posting
from reechain.services import ledger, quotas

from .helpers import HOLDER, define_world, receipt

YEAR = 2026
WAIT_S = 5.0
"""Far below the 30 s busy timeout a read would sit out behind the writer if it took the write lock."""

READS: dict[str, Callable[[Container], Any]] = {
    "stock_balance": lambda c: ledger.stock_balance(c, by="lot"),
    "trace_lot": lambda c: ledger.trace_lot(c, "C1"),
    "list_locations": ledger.list_locations,
    "list_products": ledger.list_products,
    "list_lots": ledger.list_lots,
    "list_movements": ledger.list_movements,
    "list_plants": ledger.list_plants,
    "quota_status": lambda c: quotas.quota_status(c, YEAR),
    "list_overrides": lambda c: quotas.list_overrides(c, YEAR),
}


@pytest.fixture
def committed(sqlite_file_container: Container) -> Container:
    c = sqlite_file_container
    define_world(c)
    quotas.define_quota(c, Quota(YEAR, "first", QuotaKind.MINING, HOLDER, 10_000, source="test"))
    ledger.post_movement(c, receipt("C1", 100.0, on=date(YEAR, 1, 5)))
    return c


def _in_thread(fn: Callable[[], Any]) -> tuple[threading.Thread, dict[str, Any]]:
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["value"] = fn()
        except BaseException as e:  # reported by the test, not lost in the thread
            out["error"] = e

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


@pytest.mark.parametrize("name", list(READS))
def test_read_does_not_wait_behind_an_open_write(committed: Container, name: str) -> None:
    writer = committed.session_factory()
    try:
        # a posting in progress: BEGIN IMMEDIATE, a new lot and its ledger lines, not committed yet
        posting.post(writer, [receipt("C2", 40.0, on=date(YEAR, 1, 6))])
        writer.flush()
        thread, out = _in_thread(lambda: READS[name](committed))
        thread.join(WAIT_S)
        waited = thread.is_alive()
    finally:
        writer.rollback()
        writer.close()
    thread.join(60)
    assert not waited, f"{name} waited behind the open write transaction"
    assert "error" not in out, out.get("error")


def test_reads_see_the_committed_state_not_the_open_write(committed: Container) -> None:
    writer = committed.session_factory()
    try:
        posting.post(writer, [receipt("C2", 40.0, on=date(YEAR, 1, 6))])
        writer.flush()
        thread, out = _in_thread(
            lambda: (ledger.stock_balance(committed, by="lot"), ledger.list_lots(committed))
        )
        thread.join(WAIT_S)
        assert not thread.is_alive()
        balance, lots = out["value"]
        assert {r.key: r.t_product for r in balance} == {"C1": 100.0}
        assert [lot.code for lot in lots] == ["C1"]
    finally:
        writer.rollback()
        writer.close()
    thread.join(60)
    # after the write commits, a read sees it
    ledger.post_movement(committed, receipt("C2", 40.0, on=date(YEAR, 1, 6)))
    assert {r.key: r.t_product for r in ledger.stock_balance(committed, by="lot")} == {
        "C1": 100.0,
        "C2": 40.0,
    }


def test_a_write_still_waits_for_another_write(committed: Container) -> None:
    """The read-only start is for reads only: a posting behind an open write still queues (not a lost
    update): it finishes only after the first writer ends."""
    writer = committed.session_factory()
    try:
        posting.post(writer, [receipt("C2", 40.0, on=date(YEAR, 1, 6))])
        writer.flush()
        thread, out = _in_thread(
            lambda: ledger.post_movement(committed, receipt("C3", 1.0, on=date(YEAR, 1, 7)))
        )
        thread.join(1.0)
        assert thread.is_alive()
    finally:
        writer.rollback()
        writer.close()
    thread.join(60)
    assert "error" not in out, out.get("error")
    assert {r.key for r in ledger.stock_balance(committed, by="lot")} == {"C1", "C3"}
