"""The stock policy form in headless chromium against a real server: the model's own fields shown, a
textbook EOQ computed, a bad band refused on its field."""

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
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "policy-form-browser-1"
FORM = "[data-testid=policy-calc-form]"


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with its smallest cost: the production parameters take ~0.3 s per hash, on purpose."""
    from argon2 import PasswordHasher

    from reechain.services import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def server_url(sqlite_file_container: Container) -> Iterator[str]:
    create_user(sqlite_file_container, "ivy", [Role.INVENTORY_CONTROLLER], PASSWORD)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(
        uvicorn.Config(create_app(sqlite_file_container), log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def page(server_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        pg: Any = browser.new_context().new_page()
        pg.set_default_timeout(30_000)  # the machine may be busy
        errors: list[str] = []
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.console_errors = errors
        pg.goto(server_url + "/login")
        pg.fill("#username", "ivy")
        pg.fill("#password", PASSWORD)
        pg.click("button[type=submit]")
        pg.wait_for_selector("[data-testid=current-user]")
        pg.goto(server_url + "/inventory")
        yield pg
        browser.close()


def test_eoq_from_the_form_and_a_band_refused_on_its_field(page: Any) -> None:
    # the blank form is the example's s_S item: its demand fields are shown, the band's are not
    assert page.is_visible(f"{FORM} #pf-demand_mean") and not page.is_visible(f"{FORM} #pf-band_min")
    page.select_option(f"{FORM} #pf-model", "eoq")
    assert page.is_visible(f"{FORM} #pf-demand_rate") and not page.is_visible(f"{FORM} #pf-demand_mean")
    page.fill(f"{FORM} #pf-item_id", "CeO2@port-warehouse")
    page.select_option(f"{FORM} #pf-period", "year")
    page.fill(f"{FORM} #pf-demand_rate", "2400")
    page.fill(f"{FORM} #pf-order_cost", "150")
    page.fill(f"{FORM} #pf-holding_cost", "25")
    page.fill(f"{FORM} #pf-stockout_cost", "")  # kept from the s_S example: no planned backorders here
    with page.expect_navigation():
        page.click("[data-testid=pf-submit]")
    # EOQ = sqrt(2 K D / h) = sqrt(2 · 150 · 2400 / 25) = 169.706; cost = sqrt(2 K D h) = 4242.64 per year
    assert page.inner_text("[data-testid=pf-order_quantity]") == "169.706"
    assert page.inner_text("[data-testid=pf-cost]") == "4242.64"
    assert page.input_value(f"{FORM} #pf-model") == "eoq"  # the form keeps what was typed

    page.select_option(f"{FORM} #pf-model", "band")
    page.fill(f"{FORM} #pf-band_min", "30")
    page.fill(f"{FORM} #pf-band_max", "10")
    page.fill(f"{FORM} #pf-stock_position", "27")
    with page.expect_navigation():
        page.click("[data-testid=pf-submit]")
    assert "must be ≥ min (30)" in page.inner_text("[data-testid=pf-error-band_max]")
    assert page.locator("[data-testid=pf-result]").count() == 0
    page.fill(f"{FORM} #pf-band_max", "100")
    page.fill(f"{FORM} #pf-lot_multiple", "10")
    with page.expect_navigation():
        page.click("[data-testid=pf-submit]")
    # order up to max: 100 − 27 = 73 t, rounded up to the lot multiple of 10 → 80 t
    assert page.inner_text("[data-testid=pf-order_quantity]") == "80"
    assert [e for e in page.console_errors if "status of 422" not in e] == []
