"""`reechain sales ...` end to end on a SQLite file: contract, order, allocate, ship, velocity, share."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reechain.bootstrap import Container
from reechain.cli import app

from .world import define_trade_world

runner = CliRunner()


def run(*args: str) -> str:
    res = runner.invoke(app, list(args))
    assert res.exit_code == 0, res.output
    return res.output


def test_sales_cli_flow(
    sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("REECHAIN_DATABASE_URL", sqlite_file_container.settings.database_url)
    define_trade_world(sqlite_file_container)
    today = date.today()
    run(
        "sales",
        "contract",
        "add",
        "LT-9",
        "--customer",
        "CUST-CN",
        "--product",
        "LA-OX",
        "--volume-t",
        "40",
        "--start",
        str(today - timedelta(days=30)),
        "--end",
        str(today + timedelta(days=300)),
        "--price-basis",
        "fixed",
        "--price",
        "4000",
    )
    run(
        "sales",
        "order",
        "add",
        "O-1",
        "--channel",
        "long_term",
        "--contract",
        "LT-9",
        "--customer",
        "CUST-CN",
        "--product",
        "LA-OX",
        "--quantity-t",
        "10",
    )
    assert "LA-A" in run("sales", "order", "allocate", "O-1", "--rule", "fifo")
    assert "shipped" in run("sales", "order", "ship", "O-1")
    orders = json.loads(run("sales", "order", "list", "--json", "-"))
    assert orders[0]["status"] == "shipped" and orders[0]["price_cny_per_t"] == 4000
    vel = json.loads(run("sales", "velocity", "--days", "30", "--json", "-"))
    assert vel == [
        {
            "product": "LA-OX",
            "channel": "long_term",
            "sold_t": 10.0,
            "t_per_30_days": 10.0,
            "sales": 1,
            "last_sale_on": str(today),
        }
    ]
    sizes = tmp_path / "sizes.csv"
    sizes.write_text(f"year,scope,key,market_t_reo,source\n{today.year},element,La,1000,test figure\n")
    run("sales", "market-size", "import", str(sizes))
    run(
        "sales",
        "market-size",
        "add",
        str(today.year),
        "segment",
        "light",
        "5000",
        "--source",
        "test figure 2",
    )
    share = {
        (r["scope"], r["key"]): r for r in json.loads(run("sales", "share", str(today.year), "--json", "-"))
    }
    assert share[("element", "La")]["share"] == pytest.approx(10 / 1000)
    assert share[("segment", "light")]["share"] == pytest.approx(10 / 5000)
    assert share[("segment", "heavy")]["basis"] == "no market size"
    bad = runner.invoke(app, ["sales", "order", "allocate", "NOPE"])
    assert bad.exit_code == 3
