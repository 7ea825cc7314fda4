"""The Plan page end to end in headless chromium against a real server: a planner solves the starter example
through the page's upload form and sees the objective, the charts and the quota duals."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services.auth import create_user

from .cases import EXAMPLE

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "plan-browser-pass-1"
DUALS_CHART = "div[aria-label='value of one more tonne of quota']"


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with its smallest cost: the production parameters take ~0.3 s per hash, on purpose."""
    from argon2 import PasswordHasher

    from reechain.services import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def server_url(sqlite_file_container: Container) -> Iterator[str]:
    """A real uvicorn server in a thread on a free loopback port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(sqlite_file_container), log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pg: Any = browser.new_context().new_page()
        pg.set_default_timeout(30_000)
        errors: list[str] = []
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.console_errors = errors
        yield pg
        browser.close()


def _upload(page: Any, overrides: str = "") -> None:
    page.set_input_files("#file", str(EXAMPLE))
    page.fill("#upload-overrides", overrides)
    page.click("[data-testid=upload-form] button[type=submit]")
    page.wait_for_selector("[data-testid=objective]")


def _quota_values(page: Any) -> dict[str, str]:
    """Quota id → the "Value of one more t" cell of the quota table."""
    rows = page.locator("[data-testid=quotas] tr")
    out = {}
    for i in range(1, rows.count()):
        cells = rows.nth(i).locator("td").all_inner_texts()
        out[cells[0]] = cells[6]
    return out


def _duals_by_quota(page: Any) -> dict[str, list[float]]:
    """The figure drawn in the duals chart: quota → value per period."""
    spec = json.loads(page.get_attribute(DUALS_CHART, "data-plotly"))
    return {trace["name"]: [float(y) for y in trace["y"]] for trace in spec["data"]}


def test_planner_solves_the_starter_example_and_sees_objective_charts_and_duals(
    page: Any, server_url: str, sqlite_file_container: Container
) -> None:
    create_user(sqlite_file_container, "plana", [Role.PLANNER], PASSWORD)
    page.goto(server_url + "/")
    assert "/login" in page.url
    page.fill("#username", "plana")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=current-user]")
    page.click("nav >> text=Plan")
    page.wait_for_selector("[data-testid=upload-form]")
    assert "/plans" in page.url

    _upload(page)
    # the objective of the starter example (acceptance/expected.json: 3,769,384,273.897369 CNY)
    assert page.inner_text("[data-testid=objective]") == "3,769,384,273.90 CNY"
    page.wait_for_selector("div[data-plotly][data-drawn] .main-svg")  # Plotly.js drew the charts
    assert page.locator("div[data-plotly][data-drawn]").count() == 3
    page.wait_for_selector(f"{DUALS_CHART}[data-drawn] .main-svg")
    legend = page.locator(f"{DUALS_CHART} .legendtext").all_text_contents()
    assert sorted(legend) == ["mining-2026", "separation-2026"]
    # 13,126 t REO of the mining quota stay unused: neither quota binds, one more tonne is worth 0
    assert _quota_values(page) == {"mining-2026": "0", "separation-2026": "0"}
    assert _duals_by_quota(page) == {"mining-2026": [0.0] * 4, "separation-2026": [0.0] * 4}

    # the same file with the mining quota cut to 40,000 t REO (scenario line on the form): now it binds;
    # one more tonne is worth 71,310.27 CNY in every period (re-solving at 40,001 t gains that much)
    page.click("nav >> text=Plan")
    _upload(page, "quotas.mining-2026.limit_t_reo=40000")
    assert page.inner_text("[data-testid=objective]") == "3,287,544,410.18 CNY"
    page.wait_for_selector(f"{DUALS_CHART}[data-drawn] .main-svg")
    assert _quota_values(page) == {"mining-2026": "71,310", "separation-2026": "0"}
    duals = _duals_by_quota(page)
    assert duals["mining-2026"] == pytest.approx([71310.27] * 4, abs=0.01)
    assert duals["separation-2026"] == [0.0] * 4
    assert page.console_errors == []
