"""Work orders through the API (typed responses, roles in the service) and the CLI."""

from __future__ import annotations

import json
from datetime import date

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.cli import app
from reechain.domain.movements import MovementInput, MovementKind, ReceiptSource
from reechain.domain.roles import Role
from reechain.services import ledger
from reechain.services.auth import create_user, issue_token
from reechain.services.planning import run_plan
from reechain.services.sample import load_sample_group


def api_client(c: Container, role: Role) -> TestClient:
    name = f"u-{role.value}"
    create_user(c, name, [role], "a-long-test-pass-1")
    client = TestClient(create_app(c), raise_server_exceptions=False)
    client.headers["Authorization"] = f"Bearer {issue_token(c, name)}"
    return client


def _feed(c: Container, plant: str, product: str, t: float, lot: str) -> None:
    ledger.post_movement(
        c,
        MovementInput(
            MovementKind.RECEIPT,
            date(2026, 10, 2),
            lot=lot,
            product=product,
            quantity_t=t,
            to_location=plant,
            source=ReceiptSource.PURCHASE,
        ),
    )


def test_api_release_confirm_execution(container: Container) -> None:
    load_sample_group(container)
    plan = run_plan(container, 2026, today=date(2026, 10, 1))
    analyst = api_client(container, Role.ANALYST)
    assert analyst.post(f"/api/plans/{plan['id']}/periods/2026-Q4/release").status_code == 403
    planner = api_client(container, Role.PLANNER)
    r = planner.post(f"/api/plans/{plan['id']}/periods/2026-Q4/release")
    assert r.status_code == 201, r.text
    wo = next(w for w in r.json() if w["step"] == "SEP-BT1")
    assert wo["status"] == "open" and wo["reference"] == f"WO-{wo['id']}"
    assert planner.post(f"/api/plans/{plan['id']}/periods/2026-Q4/release").status_code == 409
    url = f"/api/plans/work-orders/{wo['id']}/confirm"
    assert planner.post(url, json={}).status_code == 422  # no feed at the plant: RuleViolation
    (product, planned) = next(iter(wo["planned_feed_t"].items()))
    _feed(container, "SEP-BT1", product, round(planned, 3), "FEED-API")
    bad = planner.post(url, json={"actual_t": {product: -1}})
    assert bad.status_code == 422
    r = planner.post(url, json={"on": "2026-10-06", "recovery": 0.96})
    assert r.status_code == 200, r.text
    done = r.json()
    assert done["status"] == "confirmed" and done["actual_recovery"] == 0.96
    execution = planner.get(f"/api/plans/{plan['id']}/execution").json()
    assert execution["released_periods"] == ["2026-Q4"]
    la = next(e for e in execution["elements"] if e["period"] == "2026-Q4" and e["element"] == "La")
    assert la["actual_t_reo"] == pytest.approx(done["actual_t_reo"]["La"])
    schema = planner.get("/openapi.json").json()
    ok = schema["paths"]["/api/plans/work-orders/{work_order_id}/confirm"]["post"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/WorkOrderPublic"}


PW = "a-long-planner-pass-1"


def test_cli_release_confirm_actual(
    sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = sqlite_file_container
    monkeypatch.setenv("REECHAIN_DATABASE_URL", c.settings.database_url)
    load_sample_group(c)
    plan = run_plan(c, 2026, today=date(2026, 10, 1))
    create_user(c, "pat", [Role.PLANNER], PW)
    cli = CliRunner()
    res = cli.invoke(app, ["plan", "release", str(plan["id"]), "--period", "2026-Q4"])
    assert res.exit_code != 0 and "--user" in res.output
    res = cli.invoke(app, ["plan", "release", str(plan["id"]), "--period", "2026-Q4", "--user", "pat"])
    assert res.exit_code == 6  # a name without its password does not act
    res = cli.invoke(
        app,
        ["plan", "release", str(plan["id"]), "--period", "2026-Q4", "--user", "pat", "--json", "-"],
        input=PW + "\n",
    )
    assert res.exit_code == 0, res.output
    wo = next(w for w in json.loads(res.stdout) if w["step"] == "SEP-BT1")
    (product, _) = next(iter(wo["planned_feed_t"].items()))
    _feed(c, "SEP-BT1", product, 1000.0, "FEED-CLI")
    res = cli.invoke(
        app,
        ["plan", "confirm", str(wo["id"]), "--actual", f"{product}=abc", "--user", "pat"],
        input=PW + "\n",
    )
    assert res.exit_code != 0 and "--actual" in res.output
    res = cli.invoke(
        app,
        [
            "plan",
            "confirm",
            str(wo["id"]),
            "--actual",
            f"{product}=1000",
            "--on",
            "2026-10-07",
            "--user",
            "pat",
        ],
        input=PW + "\n",
    )
    assert res.exit_code == 0, res.output
    assert f"WO{wo['id']}-" in res.output
    res = cli.invoke(app, ["plan", "actual", str(plan["id"]), "--json", "-"])
    rows = json.loads(res.output)
    ce = next(r for r in rows if r["period"] == "2026-Q4" and r["element"] == "Ce")
    # 1,000 t of 50 % REO concentrate, Ce 50 % of REO, at the plant's 95 % recovery
    assert ce["actual_t_reo"] == pytest.approx(1000 * 0.5 * 0.5 * 0.95, abs=1e-3)
    res = cli.invoke(app, ["plan", "work-orders", str(plan["id"]), "--period", "2026-Q4"])
    assert res.exit_code == 0 and "confirmed" in res.output
