"""Market pages and API: concentration with the DESIGN.md keys, a scenario started from the web runs in the
background with progress, is kept and downloaded; bad input names the field; roles are checked."""

from __future__ import annotations

import io
import re
import time
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services import market_runs
from reechain.services.auth import create_user, issue_token

PASSWORD = "correct-horse-1"
SCENARIO = """start: 2026-01
months: 12
runs: 700
seed: 5
shocks:
  - {kind: export_quota, country: CN, elements: [Dy], start: 2026-03, end: 2026-08, change: -0.5}
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
    form_token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/market").text)
    assert form_token
    return client, form_token[1]


def _wait_done(client: TestClient, run_id: int, headers: dict[str, str] | None = None) -> dict[str, Any]:
    market_runs.wait(run_id, 300)
    for _ in range(100):
        run = client.get(f"/api/market/scenarios/{run_id}", headers=headers or {}).json()
        if run["status"] != "running":
            return dict(run)
        time.sleep(0.1)
    raise AssertionError("run did not finish")


def test_concentration_api_has_the_design_keys_and_hand_checked_hhi(sqlite_file_container: Container) -> None:
    c = sqlite_file_container
    create_user(c, "ana", [Role.ANALYST], PASSWORD)
    h = {"Authorization": f"Bearer {issue_token(c, 'ana')}"}
    client = TestClient(create_app(c), raise_server_exceptions=False)
    sep = client.get(
        "/api/market/concentration", params={"stage": "separation", "year": 2023}, headers=h
    ).json()
    assert {"stage", "year", "hhi", "shares"} <= set(sep)
    assert {"country", "share", "source", "vintage"} <= set(sep["shares"][0])
    # IEA: China 92 % of refining in 2023; rest as one bucket: 92² + 8² = 8,528; as many small ones: 8,464
    assert sep["hhi"] == 8528.0 and sep["hhi_min"] == 8464.0
    mining = client.get(
        "/api/market/concentration", params={"stage": "mining", "year": 2025}, headers=h
    ).json()
    china = next(s for s in mining["shares"] if s["country"] == "China")
    assert abs(china["share"] - 270_000 / sum(s["value"] for s in mining["shares"])) < 1e-12
    assert abs(sum(s["share"] for s in mining["shares"]) - 1) < 1e-12
    bad = client.get("/api/market/concentration", params={"stage": "smelting"}, headers=h)
    assert bad.status_code == 422 and "stage" in bad.text
    metal = client.get("/api/market/concentration", params={"stage": "metal"}, headers=h)
    assert metal.status_code == 404 and "import" in metal.text


def test_a_scenario_from_the_web_runs_with_progress_and_downloads(sqlite_file_container: Container) -> None:
    c = sqlite_file_container
    client, token = logged_in(c, "ana", Role.ANALYST)
    page = client.get("/market")
    assert page.status_code == 200 and "HHI" in page.text and 'aria-label="shares mining"' in page.text
    r = client.post(
        "/market/scenarios",
        data={"csrf_token": token, "scenario": SCENARIO, "name": "Dy quota"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    run_id = int(r.headers["location"].rsplit("/", 1)[1])
    run = _wait_done(client, run_id)
    assert run["status"] == "done" and run["blocks_done"] == run["blocks_total"] == 2
    detail = client.get(f"/market/runs/{run_id}?element=Dy").text
    assert 'aria-label="fan chart Dy ex_china"' in detail
    # without ?element= the page opens on the element the first shock names, not on a fixed one
    assert 'aria-label="fan chart Dy ex_china"' in client.get(f"/market/runs/{run_id}").text
    csv_text = client.get(f"/api/market/scenarios/{run_id}/export.csv").text
    lines = csv_text.splitlines()
    assert lines[0] == "element,month,series,p5,p50,p95" and len(lines) == 1 + 17 * 3 * 12
    wb = load_workbook(io.BytesIO(client.get(f"/api/market/scenarios/{run_id}/export.xlsx").content))
    assert wb["quantiles"].max_row == 1 + 17 * 3 * 12
    result = client.get(f"/api/market/scenarios/{run_id}").json()["result"]
    dy = result["elements"]["Dy"]["markets"]
    assert result["index_base_month"] == "2026-02" and dy["ex_china"]["price_index"]["p50"][1] == 1.0
    assert max(dy["ex_china"]["price_index"]["p50"]) > max(dy["china"]["price_index"]["p50"])
    # a second run with the same seed gives the same numbers; comparison lists both
    r2 = client.post(
        "/market/scenarios",
        data={"csrf_token": token, "scenario": SCENARIO, "name": "again"},
        follow_redirects=False,
    )
    run2 = int(r2.headers["location"].rsplit("/", 1)[1])
    _wait_done(client, run2)
    assert client.get(f"/api/market/scenarios/{run2}").json()["result"]["elements"] == result["elements"]
    cmp = client.get("/api/market/scenarios/compare", params={"ids": [run_id, run2], "element": "Dy"}).json()
    assert len(cmp) == 2 and cmp[0]["p50_peak"] == cmp[1]["p50_peak"]
    assert "comparison Dy" in client.get(f"/market/compare?ids={run_id}&ids={run2}&element=Dy").text


def test_bad_scenarios_name_the_field_and_non_analysts_cannot_start(sqlite_file_container: Container) -> None:
    c = sqlite_file_container
    client, token = logged_in(c, "ana", Role.ANALYST)
    bad = SCENARIO.replace("[Dy]", "[Dy, Xx]").replace("change: -0.5", "change: -0.5, end: 2026-01")
    r = client.post("/market/scenarios", data={"csrf_token": token, "scenario": bad})
    assert r.status_code == 422
    assert "shocks[0].elements" in r.text and "Xx" in r.text
    share = SCENARIO.replace("export_quota", "export_licensing").replace(
        "change: -0.5", "export_share_allowed: 1.2"
    )
    r = client.post("/market/scenarios", data={"csrf_token": token, "scenario": share})
    assert r.status_code == 422 and "shocks[0].export_share_allowed" in r.text
    trader, ttoken = logged_in(c, "tom", Role.TRADER)
    assert (
        trader.post("/market/scenarios", data={"csrf_token": ttoken, "scenario": SCENARIO}).status_code == 403
    )
    h = {"Authorization": f"Bearer {issue_token(c, 'tom')}"}
    api = trader.post(
        "/api/market/scenarios", json={"scenario": {"start": "2026-01", "months": 3}}, headers=h
    )
    assert api.status_code == 403


def test_a_running_scenario_can_be_cancelled(sqlite_file_container: Container) -> None:
    c = sqlite_file_container
    create_user(c, "ana", [Role.ANALYST], PASSWORD)
    h = {"Authorization": f"Bearer {issue_token(c, 'ana')}"}
    client = TestClient(create_app(c), raise_server_exceptions=False)
    long = {"start": "2026-01", "months": 600, "runs": 20000, "seed": 1, "shocks": []}
    r = client.post("/api/market/scenarios", json={"scenario": long, "name": "long"}, headers=h)
    assert r.status_code == 202, r.text
    run_id = r.json()["id"]
    assert client.post(f"/api/market/scenarios/{run_id}/cancel", headers=h).status_code == 200
    run = _wait_done(client, run_id, h)
    assert run["status"] == "cancelled" and run["blocks_done"] < run["blocks_total"]
    again = client.post(f"/api/market/scenarios/{run_id}/cancel", headers=h)
    assert again.status_code == 409
