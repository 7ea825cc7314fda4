"""The Market page in headless chromium against a real server: an analyst sees the concentration charts,
starts a scenario, watches its progress bar, gets a drawn fan chart (p5-p95 band and p50 line) and switches
element; a long run is cancelled from the page."""

from __future__ import annotations

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

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "market-browser-pass-1"
SCENARIO = """start: 2026-01
months: 18
runs: 600
seed: 4
shocks:
  - {kind: export_licensing, country: CN, elements: [Tb], start: 2026-03, end: 2026-08,
     export_share_allowed: 0.5}
"""


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    from argon2 import PasswordHasher

    from reechain.services import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def server_url(sqlite_file_container: Container) -> Iterator[str]:
    create_user(sqlite_file_container, "ana", [Role.ANALYST], PASSWORD)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(sqlite_file_container), log_level="warning", lifespan="off")
    )
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
def page(server_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pg: Any = browser.new_context().new_page()
        pg.set_default_timeout(20_000)
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.console_errors = errors
        pg.goto(server_url + "/")
        pg.fill("#username", "ana")
        pg.fill("#password", PASSWORD)
        pg.click("button[type=submit]")
        pg.wait_for_selector("[data-testid=current-user]")
        pg.click("nav >> text=Market")
        pg.wait_for_selector("[data-testid=scenario-form]")
        yield pg
        browser.close()


def test_analyst_runs_a_scenario_and_reads_its_fan_chart(page: Any) -> None:
    # the concentration charts are drawn by the locally served Plotly
    page.wait_for_selector("div[aria-label='shares mining'] .main-svg")
    assert "HHI 8,362" in page.inner_text("[data-testid=stage-separation]")  # 91² + 9²
    page.fill("#scenario", SCENARIO)
    page.fill("#name", "Tb licensing")
    with page.expect_navigation():
        page.click("[data-testid=scenario-form] button[type=submit]")
    assert "/market/runs/" in page.url
    page.wait_for_selector("[data-testid=run-progress]")
    page.wait_for_selector("[data-testid=run-state]:text-is('done')", timeout=240_000)
    page.wait_for_selector("div[aria-label='fan chart Tb ex_china'] .main-svg")
    fan = page.locator("div[aria-label='fan chart Tb ex_china']")
    traces = fan.evaluate("el => el.data.map(t => [t.name, t.fill || ''])")
    assert traces == [["p95", ""], ["p5–p95", "tonexty"], ["p50", ""]]
    p50 = fan.evaluate("el => el.data[2].y")
    assert p50[1] == 1.0 and max(p50) > 1.5  # index base 2026-02; licensing lifts the ex-China price
    band = fan.evaluate("el => el.data")
    assert all(lo <= mid <= hi for lo, mid, hi in zip(band[1]["y"], band[2]["y"], band[0]["y"], strict=True))
    assert page.locator("[data-testid=download-xlsx]").count() == 1
    page.select_option("[data-testid=element-form] select", "Nd")
    with page.expect_navigation():
        page.click("[data-testid=element-form] button[type=submit]")
    page.wait_for_selector("div[aria-label='fan chart Nd china'] .main-svg")
    assert page.console_errors == []


def test_a_long_run_is_cancelled_from_its_page(page: Any) -> None:
    page.fill("#scenario", "start: 2026-01\nmonths: 600\nruns: 20000\nseed: 1\nshocks: []\n")
    with page.expect_navigation():
        page.click("[data-testid=scenario-form] button[type=submit]")
    page.wait_for_selector("[data-testid=cancel-form]")
    with page.expect_navigation():
        page.click("[data-testid=cancel-form] button")
    page.wait_for_selector("[data-testid=run-state]:text-is('cancelled')", timeout=120_000)
