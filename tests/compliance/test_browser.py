"""Review queue, two-person release and the allow-list in headless chromium against a real server."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services import compliance as svc
from reechain.services import screening
from reechain.services.auth import create_user

from .support import EXAMPLE, OFFICER, PASSWORD, ce_licence, dy_licence

pytestmark = pytest.mark.browser
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def server(sqlite_file_container: Container) -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    srv = uvicorn.Server(
        uvicorn.Config(create_app(sqlite_file_container), log_level="warning", lifespan="off")
    )
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


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        yield b
        b.close()


def login(browser: Any, url: str, name: str) -> Any:
    page = browser.new_context().new_page()
    page.set_default_timeout(10_000)
    page.goto(url + "/login")
    page.fill("#username", name)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=current-user]")
    page.goto(url + "/compliance")
    return page


def test_review_release_and_allow_list_in_the_browser(
    browser: Any, server: str, sqlite_file_container: Container, tmp_path: Path
) -> None:
    c = sqlite_file_container
    for name in ("alice", "bob"):
        create_user(c, name, [Role.COMPLIANCE_OFFICER], PASSWORD)
    svc.add_licence(c, dy_licence(), actor="alice", roles=OFFICER)
    svc.add_licence(c, ce_licence(), actor="alice", roles=OFFICER)
    watch = tmp_path / "watch.csv"
    watch.write_text(
        "entry_id,name,schema,country,aliases\nGW-7,Example Magnetics Kyushu Plant,Company,JP,\n"
    )
    screening.import_list(c, watch, "csv", "group-watch")

    alice = login(browser, server, "alice")
    alice.click("[data-testid=json-check] summary")  # the JSON box, for power users, is folded
    alice.fill("#order_json", EXAMPLE.read_text())
    alice.click("form[action='/compliance/check'] button")
    assert alice.inner_text("[data-testid=decision-value]") == "hold"
    alice.goto(server + "/compliance")
    queue = alice.inner_text("[data-testid=review-queue]")
    assert "group-watch" in queue and "GW-7" in queue
    alice.click("[data-testid^=approve-]")
    assert "is pending" in alice.inner_text(".flash")
    alice.click("[data-testid^=approve-]")
    assert "already approved" in alice.inner_text(".flash")

    bob = login(browser, server, "bob")
    bob.click("[data-testid^=approve-]")
    assert "is released" in bob.inner_text(".flash")
    bob.wait_for_selector("[data-testid=queue-empty]")

    # a second order to the same end user: held again; this time the hit is allow-listed
    order = json.loads(EXAMPLE.read_text())
    order["order_id"] = "EX-2026-0099"
    bob.click("[data-testid=json-check] summary")
    bob.fill("#order_json", json.dumps(order))
    bob.click("form[action='/compliance/check'] button")
    assert bob.inner_text("[data-testid=decision-value]") == "hold"
    bob.goto(server + "/compliance")
    bob.fill("[data-testid=allow-form] input[name=reason]", "our customer's own plant")
    bob.click("[data-testid=allow-form] button")
    assert "Allow-list entry 1 added" in bob.inner_text(".flash")
    assert "GW-7" in bob.inner_text("[data-testid=allow-list]")
    assert "chain intact" in bob.inner_text("[data-testid=audit-verify]")
    recheck = svc.check_order(c, order, actor="bob")
    assert recheck["decision"] == "clear"
