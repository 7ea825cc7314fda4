"""20 concurrent withdrawals from one lot on a real PostgreSQL server: never oversold, none lost silently."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, RuleViolation
from reechain.services import ledger

from .helpers import define_world, receipt, sale, transfer

pytestmark = pytest.mark.postgres


def test_twenty_concurrent_withdrawals_never_oversell(pg_committing_container: Container) -> None:
    c = pg_committing_container
    define_world(c)
    ledger.post_movements(c, [receipt("LOT", 100.0), transfer("LOT", 100.0, "MINE", "WH")])

    def withdraw(i: int) -> str:
        try:
            ledger.post_movement(c, sale("LOT", 7.0))
            return "ok"
        except (Conflict, RuleViolation) as e:
            return type(e).__name__

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(withdraw, range(20)))
    ok = outcomes.count("ok")
    assert set(outcomes) <= {"ok", "Conflict", "RuleViolation"}
    assert 1 <= ok <= 14  # 14 × 7 = 98 ≤ 100 < 15 × 7
    [row] = ledger.stock_balance(c, by="lot")
    assert row.t_product == pytest.approx(100.0 - 7.0 * ok, abs=1e-9)
    sold = ledger.list_movements(c, kind="sale", limit=100)
    assert len(sold) == ok  # every success is in the ledger, every failure left nothing
    assert (
        ok == 14
    )  # the guarded update waits for the other transaction, then re-checks: no spurious refusals
