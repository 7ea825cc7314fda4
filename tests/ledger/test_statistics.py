"""A bulk posting leaves the planner statistics of what it wrote (PostgreSQL): the stock pages and the
stock bridge are planned for the tables as they are, not as they were before the import."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from reechain.bootstrap import Container
from reechain.domain.movements import MovementInput, MovementKind, ReceiptSource
from reechain.services import ledger


def _reltuples(c: Container, table: str) -> float:
    with c.uow() as uow:
        return float(
            uow.session.execute(
                text("SELECT reltuples FROM pg_class WHERE relname = :t"), {"t": table}
            ).scalar_one()
        )


def _receipts(n: int, prefix: str) -> list[MovementInput]:
    return [
        MovementInput(
            MovementKind.RECEIPT,
            date(2026, 2, 1),
            lot=f"{prefix}-{i:04d}",
            product="CONC",
            quantity_t=1.0,
            to_location="WH",
            source=ReceiptSource.PURCHASE,
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("bulk", [False, True])
def test_a_bulk_posting_analyzes_the_ledger_tables(
    world: Container, backend: str, bulk: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger, "ANALYZE_AFTER", 40)
    n = 40 if bulk else 39
    analyzed: list[int] = []
    refresh = ledger.refresh_statistics
    monkeypatch.setattr(ledger, "refresh_statistics", lambda c: analyzed.append(1) or refresh(c))
    result = ledger.post_movements(world, _receipts(n, "BULK" if bulk else "FEW"))
    assert len(result.lots_created) == n
    assert analyzed == ([1] if bulk else [])
    if backend == "postgres":
        with world.uow() as uow:
            lots = uow.session.execute(text("SELECT count(*) FROM ledger_lots")).scalar_one()
        # ANALYZE counts the rows it sees; without it the planner's count stays where it was
        assert (_reltuples(world, "ledger_lots") == lots) is bulk
