"""Sales page and API: place, allocate and ship an order in the browser; velocity and share by segment;
an export order shows `not checked` and cannot ship."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services.auth import create_user, issue_token

PASSWORD = "correct-horse-1"
TOKEN_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def logged_in(c: Container, name: str, *roles: Role) -> tuple[TestClient, str]:
    create_user(c, name, roles, PASSWORD)
    client = TestClient(create_app(c), raise_server_exceptions=False)
    token = TOKEN_RE.search(client.get("/login").text)
    assert token
    r = client.post(
        "/login",
        data={"username": name, "password": PASSWORD, "next": "/", "csrf_token": token[1]},
        follow_redirects=False,
    )
    assert r.status_code == 303
    form_token = TOKEN_RE.search(client.get("/sales").text)
    assert form_token
    return client, form_token[1]


def test_sales_page_order_flow_velocity_and_share(trade_world: Container) -> None:
    c = trade_world
    client, token = logged_in(c, "tr", Role.TRADER, Role.ANALYST)
    r = client.post(
        "/sales/orders",
        data={
            "csrf_token": token,
            "code": "W-1",
            "channel": "distributor",
            "customer": "CUST-CN",
            "product": "LA-OX",
            "quantity_t": "12",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    assert (
        client.post(
            "/sales/orders/W-1/allocate", data={"csrf_token": token}, follow_redirects=False
        ).status_code
        == 303
    )
    assert (
        client.post("/sales/orders/W-1/ship", data={"csrf_token": token}, follow_redirects=False).status_code
        == 303
    )
    year = date.today().year
    r = client.post(
        "/sales/market-sizes",
        data={
            "csrf_token": token,
            "year": str(year),
            "scope": "segment",
            "key": "light",
            "market_t_reo": "1200",
            "source": "analyst estimate",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    page = client.get("/sales").text
    assert "W-1" in page and "shipped" in page and "distributor" in page
    assert 'data-testid="share-segment-light">1.00%' in page  # 12 t La2O3 of a 1,200 t REO light market
    bad = client.post(
        "/sales/orders",
        data={
            "csrf_token": token,
            "code": "W-2",
            "channel": "spot",
            "customer": "CUST-CN",
            "product": "LA-OX",
            "quantity_t": "lots",
        },
    )
    assert bad.status_code == 422 and "not a number" in bad.text
    too_much = client.post("/sales/orders/W-9/allocate", data={"csrf_token": token})
    assert too_much.status_code == 404


def test_sales_api_export_order_is_not_checked_and_cannot_ship(trade_world: Container) -> None:
    c = trade_world
    create_user(c, "api-tr", [Role.TRADER], PASSWORD)
    api = TestClient(create_app(c), raise_server_exceptions=False)
    api.headers["Authorization"] = f"Bearer {issue_token(c, 'api-tr')}"
    body = {
        "code": "EX-9",
        "channel": "spot",
        "customer": "CUST-JP",
        "product": "DY-OX-995",
        "quantity_t": 1.0,
        "destination_country": "JP",
        "export_doc": {"parties": [{"role": "buyer", "name": "Example Magnetics K.K.", "country": "JP"}]},
    }
    r = api.post("/api/sales/orders", json=body)
    assert r.status_code == 201, r.text
    assert r.json()["compliance_state"] == "not_checked"
    assert api.post("/api/sales/orders/EX-9/allocate").status_code == 200
    r = api.post("/api/sales/orders/EX-9/ship")
    assert r.status_code == 422 and "not been checked" in r.json()["message"]
    assert api.get("/api/sales/orders/EX-9").json()["status"] == "allocated"
    create_user(c, "aud", [Role.AUDITOR], PASSWORD)
    aud = TestClient(create_app(c), raise_server_exceptions=False)
    aud.headers["Authorization"] = f"Bearer {issue_token(c, 'aud')}"
    assert aud.post("/api/sales/orders/EX-9/cancel").status_code == 403
    assert aud.get("/api/sales/velocity").status_code == 200


def test_orders_come_in_pages_of_fifty_and_filter_by_status(trade_world: Container) -> None:
    from reechain.services import sales
    from reechain.trade.channels import Channel
    from reechain.trade.orders import OrderInput

    c = trade_world
    for i in range(120):
        sales.add_order(c, OrderInput(f"P-{i:03d}", Channel.SPOT, "CUST-CN", "LA-OX", 1.0, date(2026, 1, 1)))
    sales.cancel_order(c, "P-007")
    client, _ = logged_in(c, "tr", Role.TRADER)
    first = client.get("/sales").text
    assert first.count('data-testid="compliance-P-') == 50 and "120 orders, page 1 of 3" in first
    assert 'data-testid="older"' in first and 'data-testid="newer"' not in first
    last = client.get("/sales?page=3").text
    assert last.count('data-testid="compliance-P-') == 20 and 'data-testid="older"' not in last
    assert client.get("/sales?page=99").status_code == 200  # past the end: the last page
    assert client.get("/sales?status=open").text.count('data-testid="compliance-P-') == 50
    cancelled = client.get("/sales?status=cancelled").text
    assert cancelled.count('data-testid="compliance-P-') == 1 and "1 order<" in cancelled
    bad = client.get("/sales?status=sideways")
    assert bad.status_code == 422 and "unknown status" in bad.text
