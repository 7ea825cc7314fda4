"""Plan page and REST API: solve the starter example from the web app, run from the ledger, compare plans."""

from __future__ import annotations

import math
import re

from fastapi.testclient import TestClient

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services.auth import create_user, issue_token

from .cases import EXAMPLE

OBJECTIVE = 3769384273.897369
PASSWORD = "plan-page-pass-1"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _page_client(c: Container, name: str, role: Role) -> TestClient:
    create_user(c, name, [role], PASSWORD)
    client = TestClient(create_app(c), raise_server_exceptions=False)
    token = CSRF.search(client.get("/login").text)
    assert token
    r = client.post(
        "/login",
        data={"username": name, "password": PASSWORD, "next": "/", "csrf_token": token.group(1)},
        follow_redirects=False,
    )
    assert r.status_code == 303
    return client


def _csrf(client: TestClient, path: str) -> str:
    match = CSRF.search(client.get(path).text)
    assert match
    return match.group(1)


def test_upload_the_starter_example_and_compare(container: Container) -> None:
    client = _page_client(container, "planner1", Role.PLANNER)
    r = client.post(
        "/plans/upload",
        data={"csrf_token": _csrf(client, "/plans"), "overrides": ""},
        files={"file": ("planning_small.yaml", EXAMPLE.read_bytes(), "application/x-yaml")},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    first = r.headers["location"]
    page = client.get(first)
    assert page.status_code == 200
    assert "3,769,384,273.90" in page.text
    assert 'data-testid="binding"' in page.text and "production by element" in page.text
    r = client.post(
        "/plans/upload",
        data={"csrf_token": _csrf(client, "/plans"), "overrides": "quotas.mining-2026.limit_t_reo=40000"},
        files={"file": ("planning_small.yaml", EXAMPLE.read_bytes(), "application/x-yaml")},
        follow_redirects=False,
    )
    second = r.headers["location"]
    a, b = first.rsplit("/", 1)[1], second.rsplit("/", 1)[1]
    page = client.get(f"/plans/compare?a={a}&b={b}")
    assert page.status_code == 200
    assert "-481,839,864" in page.text  # objective change from the tighter mining quota


def test_upload_errors_are_shown_on_the_form(container: Container) -> None:
    client = _page_client(container, "planner2", Role.PLANNER)
    bad = EXAMPLE.read_bytes().replace(b"Y: 0.0015}", b"Y: 0.2015}")
    r = client.post(
        "/plans/upload",
        data={"csrf_token": _csrf(client, "/plans")},
        files={"file": ("bad.yaml", bad, "application/x-yaml")},
    )
    assert r.status_code == 422
    assert "feeds[0].composition: fractions sum to 1.2" in r.text
    r = client.post(
        "/plans/upload",
        data={"csrf_token": _csrf(client, "/plans"), "overrides": "quotas.mining-2026.limit_t_reo=5000"},
        files={"file": ("plan.yaml", EXAMPLE.read_bytes(), "application/x-yaml")},
    )
    assert r.status_code == 422 and "is infeasible" in r.text and "quotas.mining-2026.limit_t_reo" in r.text


def test_auditor_cannot_run_a_plan(container: Container) -> None:
    client = _page_client(container, "auditor1", Role.AUDITOR)
    r = client.post("/plans/run", data={"csrf_token": _csrf(client, "/plans"), "year": "2026"})
    assert r.status_code == 403


def test_api_solve_run_and_read(container: Container) -> None:
    import yaml

    from reechain.services.sample import load_sample_group

    create_user(container, "planner3", [Role.PLANNER], PASSWORD)
    client = TestClient(create_app(container), raise_server_exceptions=False)
    client.headers["Authorization"] = f"Bearer {issue_token(container, 'planner3')}"
    problem = yaml.safe_load(EXAMPLE.read_text())
    r = client.post("/api/plans/solve", json={"problem": problem, "store": True})
    assert r.status_code == 200, r.text
    assert math.isclose(r.json()["objective"], OBJECTIVE, rel_tol=1e-9)
    stored = r.json()["id"]
    assert math.isclose(client.get(f"/api/plans/{stored}").json()["objective"], OBJECTIVE, rel_tol=1e-9)
    r = client.post(
        "/api/plans/solve", json={"problem": problem, "overrides": ["quotas.mining-2026.limit_t_reo=1"]}
    )
    assert r.status_code == 422 and r.json()["error"] == "Infeasible"
    load_sample_group(container)
    r = client.post("/api/plans/run", json={"year": 2026})
    assert r.status_code == 201, r.text
    ran = r.json()["id"]
    assert {p["id"] for p in client.get("/api/plans").json()} >= {stored, ran}
    assert client.get(f"/api/plans/compare?a={stored}&b={ran}").status_code == 200
    assert client.get("/api/plans/999999").status_code == 404


def test_plan_page_counts_what_a_process_makes_and_uses(container: Container) -> None:
    """The starter example makes PrNd-metal only by reduction of PrNd-oxide: the product table shows the
    metal made and the oxide used, so that opening stock + made - used - sold = end stock on the page."""
    client = _page_client(container, "planner4", Role.PLANNER)
    r = client.post(
        "/plans/upload",
        data={"csrf_token": _csrf(client, "/plans"), "overrides": ""},
        files={"file": ("planning_small.yaml", EXAMPLE.read_bytes(), "application/x-yaml")},
        follow_redirects=False,
    )
    plan_id = int(r.headers["location"].rsplit("/", 1)[1])
    first = client.get(f"/api/plans/{plan_id}").json()["periods"][0]
    activity = first["processes"]["prnd-reduction"]["activity"]
    assert activity > 0
    page = client.get(f"/plans/{plan_id}").text
    table = page.split('data-testid="products"', 1)[1].split("</table>", 1)[0]
    assert ">used</th>" in table
    metal = table.split("<td>PrNd-metal</td>", 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r'<td class="num">([^<]*)</td>', metal)
    assert cells[:2] == [f"{activity:,.1f}", "0.0"]  # made by the process, used by none
    oxide = table.split("<td>PrNd-oxide</td>", 1)[1].split("</tr>", 1)[0]
    made = first["production_t"]["PrNd-oxide"]
    cells = re.findall(r'<td class="num">([^<]*)</td>', oxide)
    assert cells[:2] == [f"{made:,.1f}", f"{1.19 * activity:,.1f}"]


def _base_and_cut_plans(client: TestClient) -> list[str]:
    """The small example uploaded as it is and with its mining quota cut to 40,000 t: the two plans' ids."""
    ids = []
    for overrides in ("", "quotas.mining-2026.limit_t_reo=40000"):
        r = client.post(
            "/plans/upload",
            data={"csrf_token": _csrf(client, "/plans"), "overrides": overrides},
            files={"file": ("planning_small.yaml", EXAMPLE.read_bytes(), "application/x-yaml")},
            follow_redirects=False,
        )
        ids.append(r.headers["location"].rsplit("/", 1)[1])
    return ids


def test_plan_and_compare_tables_give_their_units(container: Container) -> None:
    client = _page_client(container, "planner5", Role.PLANNER)
    ids = _base_and_cut_plans(client)
    page = client.get(f"/plans/{ids[0]}").text
    quotas = page.split('data-testid="quotas"', 1)[1].split("</tr>", 1)[0]
    for header in (
        "Used before, t REO",
        "Planned, t REO",
        "Remaining, t REO",
        "Value of one more t REO, CNY",
    ):
        assert f">{header}</th>" in quotas
    periods = page.split('data-testid="periods"', 1)[1].split("</tr>", 1)[0]
    assert ">capacity value, CNY per t REO</th>" in periods and ">Revenue, CNY</th>" in periods
    binding = page.split('data-testid="binding"', 1)[1].split("</tr>", 1)[0]
    assert ">Value of one more t, CNY</th>" in binding
    compare = client.get(f"/plans/compare?a={ids[0]}&b={ids[1]}").text
    quota_diff = compare.split('data-testid="quota-diff"', 1)[1].split("</tr>", 1)[0]
    for header in ("Limit A, t REO", "Planned B, t REO", "Value/t A, CNY"):
        assert f">{header}</th>" in quota_diff


def test_compare_page_production_counts_what_processes_make(container: Container) -> None:
    client = _page_client(container, "planner6", Role.PLANNER)
    ids = _base_and_cut_plans(client)
    made = [
        sum(
            p["processes"]["prnd-reduction"]["activity"]
            for p in client.get(f"/api/plans/{i}").json()["periods"]
        )
        for i in ids
    ]
    page = client.get(f"/plans/compare?a={ids[0]}&b={ids[1]}").text
    production = page.split("<h2>Production, t</h2>", 1)[1].split("</table>", 1)[0]
    row = production.split("<td>PrNd-metal</td>", 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r'<td class="num">([^<]*)</td>', row)
    assert cells[:2] == [f"{made[0]:,.1f}", f"{made[1]:,.1f}"]
