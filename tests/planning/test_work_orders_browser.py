"""Plan execution on the Plan page in headless chromium against a real server: a planner releases a period
of a plan built from the sample group, confirms a work order with an actual feed below the plan, and sees the
posted transformation and plan versus actual."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from reechain.bootstrap import Container
from reechain.domain.movements import MovementInput, MovementKind, ReceiptSource
from reechain.domain.roles import Role
from reechain.services import ledger, work_orders
from reechain.services.auth import create_user
from reechain.services.planning import run_plan
from reechain.services.sample import load_sample_group

from .test_plan_browser import PASSWORD, cheap_password_hashing, page, server_url  # noqa: F401

pytestmark = pytest.mark.browser


def test_planner_releases_a_period_and_confirms_a_work_order(
    page: Any,  # noqa: F811
    server_url: str,  # noqa: F811
    sqlite_file_container: Container,
) -> None:
    c = sqlite_file_container
    load_sample_group(c)
    plan = run_plan(c, 2026, today=date(2026, 10, 1))
    feed = plan["periods"][0]["plants"]["SEP-BT1"]["feed_t"]
    (product, planned_t) = next((k, v) for k, v in feed.items() if v > 0)
    actual_t = round(planned_t * 0.8, 3)
    ledger.post_movement(
        c,
        MovementInput(
            MovementKind.RECEIPT,
            date(2026, 10, 2),
            lot="FEED-BROWSER",
            product=product,
            quantity_t=actual_t,
            to_location="SEP-BT1",
            source=ReceiptSource.PURCHASE,
        ),
    )
    create_user(c, "plana", [Role.PLANNER], PASSWORD)
    page.set_default_timeout(60_000)  # the shared 2-core machine can take > 10 s per page under load
    page.goto(server_url + "/login")
    page.fill("#username", "plana")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=current-user]")
    page.goto(f"{server_url}/plans/{plan['id']}")
    page.select_option("[data-testid=release-form] select", "2026-Q4")
    page.click("[data-testid=release-form] button[type=submit]")
    page.wait_for_selector("[data-testid=work-orders]")
    assert "Released 2026-Q4" in page.inner_text(".flash")
    (wo,) = [w for w in work_orders.list_work_orders(c, plan["id"]) if w.step == "SEP-BT1"]
    form = f"[data-testid=confirm-{wo.id}]"
    page.fill(f"{form} input[name='actual.{product}']", f"{actual_t}")
    page.fill(f"{form} input[name=on]", "2026-10-05")
    page.click(f"{form} button[type=submit]")
    page.wait_for_selector(f"[data-testid=wo-{wo.id}] [data-testid=status]:has-text('confirmed')")
    assert f"WO-{wo.id}" in page.inner_text(".flash")
    done = work_orders.get_work_order(c, wo.id)
    assert done.actual_feed_t == {product: actual_t} and done.occurred_on == date(2026, 10, 5)
    assert done.actual_t_reo is not None
    rows = page.locator("[data-testid=plan-vs-actual] tr")
    cells = {}
    for i in range(1, rows.count()):
        texts = rows.nth(i).locator("td").all_inner_texts()
        cells[(texts[0], texts[1])] = float(texts[4].replace(",", ""))
    assert cells[("2026-Q4", "Nd")] == pytest.approx(done.actual_t_reo["Nd"], abs=1e-3)
    page.wait_for_selector("div[aria-label='plan versus actual by element'][data-drawn] .main-svg")
    assert page.console_errors == []
