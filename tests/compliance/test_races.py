"""Hostile concurrency on real PostgreSQL (threads against a database that commits): an order ships once,
a ship and a cancel do not both win, and reviews of one hold queue up behind its row lock."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, RuleViolation
from reechain.services import audit, sales
from reechain.services import compliance as svc
from reechain.store.tables.compliance import HoldApprovalRow

from .sales_world import add_domestic_order, define_sales_world, stock_t
from .support import OFFICER, FakeScreening, uel_hit

pytestmark = pytest.mark.postgres

LISTED = "Sample Defence Systems Inc."


def at_once(*actions: Callable[[], Any]) -> list[str]:
    """Run the actions in threads released together; each outcome is ``ok`` or the error's class name."""
    barrier = threading.Barrier(len(actions))
    outcomes: list[str] = [""] * len(actions)

    def run(i: int) -> None:
        barrier.wait()
        try:
            actions[i]()
            outcomes[i] = "ok"
        except (RuleViolation, Conflict) as e:
            outcomes[i] = type(e).__name__
        except Exception as e:  # anything else is a defect (a 500 for the user)
            outcomes[i] = f"unexpected {type(e).__name__}: {e}"

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(actions))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return outcomes


def test_fifty_concurrent_ships_of_one_order_ship_it_once(pg_committing_container: Container) -> None:
    c = pg_committing_container
    define_sales_world(c)  # 2 t of DY-A
    add_domestic_order(c, "DO-1", 1.0)
    outcomes = at_once(*[lambda: svc.ship_order(c, "DO-1", actor="t") for _ in range(50)])
    assert outcomes.count("ok") == 1, outcomes
    assert set(outcomes) == {"ok", "RuleViolation"}, set(outcomes)
    assert stock_t(c) == pytest.approx(1.0)  # 1 t sold, not 6
    assert len(audit.records(c, stream="sales")) == 1


def test_ship_and_cancel_at_once_one_wins(pg_committing_container: Container) -> None:
    c = pg_committing_container
    define_sales_world(c)
    for n in range(6):
        code = f"DO-{n}"
        add_domestic_order(c, code, 0.1)
        outcomes = at_once(
            lambda code=code: svc.ship_order(c, code, actor="t"),
            lambda code=code: sales.cancel_order(c, code),
        )
        assert sorted(outcomes) == ["RuleViolation", "ok"], outcomes
        status = sales.get_order(c, code)["status"]
        assert status == ("shipped" if outcomes[0] == "ok" else "cancelled")
        sold = sum(1 for o in sales.list_orders(c, "shipped"))
        assert stock_t(c) == pytest.approx(2.0 - 0.1 * sold)


def new_hold(c: Container, n: int, example: dict[str, Any]) -> int:
    fake = FakeScreening(hits={LISTED: [uel_hit(0.8)]})
    order = {**example, "order_id": f"H-{n}"}
    order["parties"] = [{**p, "name": LISTED} if p["role"] == "end_user" else p for p in example["parties"]]
    result = svc.check_order(c, order, actor="t", screening=fake.as_service())
    assert result["decision"] == "hold"
    return int(result["hold_id"])


def approvals(c: Container, hold_id: int) -> list[str]:
    with c.uow() as uow:
        return sorted(
            uow.session.scalars(select(HoldApprovalRow.username).where(HoldApprovalRow.hold_id == hold_id))
        )


def actions_of(c: Container, hold_id: int) -> list[str]:
    return [
        r.action
        for r in audit.records(c)
        if r.action.startswith("hold.") and f'"hold_id":{hold_id},' in r.payload
    ]


def test_two_officers_approving_at_once_release_the_hold(
    pg_committing_container: Container, example_order
) -> None:
    c = pg_committing_container
    for n in range(8):
        hold = new_hold(c, n, example_order())
        outcomes = at_once(
            lambda hold=hold: svc.approve_hold(c, hold, actor="o1", roles=OFFICER),
            lambda hold=hold: svc.approve_hold(c, hold, actor="o2", roles=OFFICER),
        )
        assert outcomes == ["ok", "ok"], outcomes
        assert svc.get_hold(c, hold)["status"] == "released"
        assert approvals(c, hold) == ["o1", "o2"]
        assert sorted(actions_of(c, hold)) == ["hold.approved", "hold.released"]
    assert audit.verify(c).ok


def test_approve_and_reject_at_once_one_wins_and_only_it_is_audited(
    pg_committing_container: Container, example_order
) -> None:
    c = pg_committing_container
    for n in range(8):
        hold = new_hold(c, n, example_order())
        svc.approve_hold(c, hold, actor="o1", roles=OFFICER)
        outcomes = at_once(
            lambda hold=hold: svc.approve_hold(c, hold, actor="o2", roles=OFFICER),
            lambda hold=hold: svc.reject_hold(c, hold, actor="o3", roles=OFFICER),
        )
        assert sorted(outcomes) == ["RuleViolation", "ok"], outcomes
        status = svc.get_hold(c, hold)["status"]
        if outcomes[0] == "ok":
            assert status == "released" and actions_of(c, hold) == ["hold.approved", "hold.released"]
        else:
            assert status == "rejected" and actions_of(c, hold) == ["hold.approved", "hold.rejected"]
            assert approvals(c, hold) == ["o1"]


def test_the_same_officer_twice_at_once_gets_a_clean_refusal(
    pg_committing_container: Container, example_order
) -> None:
    c = pg_committing_container
    for n in range(5):
        hold = new_hold(c, n, example_order())
        outcomes = at_once(
            lambda hold=hold: svc.approve_hold(c, hold, actor="o1", roles=OFFICER),
            lambda hold=hold: svc.approve_hold(c, hold, actor="o1", roles=OFFICER),
        )
        assert sorted(outcomes) == ["RuleViolation", "ok"], outcomes
        assert approvals(c, hold) == ["o1"] and svc.get_hold(c, hold)["status"] == "pending"


def test_the_second_reviewer_is_told_the_first_decision(
    pg_committing_container: Container, example_order
) -> None:
    c = pg_committing_container
    hold = new_hold(c, 0, example_order())
    svc.reject_hold(c, hold, actor="o3", roles=OFFICER)
    with pytest.raises(RuleViolation, match="already rejected by o3"):
        svc.approve_hold(c, hold, actor="o1", roles=OFFICER)
