"""Inventory page and API: alerts and policies shown, a policy set by form, a policy file simulated."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services import ledger
from reechain.services.auth import create_user, issue_token

from .world import define_stock_world, receipt

PASSWORD = "correct-horse-1"
EXAMPLE = """items:
  - {id: t, model: s_S, period: month, demand: {distribution: poisson, mean: 8}, order_cost: 10,
     holding_cost: 1, stockout_cost: 6}
"""


def logged_in(c: Container, name: str, *roles: Role) -> tuple[TestClient, str]:
    create_user(c, name, roles, PASSWORD)
    client = TestClient(create_app(c), raise_server_exceptions=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert token
    r = client.post(
        "/login",
        data={"username": name, "password": PASSWORD, "next": "/", "csrf_token": token[1]},
        follow_redirects=False,
    )
    assert r.status_code == 303
    page = client.get("/inventory").text
    form_token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert form_token
    return client, form_token[1]


def test_inventory_page_policy_and_simulation(container: Container) -> None:
    define_stock_world(container)
    ledger.post_movements(container, [receipt("DY-1", "DY-OX", 2.0, date.today())])
    client, token = logged_in(container, "ic", Role.INVENTORY_CONTROLLER)
    r = client.post(
        "/inventory/policy",
        data={"csrf_token": token, "product": "DY-OX", "location": "WH1", "safety_stock_t": "5"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    page = client.get("/inventory").text
    assert "below_safety_stock" in page and "DY-OX" in page
    bad = client.post("/inventory/policy", data={"csrf_token": token, "product": "DY-OX", "min_t": "x"})
    assert bad.status_code == 422 and "not a number" in bad.text
    sim = client.post(
        "/inventory/simulate",
        data={"csrf_token": token, "policy_text": EXAMPLE, "item": "t", "periods": "500", "seed": "3"},
    )
    assert sim.status_code == 200, sim.text
    assert "fill_rate" in sim.text and "data-plotly" in sim.text and "S=17" in sim.text
    bad = client.post(
        "/inventory/simulate", data={"csrf_token": token, "policy_text": "items: [", "item": "t"}
    )
    assert bad.status_code == 422


def test_auditor_cannot_set_policy_and_api(container: Container) -> None:
    define_stock_world(container)
    client, token = logged_in(container, "aud", Role.AUDITOR)
    r = client.post(
        "/inventory/policy", data={"csrf_token": token, "product": "DY-OX", "safety_stock_t": "1"}
    )
    assert r.status_code == 403
    create_user(container, "ic2", [Role.INVENTORY_CONTROLLER], PASSWORD)
    api = TestClient(create_app(container), raise_server_exceptions=False)
    api.headers["Authorization"] = f"Bearer {issue_token(container, 'ic2')}"
    r = api.put("/api/inventory/policies/DY-OX", json={"location": "*", "min_t": 1.0, "max_t": 3.0})
    assert r.status_code == 200, r.text
    assert api.get("/api/inventory/policies").json()[0]["max_t"] == 3.0
    alerts = api.get("/api/inventory/alerts").json()
    assert any(a["kind"] == "below_band" for a in alerts["alerts"])
    r = api.post("/api/inventory/policy-file", content=EXAMPLE, headers={"Content-Type": "application/yaml"})
    assert r.status_code == 200 and r.json()["items"][0]["S"] == 17
    r = api.post(
        "/api/inventory/policy-file", content="items: []", headers={"Content-Type": "application/yaml"}
    )
    assert r.status_code == 422 and r.json()["error"] == "InvalidInput"


def test_inventory_tables_give_units_and_name_group_wide_policies(container: Container) -> None:
    define_stock_world(container)
    ledger.post_movements(container, [receipt("DY-1", "DY-OX", 2.0, date.today())])
    client, token = logged_in(container, "ic2", Role.INVENTORY_CONTROLLER)
    r = client.post(
        "/inventory/policy",
        data={"csrf_token": token, "product": "DY-OX", "location": "*", "safety_stock_t": "5"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    page = client.get("/inventory").text
    policies = page.split('data-testid="policies"', 1)[1].split("</table>", 1)[0]
    for header in ("Safety stock (t)", "Reorder point (t)", "Order qty (t)", "Band min (t)", "Band max (t)"):
        assert f">{header}</th>" in policies
    assert "<td>DY-OX</td><td>all locations</td>" in policies  # the policy's location '*'
    alerts = page.split('data-testid="alerts"', 1)[1].split("</table>", 1)[0]
    assert "<td>DY-OX</td><td>all locations</td>" in alerts
    cover = page.split('data-testid="cover"', 1)[1].split("</tr>", 1)[0]
    assert ">Stock (t; t REO for an element)</th>" in cover
    assert ">Sold per day (t; t REO for an element)</th>" in cover
