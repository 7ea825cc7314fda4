"""The Sales page end to end in headless chromium against a real server: a trader places a domestic order,
allocates it (seeing the lots chosen), ships it and sees stock fall, velocity and share by segment charted;
an export order stays `not checked` and cannot ship until the compliance gate clears it."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.compliance.licences import Licence
from reechain.domain.roles import Role
from reechain.services import compliance, screening
from reechain.services import sales as svc
from reechain.services.auth import create_user
from reechain.trade.channels import Channel
from reechain.trade.orders import OrderInput

from .world import define_trade_world

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "sales-browser-pass-1"
UEL = "data/screening/cn_mofcom/compliance_hub/china-unreliable-entity.json"
VELOCITY_CHART = "div[aria-label='sales velocity']"
SHARE_CHART = "div[aria-label='share by segment']"
EXPORT_DOC = {
    "parties": [
        {"role": "buyer", "name": "Example Magnetics K.K.", "country": "JP"},
        {"role": "consignee", "name": "Example Magnetics K.K.", "country": "JP"},
        {"role": "end_user", "name": "Example Magnetics Kyushu Plant", "country": "JP"},
    ],
    "end_use": "sintered NdFeB magnets for EV traction motors",
    "hs_code": "2846901500",
}


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with its smallest cost: the production parameters take ~0.3 s per hash, on purpose."""
    from argon2 import PasswordHasher

    from reechain.services import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def world(sqlite_file_container: Container, shared_dir: Path) -> Container:
    """The trading world (Dy oxide lots DY-B 3 t in WH2 from 5 Jan, DY-A 2 t in WH1 from 10 Jan, DY-P 9 t at
    the plant; La oxide 50 t) with the MOFCOM unreliable-entity list loaded for the compliance gate."""
    c = sqlite_file_container
    define_trade_world(c)
    screening.import_list(c, shared_dir / UEL, "mofcom-uel", "mofcom-uel")
    compliance.clear_screening_cache()  # another test's database may have had the same list version
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


def login_and_open_sales(page: Any, server_url: str, username: str) -> None:
    page.goto(server_url + "/")
    assert "/login" in page.url
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=current-user]")
    page.click("nav >> text=Sales")
    page.wait_for_selector("[data-testid=orders]")
    assert "/sales" in page.url


def add_order(page: Any, fields: dict[str, str]) -> None:
    page.goto(page.url.split("/sales")[0] + "/sales")
    page.click("summary:has-text('Add an order')")
    form = "[data-testid=order-form]"
    for name in ("channel", "customer", "product"):
        page.select_option(f"{form} #{name}", fields.pop(name))
    for name, value in fields.items():
        page.fill(f"{form} #{name}", value)
    with page.expect_navigation():  # read the answer, not the page the form was on
        page.click(f"{form} button[type=submit]")


def act(page: Any, code: str, action: str) -> None:
    with page.expect_navigation():
        page.click(f"form[action='/sales/orders/{code}/{action}'] button")


def order_row(page: Any, code: str) -> dict[str, str]:
    rows = page.locator("[data-testid=orders] tr")
    head = rows.nth(0).locator("th").all_inner_texts()
    for i in range(1, rows.count()):
        cells = rows.nth(i).locator("td").all_inner_texts()
        if cells[0] == code:
            return dict(zip(head, cells, strict=True))
    raise AssertionError(f"no order {code} on the page")


def stock_by_lot(page: Any, server_url: str, product: str) -> dict[str, str]:
    """Lot → t of product on the Stock page (grouped by lot, one product)."""
    page.goto(f"{server_url}/stock?by=lot&product={product}")
    rows = page.locator("[data-testid=stock-table] tr")
    out = {}
    for i in range(1, rows.count() - 1):  # header and total rows left out
        cells = rows.nth(i).locator("td").all_inner_texts()
        if len(cells) > 1:
            out[cells[0]] = cells[4]
    return out


