"""The `reechain ledger` and `reechain quota` commands (thin: they call the services)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reechain.bootstrap import Container
from reechain.cli import app

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "movements.csv"


@pytest.fixture
def cli(sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("REECHAIN_DATABASE_URL", sqlite_file_container.settings.database_url)
    return CliRunner()


def test_init_sample_balance_quota_trace(cli: CliRunner) -> None:
    r = cli.invoke(app, ["init", "--sample"])
    assert r.exit_code == 0, r.output
    r = cli.invoke(app, ["ledger", "balance", "--json", "-"])
    rows = json.loads(r.stdout)
    assert r.exit_code == 0 and {row["key"] for row in rows} >= {"La", "Ce", "Pr", "Nd", "Dy", "Tb"}
    r = cli.invoke(app, ["ledger", "balance", "--by", "product", "--at", "2026-03-01"])
    assert r.exit_code == 0 and "PRND-OX" in r.stdout
    r = cli.invoke(app, ["quota", "status", "--year", "2026", "--json", "-"])
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 4
    r = cli.invoke(app, ["ledger", "import", str(EXAMPLE)])
    assert r.exit_code == 0, r.output
    r = cli.invoke(app, ["ledger", "trace", "PM-1127", "--json", "-"])
    tree = json.loads(r.stdout)
    assert tree["ancestors"][0]["lot"] == "PN-1126"
    r = cli.invoke(app, ["ledger", "trace", "PM-1127"])
    assert "BO-1123-1" in r.stdout and "CUST-MAG1" in r.stdout
    r = cli.invoke(app, ["ledger", "movements", "--lot", "PM-1127", "--json", "-"])
    assert [m["kind"] for m in json.loads(r.stdout)] == ["sale", "transfer", "produce"]


def test_post_and_errors(cli: CliRunner) -> None:
    assert cli.invoke(app, ["init", "--sample"]).exit_code == 0
    args = ["ledger", "post", "--kind", "receipt", "--lot", "X1", "--product", "CONC-BO", "--qty", "10"]
    r = cli.invoke(app, [*args, "--to", "WH-MAIN", "--source", "purchase", "--date", "2026-11-21"])
    assert r.exit_code == 0, r.output
    r = cli.invoke(
        app,
        [
            "ledger",
            "post",
            "--kind",
            "sale",
            "--lot",
            "X1",
            "--qty",
            "11",
            "--from",
            "WH-MAIN",
            "--to",
            "CUST-TRD",
            "--date",
            "2026-11-21",
        ],
    )
    assert r.exit_code == 5 and "not enough stock" in r.stderr
    r = cli.invoke(app, ["ledger", "balance", "--by", "colour"])
    assert r.exit_code == 2
    r = cli.invoke(app, ["ledger", "trace", "NOPE"])
    assert r.exit_code == 3
    r = cli.invoke(
        app,
        [
            "quota",
            "add",
            "--year",
            "2027",
            "--batch",
            "b1",
            "--kind",
            "mining",
            "--holder",
            "H",
            "--limit",
            "100",
        ],
    )
    assert r.exit_code == 0 and "2027 b1 mining H" in r.stdout
    bad = Path(cli.invoke(app, ["--help"]).stdout and "/nonexistent.csv")
    assert cli.invoke(app, ["ledger", "import", str(bad)]).exit_code == 2
