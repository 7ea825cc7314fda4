"""Server-rendered pages through the test client (both databases)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.roles import Role

from .group import YEAR, load_small_group
from .helpers import csrf, page_client


def _form(client: TestClient, **fields: str) -> dict[str, str]:
    base = {
        "date": "2026-03-05",
        "kind": "receipt",
        "lot": "",
        "product": "",
        "quantity_t": "",
        "from_location": "",
        "to_location": "",
        "source": "",
        "reason": "",
        "reference": "",
    }
    return {**base, **fields, "csrf_token": csrf(client, "/movements")}


def test_logged_out_visitor_is_sent_to_login(container: Container) -> None:
    client = TestClient(create_app(container))
    r = client.get("/stock?by=lot", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=%2Fstock%3Fby%3Dlot"


def test_overview_shows_totals_segments_quota_and_charts(container: Container) -> None:
    load_small_group(container)
    client = page_client(container, Role.ANALYST)
    html = client.get(f"/?year={YEAR}").text
    assert 'data-testid="total-t-reo">76.830<' in html
    assert re.search(r"<td>heavy</td><td class=\"num\">4\.950</td>", html)
    assert html.count('data-plotly="') == 3  # element, segment and quota charts
    assert "60.0" in html and "60%" in html
    assert 'href="/stock"' in html and 'href="/quotas"' in html


def test_quota_alert_when_almost_used(container: Container) -> None:
    load_small_group(container)
    from reechain.domain.quotas import Quota, QuotaKind
    from reechain.services.quotas import define_quota

    define_quota(container, Quota(YEAR, "first", QuotaKind.MINING, "NRE", 62.0))
    html = page_client(container, Role.ANALYST).get(f"/?year={YEAR}").text
    assert "97% used" in html


def test_stock_page_filters_and_lot_trace(container: Container) -> None:
    load_small_group(container)
    client = page_client(container, Role.AUDITOR)
    html = client.get("/stock?by=lot&location=WH-1").text
    assert 'href="/stock/lots/DY-001"' in html and "ORE-001" not in html
    assert client.get("/stock?by=colour").status_code == 422
    assert client.get("/stock?at=not-a-date").status_code == 422
    trace = client.get("/stock/lots/ORE-001").text
    assert "received 1000.0 t on 2026-03-02 at MINE-BY (own_mine)" in trace
    assert client.get("/stock/lots/NOPE").status_code == 404
    assert client.get("/quotas?year=2026").status_code == 200


def test_post_movement_form_changes_stock(container: Container) -> None:
    load_small_group(container)
    client = page_client(container, Role.INVENTORY_CONTROLLER)
    data = _form(client, lot="DY-002", product="DY-OX", quantity_t="3", to_location="WH-1", source="purchase")
    r = client.post("/movements", data=data, follow_redirects=False)
    assert r.status_code == 303, r.text
    page = client.get("/movements").text
    assert "Posted receipt of 3 t of lot DY-002 (new lot DY-002)." in page
    stock = client.get("/stock?by=element").text
    assert 'data-testid="t-reo-Dy">4.950<' in stock  # 1.98 + 3 x 0.99


def test_bad_movement_redisplays_the_form_with_messages(container: Container) -> None:
    load_small_group(container)
    client = page_client(container, Role.INVENTORY_CONTROLLER)
    data = _form(client, lot="DY-003", quantity_t="three", to_location="WH-1", source="purchase")
    r = client.post("/movements", data=data)
    assert r.status_code == 422
    assert 'data-testid="error-quantity_t"' in r.text and 'value="three"' in r.text
    data = _form(
        client, kind="sale", lot="DY-001", quantity_t="5", from_location="WH-1", to_location="CUST-JP"
    )
    r = client.post("/movements", data=data)
    assert r.status_code == 422 and "not posted" in r.text


def test_auditor_is_refused_a_movement_post(container: Container) -> None:
    load_small_group(container)
    client = page_client(container, Role.AUDITOR)
    data = _form(client, lot="DY-004", product="DY-OX", quantity_t="1", to_location="WH-1", source="purchase")
    r = client.post("/movements", data=data)
    assert r.status_code == 403 and "needs the role" in r.text
    assert "DY-004" not in client.get("/movements").text


def test_import_page_lists_every_bad_row(container: Container) -> None:
    load_small_group(container)
    client = page_client(container, Role.INVENTORY_CONTROLLER)
    csv = (
        "date,kind,lot,product,quantity_t,to_location,source\n"
        "2026-03-07,receipt,Y-002,Y-OX,1,WH-1,purchase\n"
        "2026-03-07,receipt,Y-003,Y-OX,-x,WH-1,purchase\n"
        "2026-03-07,teleport,Y-004,Y-OX,1,WH-1,purchase\n"
    )
    r = client.post(
        "/movements/import",
        data={"csrf_token": csrf(client, "/movements")},
        files={"file": ("moves.csv", csv.encode(), "text/csv")},
    )
    assert r.status_code == 422
    assert "<td>3</td><td>quantity_t</td>" in r.text and "<td>4</td><td>kind</td>" in r.text
    assert "Y-002" not in client.get("/movements").text


def test_market_position_sales_lead_to_the_stock_bridge_that_adds_them_up(container: Container) -> None:
    from datetime import date

    from reechain.domain.movements import MovementInput, MovementKind
    from reechain.services import ledger

    load_small_group(container)
    sale = MovementInput(
        MovementKind.SALE,
        date(2026, 3, 9),
        lot="DY-001",
        quantity_t=1.5,
        from_location="WH-1",
        to_location="CUST-JP",
    )
    ledger.post_movements(container, [sale])
    client = page_client(container, Role.ANALYST)
    html = client.get(f"/market?year={YEAR}").text
    dy = re.search(r'<td>Dy</td><td class="num"><a href="([^"]+)"[^>]*>([\d,.]+)</a>', html)
    assert dy, "the group's Dy sales link to the movements behind them"
    assert (
        dy[1] == f"/stock/bridge?elements=Dy&amp;start={YEAR}-01-01&amp;end={YEAR}-12-31" and dy[2] == "1.5"
    )
    bridge = client.get(dy[1].replace("&amp;", "&")).text
    sold = re.search(r'data-testid="bridge-line-sale">\s*<td>[^<]*</td>\s*<td class="num">([^<]+)<', bridge)
    assert sold and sold[1] == "-1.485"  # 1.5 t of oxide at 0.99 REO, shown as 1.5 t REO
    heavy = re.search(r'<td>heavy</td><td class="num"><a href="([^"]+)"', html)
    assert (
        heavy
        and heavy[1] == f"/stock/bridge?elements=Y,Ho,Er,Tm,Yb,Lu&amp;start={YEAR}-01-01&amp;end={YEAR}-12-31"
    )


def test_stock_by_element_leads_to_the_bridge_that_ends_on_the_same_figure(container: Container) -> None:
    load_small_group(container)
    client = page_client(container, Role.AUDITOR)
    html = client.get("/stock?by=element&at=2026-03-31").text
    link = re.search(r'<td><a href="([^"]+)"[^>]*>Nd</a></td>', html)
    assert link and link[1] == "/stock/bridge?elements=Nd&amp;end=2026-03-31"
    held = re.search(r'data-testid="t-reo-Nd">([^<]+)<', html)
    bridge = client.get(link[1].replace("&amp;", "&")).text
    closing = re.search(r'data-testid="bridge-closing">([^<]+)<', bridge)
    assert held and closing and held[1] == closing[1] == "17.625"  # ND_T_REO
    # the date boxes show the period the bridge used, the start it chose as well as the end asked for
    start = re.search(r'name="start" type="date" value="([^"]*)"', bridge)
    assert start and start[1] and 'name="end" type="date" value="2026-03-31"' in bridge
    assert f", {start[1]} to 2026-03-31</h2>" in bridge
    # a product or location filter is not a bridge of the element: no link then
    assert "/stock/bridge?elements=Dy" not in client.get("/stock?by=element&product=DY-OX").text


def test_overview_names_a_group_wide_policy_all_locations(container: Container) -> None:
    from reechain.inventory.alerts import StockPolicy
    from reechain.services.auth import AuthenticatedUser
    from reechain.services.inventory import set_policy

    load_small_group(container)
    planner = AuthenticatedUser("pat", frozenset({Role.PLANNER}))
    set_policy(container, StockPolicy("DY-OX", "*", safety_stock_t=50.0), actor=planner)  # 2 t held
    html = page_client(container, Role.ANALYST).get(f"/?year={YEAR}").text
    assert "DY-OX at all locations" in html and "DY-OX at *" not in html
