"""Review queue, two-person release and the allow-list in headless chromium against a real server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services import compliance as svc
from reechain.services import screening
from reechain.services.auth import create_user

from .support import EXAMPLE, OFFICER, PASSWORD, ce_licence, dy_licence

pytestmark = pytest.mark.browser


@pytest.fixture
def server(live_server: str) -> str:
    return live_server


@pytest.fixture
def browser(chromium: Any) -> Any:
    return chromium


def login(browser: Any, url: str, name: str) -> Any:
    page = browser.new_context().new_page()
    page.set_default_timeout(30_000)  # the 2-core machine may be busy
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
