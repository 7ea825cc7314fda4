"""Plants through the API (planner, analyst and admin write; others read) and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.cli import app as cli_app
from reechain.domain.roles import Role
from reechain.services.auth import create_user, issue_token

from .world import FEB_RECORDS, JAN_RECORDS, define_green_world

PASSWORD = "plants-test-passphrase-1"


def client(c: Container, name: str, *roles: Role) -> TestClient:
    create_user(c, name, roles, PASSWORD)
    t = TestClient(create_app(c), raise_server_exceptions=False)
    t.headers["Authorization"] = f"Bearer {issue_token(c, name)}"
    return t


@pytest.mark.usefixtures("cheap_passwords")
def test_api_records_kpis_whatif_and_roles(sqlite_file_container: Container) -> None:
    c = sqlite_file_container
    define_green_world(c)
    planner = client(c, "pat", Role.PLANNER)
    analyst = client(c, "ana", Role.ANALYST)
    admin = client(c, "adm", Role.ADMIN)
    trader = client(c, "tom", Role.TRADER)
    auditor = client(c, "aud", Role.AUDITOR)
    assert trader.post("/api/plants/records", json={"records": JAN_RECORDS}).status_code == 403
    assert auditor.post("/api/plants/records", json={"records": JAN_RECORDS}).status_code == 403
    r = planner.post("/api/plants/records", json={"records": JAN_RECORDS})
    assert r.status_code == 200, r.text
    assert r.json() == {"rows": 8, "added": 8, "replaced": 0}
    csv = "plant,period,item,quantity\n" + "".join(
        f"{x['plant']},{x['period']},{x['item']},{x['quantity']}\n" for x in FEB_RECORDS
    )
    r = analyst.post("/api/plants/records/import", files={"file": ("feb.csv", csv.encode(), "text/csv")})
    assert r.json() == {"rows": 4, "added": 4, "replaced": 0}
    r = analyst.post("/api/plants/records/import", files={"file": ("feb.csv", csv.encode(), "text/csv")})
    assert r.status_code == 422 and '"line":2' in r.text and "already recorded" in r.text
    r = admin.post(
        "/api/plants/records/import?replace=true", files={"file": ("feb.csv", csv.encode(), "text/csv")}
    )
    assert r.json()["replaced"] == 4
    bad = {"records": [{**JAN_RECORDS[0], "quantity": "NaN"}]}
    assert planner.post("/api/plants/records", json=bad).status_code == 422
    r = auditor.get("/api/plants/kpis", params={"plant": "SEP"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [m["period"] for m in body["months"]] == ["2026-01", "2026-02"]
    assert body["months"][0]["t_reo"] == 48.0 and body["months"][0]["cost_cny_per_t_reo"] == 7000.0
    assert body["months"][0]["per_t_reo"]["electricity_kwh"] == 3000.0
    assert body["exceedances"] == [
        {
            "plant": "SEP",
            "period": "2026-02",
            "item": "ammonia_nitrogen_mg_per_l",
            "zone": "general",
            "measured": 15.1,
            "limit": 15.0,
            "unit": "mg_per_l",
            "standard": "GB 26451-2011 Emission standards of pollutants from rare earths industry",
        }
    ]
    r = trader.post(
        "/api/plants/whatif",
        json={"plant": "SEP", "annual_net_savings_cny": 1_152_000, "start_period": "2026-02"},
    )
    assert [m["cost_after_cny_per_t_reo"] for m in r.json()["months"]] == [7000.0, 5000.0]
    assert auditor.get("/api/plants/kpis", params={"period": "2026-13"}).status_code == 422
    assert auditor.get("/api/plants/kpis", params={"plant": "NOPE"}).status_code == 404
    assert len(auditor.get("/api/plants/records", params={"period": "2026-02"}).json()) == 4
    assert auditor.get("/api/plants/reference/gb26451_limits").json()["rows"][0]["limit"] == "15"
    spec = auditor.get("/openapi.json").json()
    for path in ("/api/plants/kpis", "/api/plants/records", "/api/plants/whatif"):
        for op in spec["paths"][path].values():
            assert "$ref" in json.dumps(op["responses"]["200"]), path


def test_cli_import_kpis_whatif(
    sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("REECHAIN_DATABASE_URL", sqlite_file_container.settings.database_url)
    define_green_world(sqlite_file_container)
    runner = CliRunner()
    f = tmp_path / "r.csv"
    f.write_text(
        "plant,period,item,quantity,zone\n"
        + "".join(
            f"{x['plant']},{x['period']},{x['item']},{x['quantity']},{x['zone']}\n"
            for x in JAN_RECORDS + FEB_RECORDS
        ),
        encoding="utf-8",
    )
    r = runner.invoke(cli_app, ["green", "import", str(f)])
    assert r.exit_code == 0, r.output
    assert "12 records: 12 added, 0 replaced" in r.output
    r = runner.invoke(cli_app, ["green", "import", str(f)])
    assert r.exit_code == 2 and "already recorded" in r.output
    out = tmp_path / "k.json"
    r = runner.invoke(cli_app, ["green", "kpis", "--plant", "SEP", "--period", "2026", "--json", str(out)])
    assert r.exit_code == 0, r.output
    assert "above limit: SEP 2026-02 ammonia_nitrogen_mg_per_l = 15.1 > 15" in r.output.replace("\n", " ")
    data = json.loads(out.read_text())
    assert data["plants"][0]["t_reo"] == 72.0 and len(data["exceedances"]) == 1
    project = tmp_path / "p.yaml"
    project.write_text(
        "id: up\ncapex: [1]\nannual_savings: 1.5\nannual_opex_change: 0.348\n"
        "life_years: 5\ndiscount_rate: 0.1\n"
    )
    r = runner.invoke(
        cli_app, ["green", "whatif", str(project), "--plant", "SEP", "--from", "2026-02", "--json", "-"]
    )
    assert r.exit_code == 0, r.output
    w = json.loads(r.output)
    assert w["annual_net_savings_cny"] == pytest.approx(1_152_000)
    assert [m["cost_after_cny_per_t_reo"] for m in w["months"]] == pytest.approx([7000.0, 5000.0])
    r = runner.invoke(cli_app, ["green", "kpis", "--period", "26-1"])
    assert r.exit_code == 2
