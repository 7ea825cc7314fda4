"""End to end in headless chromium against a real server."""

from __future__ import annotations

from typing import Any

import pytest

from reechain.domain.roles import Role
from reechain.services.auth import create_user

from .conftest import LiveServer

pytestmark = pytest.mark.browser
PASSWORD = "browser-pass-1"


def login(page: Any, server: LiveServer, username: str) -> None:
    page.goto(server.url + "/")
    assert "/login" in page.url
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=current-user]")


def test_login_failure_then_success(page: Any, live_server: LiveServer) -> None:
    create_user(live_server.container, "pat", [Role.PLANNER], PASSWORD)
    page.goto(live_server.url + "/login")
    page.fill("#username", "pat")
    page.fill("#password", "not-the-password")
    page.click("button[type=submit]")
    assert "wrong username or password" in page.inner_text("[data-testid=error]")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    assert "pat" in page.inner_text("[data-testid=current-user]")
    page.click("text=Log out")
    page.wait_for_selector("#username")


def test_api_docs_work_offline(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/docs")
    page.wait_for_selector('.opblock-summary-path[data-path="/api/me"]')
    assert page.console_errors == []


def test_overview_post_movement_see_stock_change_and_bad_movement(page: Any, live_server: LiveServer) -> None:
    from .group import load_small_group

    load_small_group(live_server.container)
    create_user(live_server.container, "ivy", [Role.INVENTORY_CONTROLLER], PASSWORD)
    login(page, live_server, "ivy")
    page.goto(live_server.url + "/?year=2026")
    assert page.inner_text("[data-testid=total-t-reo]") == "76.830"
    page.wait_for_selector("div[data-plotly] .main-svg")  # Plotly.js, served locally, drew the charts
    assert page.locator("div[data-plotly][data-drawn]").count() == 3

    page.click("nav >> text=Movements")
    page.select_option("#f-kind", "receipt")
    page.fill("#f-date", "2026-03-05")
    page.fill("#f-lot", "DY-009")
    page.fill("#f-product", "DY-OX")
    page.fill("#f-quantity_t", "3")
    page.fill("#f-to_location", "WH-1")
    page.select_option("#f-source", "purchase")
    page.click("[data-testid=movement-form] button[type=submit]")
    assert "Posted receipt of 3 t of lot DY-009" in page.inner_text(".flash")
    page.goto(live_server.url + "/stock?by=element")
    assert page.inner_text("[data-testid=t-reo-Dy]") == "4.950"
    # htmx: changing a filter swaps the table and chart in place and keeps the address bookmarkable
    page.select_option("select[name=by]", "lot")
    page.wait_for_selector("a[href='/stock/lots/DY-009']")
    assert "by=lot" in page.url
    page.wait_for_selector("#stock-result div[data-plotly][data-drawn] .main-svg")

    page.goto(live_server.url + "/movements")
    page.select_option("#f-kind", "sale")
    page.fill("#f-date", "2026-03-06")
    page.fill("#f-lot", "DY-001")
    page.fill("#f-quantity_t", "50")
    page.fill("#f-from_location", "WH-1")
    page.fill("#f-to_location", "CUST-JP")
    page.click("[data-testid=movement-form] button[type=submit]")
    assert "not posted" in page.inner_text("[data-testid=error]")
    assert page.input_value("#f-quantity_t") == "50"
    page.goto(live_server.url + "/stock?by=element")
    assert page.inner_text("[data-testid=t-reo-Dy]") == "4.950"
    # the refused post answers 422, which chromium logs; nothing else (no CSP or script error)
    assert [e for e in page.console_errors if "status of 422" not in e] == []


def test_overview_explains_prnd_stock_with_the_bridge(page: Any, live_server: LiveServer) -> None:
    from .group import load_small_group

    load_small_group(live_server.container)
    create_user(live_server.container, "pia", [Role.PLANNER], PASSWORD)
    login(page, live_server, "pia")
    page.goto(live_server.url + "/stock?by=element")
    held = {el: float(page.inner_text(f"[data-testid=t-reo-{el}]").replace(",", "")) for el in ("Pr", "Nd")}
    page.goto(live_server.url + "/?year=2026")
    page.click("[data-testid=overview-bridge-PrNd]")
    page.wait_for_selector("[data-testid=bridge-table]")
    closing = float(page.inner_text("[data-testid=bridge-closing]").replace(",", ""))
    assert abs(closing - (held["Pr"] + held["Nd"])) < 1e-3  # the bridge ends where the stock page stands
    assert "+0.000000" in page.inner_text("[data-testid=bridge-check]")
    page.wait_for_selector("div[data-plotly][data-drawn] .main-svg")  # the waterfall
    page.click("[data-testid=bridge-table] a >> nth=0")  # a movement behind a line leads to its lot's trace
    page.wait_for_url("**/stock/lots/**")
    assert page.console_errors == []


def test_auditor_is_refused_a_write(page: Any, live_server: LiveServer) -> None:
    from .group import load_small_group

    load_small_group(live_server.container)
    create_user(live_server.container, "aud", [Role.AUDITOR], PASSWORD)
    login(page, live_server, "aud")
    page.goto(live_server.url + "/movements")
    page.fill("#f-date", "2026-03-05")
    page.fill("#f-lot", "DY-010")
    page.fill("#f-product", "DY-OX")
    page.fill("#f-quantity_t", "1")
    page.fill("#f-to_location", "WH-1")
    page.select_option("#f-source", "purchase")
    page.click("[data-testid=movement-form] button[type=submit]")
    assert "needs the role" in page.inner_text("[data-testid=error]")
    page.goto(live_server.url + "/movements")
    assert "DY-010" not in page.inner_text("[data-testid=movements-table]")
