"""The demo's sample year with orders (``load_sample_group(c, orders=True)``): the year's sales go through the
sales service as orders across channels, under contracts, export orders through the compliance gate."""

from __future__ import annotations

from collections import Counter

import pytest

from reechain.bootstrap import Container
from reechain.services import compliance, sales
from reechain.services.sample import generate_movements, generation_config, load_sample_group, sample_products
from reechain.services.sample_trade import LONG_TERM


def test_a_year_of_orders_across_channels(sqlite_file_container: Container) -> None:
    c = sqlite_file_container
    summary = load_sample_group(c, orders=True)
    assert summary.orders > 100
    history = sales.sales_history(c)
    channels = Counter(s.channel for s in history)
    assert set(channels) == {"long_term", "spot", "exchange", "distributor"}  # nothing unassigned
    months = {s.on.month for s in history}
    assert len(months) >= 10
    contracts = {k["code"]: k for k in sales.list_contracts(c)}
    assert set(contracts) == {code for code, _ in LONG_TERM.values()}
    assert all(0 < k["ordered_t"] <= k["volume_t"] for k in contracts.values())
    orders = sales.list_orders(c, limit=1000)
    assert len(orders) == summary.orders
    exports = [o for o in orders if o["export"]]
    assert exports and all(o["compliance_state"] != "not_checked" for o in exports)
    assert all(o["status"] == "shipped" for o in exports if o["compliance_state"] == "clear")
    assert len(compliance.list_licences(c)) == 1
    # one hold released by two officers (its order cleared and shipped), one pending in the queue
    holds = {h["status"]: h for h in compliance.list_holds(c, None)}
    assert sorted(holds) == ["pending", "released"]
    by_code = {o["code"]: o for o in orders}
    released, pending = holds["released"], holds["pending"]
    assert by_code[released["order_id"]]["status"] == "shipped"
    assert by_code[pending["order_id"]]["status"] == "open"
    assert by_code[pending["order_id"]]["compliance_state"] == "hold"
    assert {a["username"] for a in released["approvals"]} == {"sample-officer-1", "sample-officer-2"}
    # every tonne the generator sold is ordered; what left the ledger is what the shipped orders carried
    from reechain import refdata

    elements = refdata.elements()
    generated = generate_movements(
        {p.code: p for p in sample_products(elements)}, elements, generation_config()
    )
    sold_t = sum(m.quantity_t for m in generated if m.kind.value == "sale")
    assert sum(o["quantity_t"] for o in orders) == pytest.approx(sold_t, abs=1e-3)
    shipped_t = sum(o["quantity_t"] for o in orders if o["status"] == "shipped")
    assert sum(s.quantity_t for s in history) == pytest.approx(shipped_t, abs=1e-3)
    assert load_sample_group(c, orders=True).orders == 0  # loading twice changes nothing
    # the customer's draft of the next contract, its end-user clause softened: routed to compliance
    from reechain.services import contracts
    from reechain.services.sample_trade import DRAFT_CONTRACT

    reviews = contracts.list_reviews(c, contract_code=DRAFT_CONTRACT)
    assert len(reviews) == 1 and reviews[0]["status"] == "pending"
    assert reviews[0]["waiting_for"] == ["compliance_officer"]
    review = contracts.get_review(c, reviews[0]["id"])
    assert [(d["clause"], d["category"]) for d in review["deviations"]] == [("9.1", "text")]


def test_the_demo_year_plans_and_replans_with_a_cut_quota(sqlite_file_container: Container) -> None:
    """What the planner does first on the demo: the year's plan from the ledger solves (contract volumes
    leave what the separation quota can still make), and a quota cut halfway to what is used solves too, for
    less."""
    from datetime import date

    from reechain.services.planning import run_plan
    from reechain.services.quotas import quota_status

    c = sqlite_file_container
    load_sample_group(c, orders=True)
    today = date(2026, 11, 28)
    base = run_plan(c, 2026, today=today)
    assert base["status"] == "optimal"
    separation = [r for r in quota_status(c, 2026) if r.kind == "separation"]
    used, limit = sum(r.used_t_reo for r in separation), sum(r.limit_t_reo for r in separation)
    cut = f"quotas.separation-2026-Northern-Sample-Group.limit_t_reo={(used + limit) / 2:.0f}"
    replanned = run_plan(c, 2026, today=today, overrides=[cut])
    assert replanned["status"] == "optimal" and replanned["objective"] < base["objective"]
