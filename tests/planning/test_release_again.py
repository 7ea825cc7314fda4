"""A plan period whose work orders were all cancelled is released again (services, API, plan page); while any
of its orders is open or confirmed, release is a Conflict naming them. The database keeps one live order per
step of a period (partial unique index over the orders not cancelled), on both databases."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from reechain.bootstrap import Container
from reechain.domain.errors import Conflict
from reechain.domain.roles import Role
from reechain.services import work_orders
from reechain.services.planning import run_plan
from reechain.services.sample import load_sample_group
from reechain.store.tables.compliance import AuditRow
from reechain.store.tables.work_orders import WorkOrderRow

from .test_web import _csrf, _page_client
from .test_work_orders import _receive_feed
from .test_work_orders_edges import api_client

PLANNER = frozenset({Role.PLANNER})
TODAY = date(2026, 10, 1)


def _released(c: Container) -> tuple[int, list[work_orders.WorkOrder]]:
    load_sample_group(c)
    plan = run_plan(c, 2026, today=TODAY)
    orders = work_orders.release_period(c, plan["id"], "2026-Q4", actor="pat", roles=PLANNER)
    assert len(orders) >= 2  # the cases below cancel some of them, not all
    return int(plan["id"]), orders


def _cancel(c: Container, orders: list[work_orders.WorkOrder]) -> None:
    for wo in orders:
        work_orders.cancel_work_order(c, wo.id, actor="pat", roles=PLANNER, reason="plant stopped")


def _audit(c: Container, action: str) -> list[dict[str, Any]]:
    with c.uow() as uow:
        q = select(AuditRow.payload).where(AuditRow.action == action).order_by(AuditRow.seq)
        return [json.loads(p) for p in uow.session.scalars(q)]


def test_a_period_whose_orders_are_all_cancelled_is_released_again(container: Container) -> None:
    plan_id, first = _released(container)
    ex = work_orders.plan_execution(container, plan_id)
    assert "2026-Q4" in ex.periods and ex.releasable_periods == [p for p in ex.periods if p != "2026-Q4"]
    _cancel(container, first)
    ex = work_orders.plan_execution(container, plan_id)
    assert "2026-Q4" in ex.releasable_periods and "2026-Q4" in ex.released_periods

    again = work_orders.release_period(container, plan_id, "2026-Q4", actor="kim", roles=PLANNER)
    assert sorted(wo.step for wo in again) == sorted(wo.step for wo in first)
    assert all(wo.status == "open" and wo.released_by == "kim" for wo in again)
    assert not {wo.id for wo in again} & {wo.id for wo in first}  # new orders, not the old ones reopened
    kept = work_orders.list_work_orders(container, plan_id, "2026-Q4")
    assert {wo.id: wo.status for wo in kept} == {
        **{wo.id: "cancelled" for wo in first},
        **{wo.id: "open" for wo in again},
    }
    assert "2026-Q4" not in work_orders.plan_execution(container, plan_id).releasable_periods

    releases = [p for p in _audit(container, "plan.period.release") if p["plan"] == plan_id]
    assert releases == [
        {"plan": plan_id, "period": "2026-Q4", "work_orders": [wo.id for wo in first], "replaces": []},
        {
            "plan": plan_id,
            "period": "2026-Q4",
            "work_orders": [wo.id for wo in again],
            "replaces": [wo.id for wo in first],
        },
    ]
    cancels = [p["work_order"] for p in _audit(container, "plan.work_order.cancel") if p["plan"] == plan_id]
    assert cancels == [wo.id for wo in first]

    with pytest.raises(Conflict, match="already released"):  # the new orders are open
        work_orders.release_period(container, plan_id, "2026-Q4", actor="kim", roles=PLANNER)


def test_release_is_refused_while_one_order_is_still_open(container: Container) -> None:
    plan_id, first = _released(container)
    still_open, cancelled = first[0], first[1:]
    _cancel(container, cancelled)
    with pytest.raises(Conflict) as e:
        work_orders.release_period(container, plan_id, "2026-Q4", actor="pat", roles=PLANNER)
    assert "1 of its work orders are open or confirmed" in str(e.value)
    assert [(p.field, p.reason) for p in e.value.problems] == [
        (
            f"work_orders.{still_open.id}",
            f"WO-{still_open.id} ({still_open.step}) is open: cancel it to release the period again",
        )
    ]
    assert len(work_orders.list_work_orders(container, plan_id, "2026-Q4")) == len(first)  # nothing stored
    assert "2026-Q4" not in work_orders.plan_execution(container, plan_id).releasable_periods
    assert len([p for p in _audit(container, "plan.period.release") if p["plan"] == plan_id]) == 1


def test_release_is_refused_while_one_order_is_confirmed(container: Container) -> None:
    plan_id, first = _released(container)
    sep = next(wo for wo in first if wo.step == "SEP-BT1")
    _receive_feed(container, sep, 1.0)
    work_orders.confirm_work_order(container, sep.id, actor="pat", roles=PLANNER, on=date(2026, 10, 5))
    _cancel(container, [wo for wo in first if wo.id != sep.id])
    with pytest.raises(Conflict) as e:
        work_orders.release_period(container, plan_id, "2026-Q4", actor="pat", roles=PLANNER)
    assert [p.reason for p in e.value.problems] == [f"WO-{sep.id} (SEP-BT1) is confirmed"]


def _copy(row: WorkOrderRow, status: str) -> WorkOrderRow:
    return WorkOrderRow(
        plan_id=row.plan_id,
        period=row.period,
        step=row.step,
        plant=row.plant,
        kind=row.kind,
        process=row.process,
        recovery=row.recovery,
        status=status,
        planned_feed_t=row.planned_feed_t,
        planned_outputs_t=row.planned_outputs_t,
        planned_t_reo=row.planned_t_reo,
        released_at=datetime.now(UTC),
        released_by="db",
    )


def test_the_database_keeps_one_live_order_per_step_of_a_period(container: Container) -> None:
    """Two releases at once both pass the service's check; the partial unique index refuses the later one.
    Cancelled orders of the same step do not count."""
    _, first = _released(container)
    with container.uow() as uow:
        s = uow.session
        row = s.get(WorkOrderRow, first[0].id)
        assert row is not None
        for status in ("open", "confirmed"):
            with pytest.raises(IntegrityError), s.begin_nested():
                s.add(_copy(row, status))
                s.flush()
        with s.begin_nested():
            s.add_all([_copy(row, "cancelled"), _copy(row, "cancelled")])
            s.flush()
        row.status = "cancelled"
        s.flush()
        with s.begin_nested():
            s.add(_copy(row, "open"))  # every earlier order of the step is cancelled: one live order again
            s.flush()
        steps = s.scalars(select(WorkOrderRow.status).where(WorkOrderRow.step == row.step)).all()
        assert sorted(steps) == ["cancelled"] * 3 + ["open"]


def test_release_again_through_the_api_and_the_plan_page(container: Container) -> None:
    plan_id, first = _released(container)
    api = api_client(container, Role.PLANNER)
    url = f"/api/plans/{plan_id}/periods/2026-Q4/release"
    for wo in first[1:]:
        r = api.post(f"/api/plans/work-orders/{wo.id}/cancel", json={"reason": "re-plan"})
        assert r.status_code == 200, r.text
    refused = api.post(url)
    assert refused.status_code == 409
    assert f"WO-{first[0].id}" in refused.text
    execution = api.get(f"/api/plans/{plan_id}/execution").json()
    assert "2026-Q4" in execution["released_periods"] and "2026-Q4" not in execution["releasable_periods"]

    page = _page_client(container, "planner-again", Role.PLANNER)
    assert "(again: its work orders were cancelled)" not in page.get(f"/plans/{plan_id}").text
    r = api.post(f"/api/plans/work-orders/{first[0].id}/cancel", json={"reason": "re-plan"})
    assert r.status_code == 200, r.text
    assert "2026-Q4" in api.get(f"/api/plans/{plan_id}/execution").json()["releasable_periods"]
    shown = page.get(f"/plans/{plan_id}").text
    assert '<option value="2026-Q4">2026-Q4 (again: its work orders were cancelled)</option>' in shown
    r = page.post(
        f"/plans/{plan_id}/release",
        data={"csrf_token": _csrf(page, f"/plans/{plan_id}"), "period": "2026-Q4"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    orders = api.get(f"/api/plans/{plan_id}/work-orders?period=2026-Q4").json()
    assert sorted(o["status"] for o in orders) == ["cancelled"] * len(first) + ["open"] * len(first)
    assert api.post(url).status_code == 409