def test_trader_places_allocates_and_ships_then_sees_stock_velocity_and_share(
    page: Any, server_url: str, world: Container
) -> None:
    create_user(world, "tia", [Role.TRADER, Role.ANALYST], PASSWORD)
    login_and_open_sales(page, server_url, "tia")
    assert stock_by_lot(page, server_url, "DY-OX-995") == {"DY-B": "3.000", "DY-A": "2.000", "DY-P": "9.000"}

    page.goto(server_url + "/sales")
    add_order(
        page,
        {
            "code": "SO-1",
            "channel": "spot",
            "customer": "CUST-CN",
            "product": "DY-OX-995",
            "quantity_t": "4",
            "price_cny_per_t": "1650000",
        },
    )
    assert "Order SO-1 added." in page.inner_text(".flash")
    row = order_row(page, "SO-1")
    assert (row["Status"], row["Compliance"], row["t"]) == ("open", "not required", "4.000")
    assert row["CNY/t"] == "1,650,000"
    assert row["Lots"] == ""

    # FIFO over warehouse lots (the plant's DY-P is not for sale): DY-B (5 Jan) whole, then 1 t of DY-A
    act(page, "SO-1", "allocate")
    assert "Order SO-1 allocated: DY-B 3 t, DY-A 1 t" in page.inner_text(".flash")
    row = order_row(page, "SO-1")
    assert row["Status"] == "allocated" and row["Lots"] == "DY-A@WH1 1 t, DY-B@WH2 3 t"  # listed by lot
    assert page.locator("form[action='/sales/orders/SO-1/allocate']").count() == 0

    act(page, "SO-1", "ship")
    assert "Order SO-1 shipped" in page.inner_text(".flash")
    assert order_row(page, "SO-1")["Status"] == "shipped"
    assert page.locator("form[action^='/sales/orders/SO-1/']").count() == 0  # nothing left to do
    # stock fell by the 4 t shipped, taken from the lots allocated
    assert stock_by_lot(page, server_url, "DY-OX-995") == {"DY-A": "1.000", "DY-P": "9.000"}

    # velocity: 4 t sold on the spot channel in the last 90 days = 4 × 30/90 = 1.333 t per 30 days, in two
    # sales (one sale movement posted per allocated lot)
    page.goto(server_url + "/sales")
    vel_rows = page.locator("[data-testid=velocity] tr")
    assert vel_rows.nth(1).locator("td").all_inner_texts()[:5] == ["DY-OX-995", "spot", "4.000", "1.333", "2"]
    page.wait_for_selector(f"{VELOCITY_CHART}[data-drawn] .main-svg")
    spec = json.loads(page.get_attribute(VELOCITY_CHART, "data-plotly"))
    assert [(tr["name"], tr["x"], tr["y"]) for tr in spec["data"]] == [
        ("spot", ["DY-OX-995"], [pytest.approx(4 * 30 / 90)])
    ]
    assert page.locator(f"{VELOCITY_CHART} .bars .point").count() == 1  # one bar drawn
    assert page.locator(SHARE_CHART).count() == 0  # no market size entered yet: no share to chart

    # the analyst enters a medium-segment (Sm–Dy) market of 400 t REO: 4 t REO of Dy oxide is 1.00 %
    year = date.today().year
    page.click("summary:has-text('Enter a market size')")
    page.fill("[data-testid=market-form] #year", str(year))
    page.select_option("[data-testid=market-form] #scope", "segment")
    page.fill("[data-testid=market-form] #key", "medium")
    page.fill("[data-testid=market-form] #market_t_reo", "400")
    page.fill("[data-testid=market-form] #source", "test estimate")
    with page.expect_navigation():
        page.click("[data-testid=market-form] button[type=submit]")
    assert f"Market size {year} segment medium saved." in page.inner_text(".flash")
    assert page.inner_text("[data-testid=share-segment-medium]") == "1.00%"
    page.wait_for_selector(f"{SHARE_CHART}[data-drawn] .main-svg")
    spec = json.loads(page.get_attribute(SHARE_CHART, "data-plotly"))
    bars = dict(zip(spec["data"][0]["x"], spec["data"][0]["y"], strict=True))
    assert bars == {"medium": pytest.approx(1.0)}
    assert page.console_errors == []


