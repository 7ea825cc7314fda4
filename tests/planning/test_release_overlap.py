"""Two plans must not send the same plant work for the same days: releasing a period that overlaps another
plan's open work orders is a Conflict until they are confirmed or cancelled; cancelling is audited and
posts nothing (services, API and the plan page)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, Forbidden, InvalidInput
from reechain.domain.roles import Role
from reechain.services import ledger, work_orders
from reechain.services.planning import run_plan
from reechain.services.sample import load_sample_group
from reechain.store.tables.compliance import AuditRow

from .test_web import _csrf, _page_client
from .test_work_orders_edges import api_client

PLANNER = frozenset({Role.PLANNER})
TODAY = date(2026, 10, 1)
CUT = ["quotas.separation-2026-Northern-Sample-Group.limit_t_reo=165000"]


def test_a_second_plan_waits_until_the_first_plans_open_orders_are_cancelled(container: Container) -> None:
    load_sample_group(container)
    first = run_plan(container, 2026, today=TODAY)
    second = run_plan(container, 2026, today=TODAY, overrides=CUT)
    monthly = run_plan(container, 2026, today=TODAY, period_kind="months")
    released = work_orders.release_period(container, first["id"], "2026-Q4", actor="pat", roles=PLANNER)
    with pytest.raises(Conflict) as e:
        work_orders.release_period(container, second["id"], "2026-Q4", actor="pat", roles=PLANNER)
    named = " ".join(p.reason for p in e.value.problems)
    assert all(f"WO-{wo.id} of plan {first['id']}" in named for wo in released)
    with pytest.raises(Conflict):  # October lies inside the fourth quarter
        work_orders.release_period(container, monthly["id"], "2026-10", actor="pat", roles=PLANNER)
    assert work_orders.list_work_orders(container, second["id"]) == []

    sep = next(wo for wo in released if wo.step == "SEP-BT1")
    with pytest.raises(Forbidden):
        work_orders.cancel_work_order(container, sep.id, actor="x", roles={Role.ANALYST}, reason="no feed")
    with pytest.raises(InvalidInput):
        work_orders.cancel_work_order(container, sep.id, actor="pat", roles=PLANNER, reason=" ")
    moves = len(ledger.list_movements(container, location="SEP-BT1"))
    for wo in released:
        done = work_orders.cancel_work_order(
            container, wo.id, actor="pat", roles=PLANNER, reason="re-planned"
        )
        assert done.status == "cancelled"
    assert len(ledger.list_movements(container, location="SEP-BT1")) == moves  # nothing posted
    with pytest.raises(Conflict, match="is cancelled"):
        work_orders.confirm_work_order(container, sep.id, actor="pat", roles=PLANNER)
    with pytest.raises(Conflict, match="is cancelled"):
        work_orders.cancel_work_order(container, sep.id, actor="pat", roles=PLANNER, reason="again")
    with container.uow() as uow:
        actions = list(
            uow.session.scalars(select(AuditRow.payload).where(AuditRow.action == "plan.work_order.cancel"))
        )
    assert len(actions) == len(released) and all("re-planned" in a for a in actions)
    execution = work_orders.plan_execution(container, first["id"])
    assert all(r.released_t_reo == 0 for r in execution.elements)  # cancelled orders release nothing

    again = work_orders.release_period(container, second["id"], "2026-Q4", actor="pat", roles=PLANNER)
    assert {wo.step for wo in again} >= {"SEP-BT1"}


def test_cancel_through_the_api_and_the_plan_page(container: Container) -> None:
    load_sample_group(container)
    plan = run_plan(container, 2026, today=TODAY)
    first, second = work_orders.release_period(container, plan["id"], "2026-Q4", actor="pat", roles=PLANNER)[
        :2
    ]
    api = api_client(container, Role.PLANNER)
    url = f"/api/plans/work-orders/{first.id}/cancel"
    assert api.post(url, json={"reason": ""}).status_code == 422
    r = api.post(url, json={"reason": "plant stopped"})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "cancelled"
    assert api.post(url, json={"reason": "plant stopped"}).status_code == 409

    page = _page_client(container, "planner-page", Role.PLANNER)
    r = page.post(
        f"/plans/work-orders/{second.id}/cancel",
        data={"csrf_token": _csrf(page, f"/plans/{plan['id']}"), "reason": "no feed"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert work_orders.get_work_order(container, second.id).status == "cancelled"
    shown = page.get(f"/plans/{plan['id']}").text
    assert f'data-testid="cancel-{second.id}"' not in shown and "cancelled (see the audit trail)" in shown
