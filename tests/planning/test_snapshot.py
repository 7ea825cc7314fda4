"""The planner reads the ledger in one transaction and one snapshot (``services.planning.ledger_state``)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import event

from reechain.bootstrap import Container
from reechain.inventory.alerts import StockPolicy
from reechain.services import inventory, planning
from reechain.services.quotas import quota_status
from reechain.services.sales import ContractInput, add_contract, list_contracts
from reechain.services.sample import load_sample_group


def _contract() -> ContractInput:
    return ContractInput(
        "LT-SNAP", "CUST-MAG1", "PRND-OX", 120.0, date(2026, 1, 1), date(2026, 12, 31), "fixed", 400000.0
    )


def test_same_figures_as_the_services_and_one_transaction(container: Container) -> None:
    load_sample_group(container)
    add_contract(container, _contract())
    begins: list[Any] = []
    target = container.engine

    def count(*_: Any) -> None:
        begins.append(1)

    # under the test fixture every unit of work is a savepoint on one connection
    event.listen(target, "savepoint", count)
    event.listen(target, "begin", count)
    try:
        state = planning.ledger_state(container, 2026)
    finally:
        event.remove(target, "savepoint", count)
        event.remove(target, "begin", count)
    assert len(begins) == 1
    used: dict[tuple[str, str], float] = {}
    for row in quota_status(container, 2026):
        used[(row.kind, row.holder)] = used.get((row.kind, row.holder), 0.0) + row.used_t_reo
    mine: dict[tuple[str, str], float] = {}
    for batch in state.quotas:
        mine[(batch.kind, batch.holder)] = mine.get((batch.kind, batch.holder), 0.0) + batch.used_t_reo
    assert mine == pytest.approx(used) and sum(used.values()) > 0
    (contract,) = [k for k in list_contracts(container) if k["code"] == "LT-SNAP"]
    (mine_contract,) = [k for k in state.contracts if k.code == "LT-SNAP"]
    assert mine_contract.volume_t == contract["volume_t"] and mine_contract.ordered_t == contract["ordered_t"]
    assert list(state.policies) == inventory.list_policies(container)


@pytest.mark.postgres
def test_a_write_during_the_read_is_not_seen_postgres(pg_committing_container: Container) -> None:
    _write_during_read(pg_committing_container)


def test_a_write_during_the_read_is_not_seen_sqlite(sqlite_file_container: Container) -> None:
    _write_during_read(sqlite_file_container)


def _write_during_read(c: Container) -> None:
    """A stock policy committed by someone else after the planner's first read (plants) and before its
    last (policies) is not in the state: the reads share one snapshot."""
    load_sample_group(c)
    before = len(inventory.list_policies(c))
    fired: list[bool] = []

    def write_once(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        if not fired and statement.lstrip().upper().startswith("SELECT"):
            fired.append(True)
            inventory.set_policy(
                c, StockPolicy("CE-OX", "WH-MAIN", safety_stock_t=3.0, source="snapshot test")
            )

    event.listen(c.engine, "after_cursor_execute", write_once)
    try:
        state = planning.ledger_state(c, 2026)
    finally:
        event.remove(c.engine, "after_cursor_execute", write_once)
    assert fired
    assert len(inventory.list_policies(c)) == before + 1
    assert len(state.policies) == before