def test_export_order_is_not_checked_and_cannot_ship_until_the_gate_clears_it(
    page: Any, server_url: str, world: Container
) -> None:
    create_user(world, "tom", [Role.TRADER], PASSWORD)
    login_and_open_sales(page, server_url, "tom")
    # the page's form carries no parties: an export order placed there is refused, naming what is missing
    add_order(
        page,
        {
            "code": "EX-0",
            "channel": "spot",
            "customer": "CUST-JP",
            "product": "DY-OX-995",
            "quantity_t": "1",
            "destination_country": "JP",
        },
    )
    assert "lists its parties" in page.inner_text("[data-testid=error]")
    assert svc.list_orders(world) == []
    # with its parties (through the service, as the CLI and the REST API do)
    svc.add_order(
        world,
        OrderInput(
            "EX-1", Channel.SPOT, "CUST-JP", "DY-OX-995", 1.0, date.today(), "JP", export_doc=EXPORT_DOC
        ),
        by="tom",
    )
    page.goto(server_url + "/sales")
    row = order_row(page, "EX-1")
    assert (row["Status"], row["Compliance"], row["Customer"]) == ("open", "not checked", "CUST-JP (JP)")
    act(page, "EX-1", "allocate")
    assert order_row(page, "EX-1")["Lots"] == "DY-B@WH2 1 t"

    act(page, "EX-1", "ship")
    refusal = page.inner_text("[data-testid=error]")
    assert "export order EX-1 has not been checked by the compliance gate; it cannot ship" in refusal
    assert order_row(page, "EX-1")["Status"] == "allocated"

    # Dy oxide to Japan needs a dual-use licence (2025 rules): the gate says so; the order still cannot ship
    act(page, "EX-1", "check")
    assert "Order EX-1: licence_required" in page.inner_text(".flash")
    assert order_row(page, "EX-1")["Compliance"] == "licence required"
    act(page, "EX-1", "ship")
    refusal = page.inner_text("[data-testid=error]")
    assert "export order EX-1 is licence_required at the compliance gate; it cannot ship" in refusal
    assert stock_by_lot(page, server_url, "DY-OX-995")["DY-B"] == "3.000"  # nothing posted

    # the compliance officer records the licence; checked again, the order is clear and ships
    today = date.today()
    licence = Licence(
        licence_no="DU-TEST-1",
        kind="dual_use",
        exporter="reechain group",
        consignee="Example Magnetics K.K.",
        end_user="Example Magnetics Kyushu Plant",
        destination_country="JP",
        elements=frozenset({"Dy"}),
        hs_codes=(),
        quantity_kg=5000.0,
        drawn_kg=0.0,
        valid_from=today - timedelta(days=30),
        valid_until=today + timedelta(days=365),
    )
    compliance.add_licence(world, licence, actor="olga", roles=frozenset({Role.COMPLIANCE_OFFICER}))
    page.goto(server_url + "/sales")
    act(page, "EX-1", "check")
    assert "Order EX-1: clear" in page.inner_text(".flash")
    assert order_row(page, "EX-1")["Compliance"] == "clear"
    act(page, "EX-1", "ship")
    assert "Order EX-1 shipped" in page.inner_text(".flash")
    assert order_row(page, "EX-1")["Status"] == "shipped"
    assert stock_by_lot(page, server_url, "DY-OX-995")["DY-B"] == "2.000"
    assert compliance.list_licences(world)[0].drawn_kg == pytest.approx(1000.0)
    # the refused posts answer 422, which chromium logs; nothing else (no CSP or script error)
    assert [e for e in page.console_errors if "status of 422" not in e] == []
