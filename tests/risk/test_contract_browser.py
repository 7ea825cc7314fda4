"""Upload a contract, see the deviations marked side by side, approve as legal, in headless chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.risk.contracts import library
from reechain.services.auth import create_user

from .contract_docs import docx_bytes

pytestmark = pytest.mark.browser
PASSWORD = "correct-horse-1"


@pytest.fixture
def server(live_server: str) -> str:
    return live_server


@pytest.fixture
def browser(chromium: Any) -> Any:
    return chromium


def login(browser: Any, url: str, name: str) -> Any:
    page = browser.new_context().new_page()
    page.set_default_timeout(30_000)
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
