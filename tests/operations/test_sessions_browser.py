"""In headless chromium: an admin ends another user's browser session on /admin/sessions."""

from __future__ import annotations

from typing import Any

import pytest

from reechain.domain.roles import Role
from reechain.services.auth import create_user
from reechain.services.sessions import active_credentials
from web.conftest import LiveServer

pytestmark = pytest.mark.browser
PASSWORD = "sessions-browser-1"


def _login(page: Any, server: LiveServer, username: str) -> None:
    page.goto(server.url + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=current-user]")


def test_an_admin_ends_a_traders_session(browser: Any, page: Any, live_server: LiveServer) -> None:
    c = live_server.container
    create_user(c, "root", [Role.ADMIN], PASSWORD)
    create_user(c, "tina", [Role.TRADER], PASSWORD)
    other = browser.new_context()
    trader = other.new_page()
    trader.set_default_timeout(60_000)  # generous: the shared machine is often overloaded
    page.set_default_timeout(60_000)
    try:
        _login(trader, live_server, "tina")
        _login(page, live_server, "root")
        page.click("nav >> text=Sessions")
        tina = next(a for a in active_credentials(c, None) if a.username == "tina")
        row = page.locator(f"[data-testid=credential-session-{tina.id}]")
        assert "tina" in row.inner_text()
        row.locator("button", has_text="End").click()
        page.wait_for_selector("text=Session")
        assert page.locator(f"[data-testid=credential-session-{tina.id}]").count() == 0
        trader.goto(live_server.url + "/")
        trader.wait_for_selector("#username")  # sent to the login form
        assert "/login" in trader.url
        assert page.console_errors == []
    finally:
        other.close()
