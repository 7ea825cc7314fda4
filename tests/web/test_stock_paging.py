"""Stock by lot is shown a page at a time; the total still covers every lot (both databases)."""

from __future__ import annotations

import re

import pytest

from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services import ledger
from reechain.web.pages import stock

from .group import load_small_group
from .helpers import page_client

LOT_LINK = re.compile(r'href="/stock/lots/([^"]+)"')


def test_stock_by_lot_pages_through_every_lot(container: Container, monkeypatch: pytest.MonkeyPatch) -> None:
    load_small_group(container)
    monkeypatch.setattr(stock, "LOTS_PER_PAGE", 2)
    every = ledger.stock_balance(container, by="lot")
    assert len(every) > 2  # at least two pages
    client = page_client(container, Role.AUDITOR)
    seen: list[str] = []
    offset = 0
    while True:
        html = client.get(f"/stock?by=lot&offset={offset}").text
        keys = LOT_LINK.findall(html)
        assert 1 <= len(keys) <= 2
        seen += keys
        total = sum(r.t_reo for r in ledger.stock_balance(container, by="element"))
        assert f"{total:,.3f}" in html  # the total of all lots, not of the page
        if 'data-testid="stock-next"' not in html:
            break
        offset += 2
    assert seen == [r.key for r in every]
    assert f"of {len(every)}" in html
