"""A risk manager in headless chromium: imports the register, reads a party's factors and ownership graph,
records a review, and sees the queue shrink."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services.auth import create_user

from .diligence_support import EXAMPLE, PASSWORD, load_example_list

pytestmark = pytest.mark.browser


@pytest.fixture
def server(live_server: str) -> str:
    return live_server


@pytest.fixture
def browser(chromium: Any) -> Any:
    return chromium


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
