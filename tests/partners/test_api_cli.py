"""Partners through the API (typed, roles: planner and analyst read, admin imports), the command line and the
browser (the chain Sankey drawn by Plotly in headless chromium)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.cli import app as cli_app
from reechain.domain.roles import Role
from reechain.services import partners
from reechain.services.auth import create_user, issue_token

PASSWORD = "partners-pass-1"
SAMPLE = Path(__file__).resolve().parents[2] / "src" / "reechain" / "data" / "sample_group"


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    from argon2 import PasswordHasher

    from reechain.services import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def headers(c: Container, name: str, role: Role) -> dict[str, str]:
    create_user(c, name, [role], PASSWORD)
    return {"Authorization": f"Bearer {issue_token(c, name)}"}


def test_api_roles_and_typed_documents(sqlite_file_container: Container) -> None:
    c = sqlite_file_container
    client = TestClient(create_app(c), raise_server_exceptions=False)
    admin, planner = headers(c, "adm", Role.ADMIN), headers(c, "pla", Role.PLANNER)
    analyst, trader = headers(c, "ana", Role.ANALYST), headers(c, "tra", Role.TRADER)
    text = (SAMPLE / "partners.csv").read_bytes()
    r = client.post("/api/partners/import", headers=planner, files={"file": ("p.csv", text, "text/csv")})
    assert r.status_code == 403
    r = client.post("/api/partners/import", headers=admin, files={"file": ("p.csv", text, "text/csv")})
    assert r.status_code == 200 and r.json() == {"partners": 3, "plants": 0, "agreements": 0}
    bad = b"id,name,kind,share,consolidation,since\nX,Bad,jv,2,full,2025-01-01\n"
    r = client.post("/api/partners/import", headers=admin, files={"file": ("b.csv", bad, "text/csv")})
    assert r.status_code == 422 and any(p["field"] == "partners[0].share" for p in r.json()["problems"])
    for name in ("partner_plants.csv", "agreements.csv"):
        body = (SAMPLE / name).read_bytes()
        assert (
            client.post(
                "/api/partners/import", headers=admin, files={"file": (name, body, "text/csv")}
            ).status_code
            == 200
        )
    for who in (planner, analyst, admin):
        doc = client.get("/api/partners", headers=who).json()
        jv = next(p for p in doc["partners"] if p["id"] == "P-JV-OXIDE")
        assert jv["share"] == 0.51 and jv["plants"][0]["capacity_t_per_year"] == 5000
        assert jv["agreements"][0]["price_formula"] == "fixed 9,500 CNY/t"
    assert client.get("/api/partners", headers=trader).status_code == 403
    chain = client.get("/api/partners/chain?year=2026", headers=analyst).json()
    refs = {x["ref"] for x in chain["links"]}
    assert {"agreement:AG-SUP-CONC", "agreement:AG-OFF-OXIDE", "agreement:AG-TOLL-MAG"} <= refs
    assert {s["stage"] for s in chain["stages"]} == {"mining", "separation", "metal", "magnet"}
    schema = client.get("/openapi.json").json()["paths"]
    assert "ChainPublic" in json.dumps(schema["/api/partners/chain"])
    assert "RegisterPublic" in json.dumps(schema["/api/partners"])


def test_cli_import_list_json(
    sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("REECHAIN_DATABASE_URL", sqlite_file_container.settings.database_url)
    cli = CliRunner(env={"COLUMNS": "80"})
    for name in ("partners.csv", "partner_plants.csv", "agreements.csv"):
        r = cli.invoke(cli_app, ["partners", "import", str(SAMPLE / name)])
        assert r.exit_code == 0, r.output
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "id,kind,partner,product,start_on,end_on,volume_t_per_year\nZ,swap,P-PARENT,X,2026-01-01,2026-02-01,1\n"
    )
    r = cli.invoke(cli_app, ["partners", "import", str(bad)])
    assert r.exit_code != 0 and "agreements[0].kind" in r.output
    out = tmp_path / "partners.json"
    r = cli.invoke(cli_app, ["partners", "list", "--json", str(out)])
    assert r.exit_code == 0 and "P-JV-MAGNET" in r.output
    doc = json.loads(out.read_text())
    assert sorted(p["id"] for p in doc["partners"]) == ["P-JV-MAGNET", "P-JV-OXIDE", "P-PARENT"]
    assert all(p["illustrative"] for p in doc["partners"])


@pytest.mark.browser
def test_chain_sankey_in_the_browser(
    sqlite_file_container: Container, live_server: str, chromium: Any
) -> None:
    c = sqlite_file_container
    partners.load_sample_partners(c)
    create_user(c, "ana", [Role.ANALYST], PASSWORD)
    page: Any = chromium.new_context().new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(live_server + "/")
    page.fill("#username", "ana")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=current-user]")
    page.click("nav >> text=Chain")
    page.wait_for_selector("div[aria-label='chain Sankey diagram'] .main-svg")
    sankey = page.locator("div[aria-label='chain Sankey diagram']")
    assert sankey.evaluate("el => el.data[0].type") == "sankey"
    colours = sankey.evaluate("el => el.data[0].link.color")
    assert colours and all("255,127,14" in col for col in colours)  # no ledger yet: partner flows only
    assert page.locator("div[aria-label='chain Sankey diagram'] .sankey-link").count() == len(colours)
    assert "Magnets" in sankey.evaluate("el => el.data[0].node.label")
    assert "0.83%" in page.inner_text("[data-testid=stage-magnet]")  # 0.5 × 5,000 of 300,000 t
    page.click("nav >> text=Partners")
    page.wait_for_selector("[data-testid=agreement-AG-SUP-CONC]")
    assert "fixed 26,834 CNY/t" in page.inner_text("[data-testid=agreement-AG-SUP-CONC]")
    assert errors == []
