"""The order-check form and a sales order's Check button in headless chromium against a real server, with
the real screener on MOFCOM's control/watch list fixture."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import uvicorn

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.locations import Location, LocationKind
from reechain.domain.products import Form, Product
from reechain.domain.roles import Role
from reechain.services import compliance as svc
from reechain.services import ledger, sales, screening
from reechain.services.auth import create_user
from reechain.trade.channels import Channel
from reechain.trade.orders import OrderInput

from .support import PASSWORD

pytestmark = pytest.mark.browser
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WATCH_LIST = screening.SAMPLE_LISTS_DIR / "mofcom_control_2026-07-24.json"
LISTED = "日本電磁測器株式會社"  # MOFCOM watch-list entry 日本电磁测器株式会社, in traditional characters


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with its smallest cost: the production parameters take ~0.3 s per hash, on purpose."""
    from argon2 import PasswordHasher

    from reechain.services import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def world(sqlite_file_container: Container) -> Container:
    c = sqlite_file_container
    for loc in (
        Location("CUST-CN", "Domestic magnet maker", LocationKind.CUSTOMER, country="CN"),
        Location("CUST-JP", "Example Magnetics K.K.", LocationKind.CUSTOMER, country="JP"),
    ):
        ledger.define_location(c, loc)
    for p in (
        Product("DY-OX-995", "Dy oxide 99.5%", Form.OXIDE, 1.0, {"Dy": 1.0}, purity=0.995),
        Product("LA-OX", "La oxide", Form.OXIDE, 1.0, {"La": 1.0}, purity=0.9999),
    ):
        ledger.define_product(c, p)
    screening.import_list(c, WATCH_LIST, "mofcom-control", "mofcom-control")
    svc.clear_screening_cache()
    create_user(c, "alice", [Role.COMPLIANCE_OFFICER], PASSWORD)
    create_user(c, "tom", [Role.TRADER], PASSWORD)
    return c


@pytest.fixture
def server(world: Container) -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    srv = uvicorn.Server(uvicorn.Config(create_app(world), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    srv.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        yield b
        b.close()


def login(browser: Any, url: str, name: str, path: str) -> Any:
    page = browser.new_context().new_page()
    page.set_default_timeout(30_000)  # the machine may be busy
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors
    page.goto(url + "/login")
    page.fill("#username", name)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=current-user]")
    page.goto(url + path)
    return page


def test_officer_fills_the_form_and_sees_the_decision_and_the_hit(browser: Any, server: str) -> None:
    page = login(browser, server, "alice", "/compliance")
    form = "[data-testid=check-form]"
    page.fill("#f-order_id", "EX-FORM-1")
    page.fill("#f-date", "2026-09-01")
    page.fill("#f-exporter_name", "Northern Sample Rare Earth Group International Trade Co., Ltd.")
    page.fill("#f-destination_country", "JP")
    # the blank form has a buyer and an end-user row; add a forwarder, then add and remove a spare row
    page.fill(f"{form} [name=party-0-name]", "Example Magnetics K.K.")
    page.fill(f"{form} [name=party-0-country]", "JP")
    page.fill(f"{form} [name=party-1-name]", LISTED)
    page.select_option(f"{form} [name=party-1-schema]", "Company")
    page.fill(f"{form} [name=party-1-country]", "JP")
    page.click("[data-testid=add-party]")
    page.select_option(f"{form} [name=party-2-role]", "forwarder")
    page.fill(f"{form} [name=party-2-name]", "Example Logistics (Tianjin) Co., Ltd.")
    page.click("[data-testid=add-party]")
    assert page.locator(f"{form} [data-testid=party-row]").count() == 4
    page.locator(f"{form} [data-testid=party-row]").nth(3).locator("[data-remove-row]").click()
    assert page.locator(f"{form} [data-testid=party-row]").count() == 3
    page.fill(f"{form} [name=line-0-product]", "Dy2O3")
    page.select_option(f"{form} [name=line-0-form]", "oxide")
    page.fill(f"{form} [name=line-0-hs_code]", "2846901500")
    page.fill(f"{form} [name=line-0-composition]", "Dy=1")
    page.fill(f"{form} [name=line-0-quantity_kg]", "abc")  # a typo first

    with page.expect_navigation():
        page.click("[data-testid=check-submit]")
    assert page.inner_text("[data-testid=error-line-0-quantity_kg]") == "not a number: 'abc'"
    assert "nothing was saved" in page.inner_text("[data-testid=form-errors]")
    assert page.input_value(f"{form} [name=party-2-name]") == "Example Logistics (Tianjin) Co., Ltd."

    page.fill(f"{form} [name=line-0-quantity_kg]", "200")
    with page.expect_navigation():
        page.click("[data-testid=check-submit]")
    assert page.inner_text("[data-testid=decision-value]") == "hold"
    hit = page.locator("[data-testid=decision] [data-testid=hit]").first
    assert hit.locator("[data-testid=hit-party]").inner_text() == LISTED
    assert "日本电磁测器株式会社" in hit.locator("[data-testid=hit-entry]").inner_text()
    assert "Nihon Denji Sokki Co., Ltd" in hit.locator("[data-testid=hit-aliases]").inner_text()
    assert "export_control_watch_list" in hit.locator("[data-testid=hit-programs]").inner_text()
    features = hit.locator("[data-testid=hit-features]").inner_text()
    assert "core_name" in features and "transliteration" in features
    state = page.inner_text("[data-testid=hold-state]")
    assert "nobody yet" in state and "needs 2 approvals" in state
    # 422 answers are logged by chromium; nothing else (no CSP or script error)
    assert [e for e in page.console_errors if "status of 422" not in e] == []


def test_check_button_on_a_sales_order_shows_its_decision(
    browser: Any, server: str, world: Container
) -> None:
    doc = {
        "parties": [
            {"role": "buyer", "name": "Example Magnetics K.K.", "country": "JP"},
            {"role": "end_user", "name": LISTED, "country": "JP"},
        ],
        "end_use": "magnetic sensors",
        "hs_code": "2846901500",
    }
    order = OrderInput("EX-7", Channel.SPOT, "CUST-JP", "DY-OX-995", 0.2, date.today(), "JP", export_doc=doc)
    sales.add_order(world, order, by="tom")
    sales.add_order(world, OrderInput("CN-1", Channel.SPOT, "CUST-CN", "LA-OX", 1.0, date.today()), by="tom")
    page = login(browser, server, "tom", "/sales")
    assert page.locator("[data-testid=check-CN-1]").count() == 1  # every open order has the button
    with page.expect_navigation():
        page.click("[data-testid=check-EX-7]")
    assert "Order EX-7: hold" in page.inner_text(".flash")
    assert page.inner_text("[data-testid=decision-value]") == "hold"
    hit = page.locator("[data-testid=decision] [data-testid=hit]").first
    assert hit.locator("[data-testid=hit-party]").inner_text() == LISTED
    assert "Nihon Denji Sokki Co., Ltd" in hit.locator("[data-testid=hit-aliases]").inner_text()
    assert "needs 2 approvals" in page.inner_text("[data-testid=hold-state]")
    with page.expect_navigation():
        page.click("[data-testid=decision-EX-7]")
    assert page.inner_text("[data-testid=decision-value]") == "hold"
    # a domestic order needs no export check: the refusal says so
    page.goto(server + "/sales")
    with page.expect_navigation():
        page.click("[data-testid=check-CN-1]")
    assert "domestic: it needs no export check" in page.inner_text("[data-testid=error]")
