"""The `reechain comply` and `reechain audit` commands on a fresh SQLite file."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reechain.bootstrap import Container
from reechain.cli import app
from reechain.services.auth import create_user

from .support import EXAMPLE

runner = CliRunner()
PW = "correct horse battery\n"  # typed at the password prompt


@pytest.fixture
def cli_db(sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch) -> Container:
    monkeypatch.setenv("REECHAIN_DATABASE_URL", sqlite_file_container.settings.database_url)
    monkeypatch.delenv("REECHAIN_USER", raising=False)
    return sqlite_file_container


def test_check_on_a_fresh_database_is_not_clear_and_says_why(cli_db: Container, tmp_path: Path) -> None:
    out = tmp_path / "d.json"
    r = runner.invoke(app, ["comply", "check", str(EXAMPLE), "--json", str(out)])
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text())
    assert data["decision"] in {"hold", "licence_required", "blocked"}
    assert data["lines"][0]["decision"] == "licence_required"
    assert (
        "1C905.b"
        in data["lines"][0]["measures"][1]["control_codes"] + data["lines"][0]["measures"][0]["control_codes"]
    )
    assert "hold" in r.output or "licence_required" in r.output


def test_a_malformed_order_is_refused_with_its_field(cli_db: Container, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"order_id": "X", "parties": [], "lines": []}))
    r = runner.invoke(app, ["comply", "check", str(bad)])
    assert r.exit_code == 2 and "destination_country" in r.output
    bad.write_text("{not json")
    assert runner.invoke(app, ["comply", "check", str(bad)]).exit_code == 2


def test_rules_as_of(cli_db: Container, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    runner.invoke(app, ["comply", "rules", "--as-of", "2025-04-03", "--json", str(out)])
    assert "MOFCOM_GAC_2025_18" not in {m["id"] for m in json.loads(out.read_text())["measures"]}
    runner.invoke(app, ["comply", "rules", "--as-of", "2025-11-20", "--all", "--json", str(out)])
    status = {m["id"]: m["status"] for m in json.loads(out.read_text())["measures"]}
    assert status["MOFCOM_GAC_2025_18"] == "in_force" and status["MOFCOM_GAC_2025_57"] == "suspended"


def test_licence_roles_ship_and_audit_verify(cli_db: Container, tmp_path: Path) -> None:
    create_user(cli_db, "alice", ["compliance_officer"], "correct horse battery")
    create_user(cli_db, "tom", ["trader"], "correct horse battery")
    args = [
        "comply",
        "licence",
        "add",
        "DU-1",
        "--kind",
        "dual_use",
        "--exporter",
        "Sample Rare Earth Group International Trade Co., Ltd.",
        "--quantity-kg",
        "600",
        "--valid-from",
        "2026-01-01",
        "--valid-until",
        "2026-12-31",
        "--destination",
        "JP",
        "--elements",
        "Dy",
    ]
    assert runner.invoke(app, [*args, "--user", "tom"], input=PW).exit_code == 6
    assert runner.invoke(app, args).exit_code == 6  # nobody named
    r = runner.invoke(app, [*args, "--user", "alice"], input=PW)
    assert r.exit_code == 0, r.output
    out = tmp_path / "l.json"
    runner.invoke(app, ["comply", "licence", "list", "--json", str(out)])
    (lic,) = json.loads(out.read_text())
    assert lic["licence_no"] == "DU-1" and lic["remaining_kg"] == 600
    r = runner.invoke(app, ["audit", "verify"])
    assert r.exit_code == 0 and "ok: 1 records" in r.output
    # only a sales order ships: an unknown one is not found
    assert runner.invoke(app, ["comply", "ship", "NOPE", "--user", "alice"], input=PW).exit_code == 3
    # tamper with the stored payload: verify names the record and fails
    db = cli_db.settings.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(db) as con:
        con.execute("UPDATE audit_records SET payload = replace(payload, '600', '6000') WHERE seq = 1")
    r = runner.invoke(app, ["audit", "verify"])
    assert r.exit_code == 5 and "seq 1" in r.output


def test_holds_and_two_person_release_from_the_cli(cli_db: Container, tmp_path: Path) -> None:
    for name in ("alice", "bob"):
        create_user(cli_db, name, ["compliance_officer"], "correct horse battery")
    out = tmp_path / "d.json"
    runner.invoke(app, ["comply", "check", str(EXAMPLE), "--json", str(out)])
    hold = json.loads(out.read_text())["hold_id"]  # no list is loaded: the order is held
    assert hold
    r = runner.invoke(app, ["comply", "holds"])
    assert "EX-2026-0042" in r.output
    assert (
        "pending" in runner.invoke(app, ["comply", "approve", str(hold), "--user", "alice"], input=PW).output
    )
    assert runner.invoke(app, ["comply", "approve", str(hold), "--user", "alice"], input=PW).exit_code == 5
    assert (
        "released" in runner.invoke(app, ["comply", "approve", str(hold), "--user", "bob"], input=PW).output
    )
    r = runner.invoke(app, ["audit", "show", "--json", "-"])
    actions = [x["action"] for x in json.loads(r.output)]
    assert actions[:3] == ["hold.released", "hold.approved", "order.checked"]


def test_comply_ship_ships_a_sales_order_through_the_ledger(cli_db: Container) -> None:
    from reechain.services import compliance as svc
    from reechain.services import screening

    from .sales_world import add_export_order, define_sales_world, stock_t
    from .support import OFFICER, dy_licence

    define_sales_world(cli_db)
    screening.import_list(cli_db, screening.SAMPLE_LISTS_DIR / "csl_sample.csv", "csl-csv", "csl")
    svc.add_licence(cli_db, dy_licence(valid_until=date(2027, 12, 31)), actor="o1", roles=OFFICER)
    create_user(cli_db, "tom", ["trader"], "correct horse battery")
    add_export_order(cli_db, "EX-9", 0.5)
    r = runner.invoke(app, ["comply", "ship", "EX-9", "--user", "tom"], input="correct horse battery\n")
    assert r.exit_code == 5 and "not been checked" in r.output  # a sales order is checked once first
    assert svc.check_sales_order(cli_db, "EX-9", actor="tom")["decision"] == "clear"
    r = runner.invoke(app, ["comply", "ship", "EX-9", "--user", "tom"], input="correct horse battery\n")
    assert r.exit_code == 0, r.output
    assert (
        "drew 500 kg from licence DU-2026-001" in r.output and "sold 0.5 t of lot DY-A from WH1" in r.output
    )
    assert stock_t(cli_db) == 1.5
    assert (
        runner.invoke(
            app, ["comply", "ship", "EX-9", "--user", "tom"], input="correct horse battery\n"
        ).exit_code
        == 5
    )  # shipped once
