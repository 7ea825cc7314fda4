"""The Inventory page end to end in headless chromium against a real server: an inventory controller sets a
policy through the form and sees it against stock with an alert; pastes the PrNd base-stock item of the
starter policy file and sees it computed, simulated and charted; an auditor is refused setting a policy."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import uvicorn
import yaml

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services import inventory, ledger
from reechain.services.auth import create_user

from .world import define_stock_world, receipt

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "inventory-browser-pass-1"
PRND = "PrNd-oxide@main-warehouse"
SIM_CHART = f"div[aria-label='simulation of {PRND}']"


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with its smallest cost: the production parameters take ~0.3 s per hash, on purpose."""
    from argon2 import PasswordHasher

    from reechain.services import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def world(sqlite_file_container: Container) -> Container:
    """Two warehouses; 2 t Dy oxide in WH1 and 10 t La oxide in WH2, received today."""
    c = sqlite_file_container
    define_stock_world(c)
    today = date.today()
    ledger.post_movements(
        c, [receipt("DY-1", "DY-OX", 2.0, today), receipt("LA-1", "LA-OX", 10.0, today, "WH2")]
    )
    return c


@pytest.fixture
def server_url(world: Container) -> Iterator[str]:
    """A real uvicorn server in a thread on a free loopback port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(world), log_level="warning", lifespan="off")
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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    pg: Any = context.new_page()
    pg.set_default_timeout(30_000)
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.console_errors = errors
    yield pg
    context.close()


def login_and_open_inventory(page: Any, server_url: str, username: str) -> None:
    page.goto(server_url + "/")
    assert "/login" in page.url
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=current-user]")
    page.click("nav >> text=Inventory")
    page.wait_for_selector("[data-testid=simulate-form]")
    assert page.url.endswith("/inventory")


def fill_policy_form(page: Any, product: str, location: str, levels: dict[str, str]) -> None:
    page.click("summary:has-text('Set a policy')")
    page.select_option("[data-testid=policy-form] #product", product)
    page.select_option("[data-testid=policy-form] #location", location)
    for name, value in levels.items():
        page.fill(f"[data-testid=policy-form] #{name}", value)
    with page.expect_navigation():  # read the answer, not the page the form was on
        page.click("[data-testid=policy-form] button[type=submit]")


def table_rows(page: Any, testid: str) -> list[list[str]]:
    """The cells of each data row of a table (header row left out)."""
    rows = page.locator(f"[data-testid={testid}] tr")
    return [rows.nth(i).locator("td").all_inner_texts() for i in range(1, rows.count())]


def alerts_for(page: Any, product: str) -> list[tuple[str, str, str]]:
    """(severity, kind, location) of each alert on PRODUCT."""
    return [(r[0], r[1], r[3]) for r in table_rows(page, "alerts") if len(r) == 5 and r[2] == product]


def test_controller_sets_a_policy_and_sees_it_against_stock_with_an_alert(
    page: Any, server_url: str, world: Container
) -> None:
    create_user(world, "ivy", [Role.INVENTORY_CONTROLLER], PASSWORD)
    login_and_open_inventory(page, server_url, "ivy")
    assert "No stock policy yet." in page.inner_text("[data-testid=policies]")
    assert [a for a in alerts_for(page, "DY-OX") if a[1].startswith("below")] == []

    # 2 t of Dy oxide in WH1 against a safety stock of 5 t and a reorder point of 8 t: below safety stock
    fill_policy_form(
        page, "DY-OX", "WH1", {"safety_stock_t": "5", "reorder_point_t": "8", "order_quantity_t": "6"}
    )
    assert "Policy for DY-OX at WH1 saved." in page.inner_text(".flash")
    assert table_rows(page, "policies") == [
        ["DY-OX", "WH1", "2.000", "5.000", "8.000", "6.000", "", "", "", "web"]
    ]
    assert ("bad", "below_safety_stock", "WH1") in alerts_for(page, "DY-OX")
    # 10 t of La oxide (all locations) within a band of 4–20 t: listed, no stock-level alert
    fill_policy_form(page, "LA-OX", "*", {"min_t": "4", "max_t": "20"})
    la_row = table_rows(page, "policies")[1]
    assert la_row[:3] == ["LA-OX", "all locations", "10.000"] and la_row[3:] == [
        "",
        "",
        "",
        "4.000",
        "20.000",
        "",
        "web",
    ]
    assert [a for a in alerts_for(page, "LA-OX") if a[1] in ("below_band", "above_band")] == []
    # raised to a band of 12–20 t, the same stock is now below it
    fill_policy_form(page, "LA-OX", "*", {"min_t": "12", "max_t": "20"})
    assert ("bad", "below_band", "all locations") in alerts_for(page, "LA-OX")
    stored = {(p.product, p.location): p for p in inventory.list_policies(world)}
    assert stored["DY-OX", "WH1"].safety_stock_t == 5.0 and stored["LA-OX", "*"].min_t == 12.0

    # a level that is not a number: refused, naming the field, nothing stored
    fill_policy_form(page, "DY-OX", "WH2", {"safety_stock_t": "five"})
    assert "not a number" in page.inner_text("[data-testid=error]")
    assert ("DY-OX", "WH2") not in {(p.product, p.location) for p in inventory.list_policies(world)}
    assert [e for e in page.console_errors if "status of 422" not in e] == []


def prnd_policy_file(shared_dir: Path) -> str:
    """The PrNd base-stock item of the starter policy file, as a policy file of its own."""
    doc = yaml.safe_load((shared_dir / "examples" / "stock_policy.yaml").read_text(encoding="utf-8"))
    item = next(i for i in doc["items"] if i["id"] == PRND)
    assert item["model"] == "base_stock"
    return yaml.safe_dump({"currency": doc["currency"], "items": [item]}, sort_keys=False)


def test_controller_pastes_the_prnd_item_and_sees_it_simulated_with_a_chart(
    page: Any, server_url: str, world: Container, shared_dir: Path
) -> None:
    create_user(world, "ivo", [Role.INVENTORY_CONTROLLER], PASSWORD)
    login_and_open_inventory(page, server_url, "ivo")
    page.fill("#policy_text", prnd_policy_file(shared_dir))
    page.fill("#item", PRND)
    page.fill("#periods", "20000")
    page.fill("#seed", "7")
    with page.expect_navigation():
        page.click("[data-testid=simulate-form] button[type=submit]")
    page.wait_for_selector("[data-testid=simulation]")

    # normal demand N(40, 6²) per week over L+1 = 3 weeks: mean 120, std 6√3 = 10.392; critical ratio
    # p/(p+h) = 1/1.2, z = 0.96742; S = 120 + 0.96742·10.392 = 130.054; cost (h+p)σφ(z) = 3.11583 per week
    [result] = table_rows(page, "policy-results")
    assert result[:2] == [PRND, "base_stock"]
    assert "base_stock_level=130.054" in result[2] and "expected_cost=3.11583" in result[2]
    sim = {r[0]: r[1] for r in table_rows(page, "simulation")}
    assert sim["item_id"] == PRND and sim["periods"] == "20000" and sim["orders"] == "20000"
    assert sim["expected_cost"] == "3.11583"
    # over 20,000 weeks: cost near the analytic 3.11583, stock-outs in about 1 − 1/1.2 = 1/6 of weeks
    assert float(sim["cost_per_period"]) == pytest.approx(3.11583, rel=0.03)
    assert int(sim["stockout_periods"]) / 20000 == pytest.approx(1 / 6, abs=0.01)
    # the page shows what the service computes for the same file and seed
    expected, _ = inventory.simulate_policy_text(prnd_policy_file(shared_dir), PRND, periods=20000, seed=7)
    assert float(sim["fill_rate"]) == pytest.approx(expected.fill_rate, rel=1e-5)
    assert float(sim["average_on_hand"]) == pytest.approx(expected.average_on_hand, rel=1e-5)

    # Plotly.js drew the simulation: level and position per week, the base-stock level as a line
    page.wait_for_selector(f"{SIM_CHART}[data-drawn] .main-svg")
    legend = page.locator(f"{SIM_CHART} .legendtext").all_text_contents()
    assert sorted(legend) == ["inventory level (end of period)", "inventory position"]
    spec = json.loads(page.get_attribute(SIM_CHART, "data-plotly"))
    assert len(spec["data"][0]["y"]) == 20000
    assert [s["y0"] for s in spec["layout"]["shapes"]] == [pytest.approx(130.0537, abs=1e-3)]
    # the pasted text and the item stay in the form for another run
    assert PRND in page.input_value("#policy_text") and page.input_value("#item") == PRND

    # a broken file: refused with the reason, no figures
    page.fill("#policy_text", "items: []")
    with page.expect_navigation():
        page.click("[data-testid=simulate-form] button[type=submit]")
    page.wait_for_selector("[data-testid=sim-error]")
    assert page.locator("[data-testid=simulation]").count() == 0
    assert [e for e in page.console_errors if "status of 422" not in e] == []


def test_auditor_is_refused_setting_a_policy(page: Any, server_url: str, world: Container) -> None:
    create_user(world, "aud", [Role.AUDITOR], PASSWORD)
    login_and_open_inventory(page, server_url, "aud")
    fill_policy_form(page, "DY-OX", "WH1", {"safety_stock_t": "5"})
    assert "needs the role" in page.inner_text("[data-testid=error]")
    assert inventory.list_policies(world) == []
    page.goto(server_url + "/inventory")
    assert "No stock policy yet." in page.inner_text("[data-testid=policies]")
    assert [a for a in alerts_for(page, "DY-OX") if a[1] == "below_safety_stock"] == []
