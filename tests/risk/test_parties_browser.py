"""A risk manager in headless chromium: imports the register, reads a party's factors and ownership graph,
records a review, and sees the queue shrink."""

from __future__ import annotations

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
from reechain.services.auth import create_user

from .diligence_support import EXAMPLE, PASSWORD, fresh_caches, load_example_list

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
    fresh_caches()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    srv = uvicorn.Server(
        uvicorn.Config(create_app(sqlite_file_container), log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
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


def test_risk_manager_imports_reads_the_graph_and_reviews(
    browser: Any, server: str, sqlite_file_container: Container, tmp_path: Path
) -> None:
    c = sqlite_file_container
    create_user(c, "rita", [Role.RISK_MANAGER], PASSWORD)
    load_example_list(c, tmp_path)
    page = browser.new_context().new_page()
    page.set_default_timeout(30_000)
    page.goto(server + "/login")
    page.fill("#username", "rita")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=current-user]")
    page.goto(server + "/risk/parties")
    assert "No review is due" in page.inner_text("[data-testid=no-reviews-due]")
    page.set_input_files("[data-testid=import-form] input[name=parties]", str(EXAMPLE / "parties.csv"))
    page.set_input_files("[data-testid=import-form] input[name=ownership]", str(EXAMPLE / "ownership.csv"))
    page.click("[data-testid=import-form] button")
    assert "6 added" in page.inner_text(".flash")
    register = page.inner_text("[data-testid=parties]")
    assert "Kestrel Magnet Works GmbH" in register and "prohibited" in register
    page.click("[data-testid=parties] a:text('P3')")
    assert "blocked_by_ownership" in page.inner_text("[data-testid=factors]")
    assert "55%" in page.inner_text("[data-testid=factors]")
    page.wait_for_selector("[data-testid=ownership-graph] .main-svg")  # drawn by the locally served Plotly.js
    graph = page.inner_text("[data-testid=ownership-graph]")
    assert "P1" in graph and "P4" in graph
    page.goto(server + "/risk/parties/P5")
    page.fill("[data-testid=review-form] input[name=note]", "beneficial owners confirmed")
    page.click("[data-testid=review-form] button")
    assert "next review" in page.inner_text(".flash")
    assert "beneficial owners confirmed" in page.inner_text("[data-testid=reviews]")
    page.goto(server + "/risk/parties")
    assert "P5" not in page.inner_text("[data-testid=reviews-due]")
