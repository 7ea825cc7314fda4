"""Upload a contract, see the deviations marked side by side, approve as legal, in headless chromium."""

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
from reechain.risk.contracts import library
from reechain.services.auth import create_user

from .contract_docs import docx_bytes

pytestmark = pytest.mark.browser
PASSWORD = "correct-horse-1"
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
    page.set_default_timeout(15_000)
    page.goto(url + "/login")
    page.fill("#username", name)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=current-user]")
    return page


def test_upload_compare_and_approve_in_the_browser(
    browser: Any, server: str, sqlite_file_container: Container, tmp_path: Path
) -> None:
    c = sqlite_file_container
    create_user(c, "rita", [Role.RISK_MANAGER], PASSWORD)
    create_user(c, "lee", [Role.LEGAL], PASSWORD)
    text = "\n".join(f"{k.label} {k.text}" for k in library.template("P-CC-1").text().clauses)
    edited = text.replace("laws of Singapore", "laws of the State of New York")
    (tmp_path / "p-cc.docx").write_bytes(docx_bytes(edited))

    rita = login(browser, server, "rita")
    rita.goto(server + "/contracts")
    rita.fill("input[name=contract_code]", "PC-2027-01")
    rita.select_option("select[name=template_code]", "P-CC-1")
    rita.set_input_files("input[name=file]", str(tmp_path / "p-cc.docx"))
    rita.click("[data-testid=upload-form] button")
    rita.wait_for_selector("[data-testid=side-by-side]")
    assert rita.inner_text("[data-testid=status]") == "pending"
    assert rita.inner_text("[data-testid=waiting-for]") == "legal"
    marked = rita.locator("[data-testid='marked-12.1']")
    assert "Singapore" in marked.locator("del").inner_text()
    assert "New York" in marked.locator("ins").inner_text()
    assert "governing_law" in rita.inner_text("[data-testid='deviation-12.1']")
    assert rita.locator("[data-testid=approve-legal]").count() == 0  # not hers to approve

    lee = login(browser, server, "lee")
    lee.goto(rita.url)
    lee.fill("[data-testid=decide-legal] input[name=note]", "New York law accepted for this mine")
    lee.click("[data-testid=approve-legal]")
    assert "is approved" in lee.inner_text(".flash")
    assert lee.inner_text("[data-testid=status]") == "approved"
    trail = lee.inner_text("[data-testid=trail]")
    assert "contract.reviewed" in trail and "contract.released" in trail

    # a corrupt upload is refused on the page, naming the file
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 broken")
    rita.goto(server + "/contracts")
    rita.fill("input[name=contract_code]", "PC-2027-02")
    rita.set_input_files("input[name=file]", str(tmp_path / "broken.docx"))
    rita.click("[data-testid=upload-form] button")
    assert "broken.docx" in rita.inner_text("[data-testid=upload-errors]")
    assert "PC-2027-02" not in rita.inner_text("main")[rita.inner_text("main").find("Reviews") :]
