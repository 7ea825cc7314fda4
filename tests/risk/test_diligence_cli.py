"""`reechain risk …` end to end on a committing SQLite file: the shared ownership example, the register,
the review queue, and what `lists import` prints after a change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reechain.bootstrap import Container
from reechain.cli import app
from reechain.domain.roles import Role
from reechain.services.auth import create_user

from .diligence_support import EXAMPLE, LIST_V2_EXTRA, PASSWORD, fresh_caches

runner = CliRunner()


@pytest.fixture
def env(sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch) -> Container:
    fresh_caches()
    monkeypatch.setenv("REECHAIN_DATABASE_URL", sqlite_file_container.settings.database_url)
    monkeypatch.delenv("REECHAIN_USER", raising=False)
    return sqlite_file_container


def test_the_shared_ownership_example(env: Container, tmp_path: Path) -> None:
    r = runner.invoke(
        app, ["lists", "import", str(EXAMPLE / "list.csv"), "--format", "csv", "--list", "example"]
    )
    assert r.exit_code == 0, r.output
    out = tmp_path / "dd.json"
    r = runner.invoke(
        app,
        [
            "risk",
            "diligence",
            str(EXAMPLE / "parties.csv"),
            "--ownership",
            str(EXAMPLE / "ownership.csv"),
            "--json",
            str(out),
        ],
    )
    assert r.exit_code == 0, r.output
    got = {p["id"]: p for p in json.loads(out.read_text())["parties"]}
    assert [pid for pid, p in got.items() if p["listed"]] == ["P1", "P2"]
    assert [pid for pid, p in got.items() if p["blocked_by_ownership"]] == ["P3", "P4"]
    assert {pid: p["band"] for pid, p in got.items()} == {
        "P1": "prohibited",
        "P2": "prohibited",
        "P3": "prohibited",
        "P4": "prohibited",
        "P5": "medium",
        "P6": "low",
    }
    assert got["P3"]["owned_by_listed_share"] == 0.55 and got["P4"]["owned_by_listed_share"] == 0.5


def test_a_bad_ownership_file_names_file_row_and_field(env: Container, tmp_path: Path) -> None:
    bad = tmp_path / "own.csv"
    bad.write_text("owner_id,owned_id,share\nP1,P3,0.3\nPX,P3,1.2\n", encoding="utf-8")
    r = runner.invoke(app, ["risk", "diligence", str(EXAMPLE / "parties.csv"), "--ownership", str(bad)])
    assert r.exit_code == 2
    assert str(bad) in r.output and "line 3, owner_id" in r.output and "line 3, share" in r.output


def test_register_import_list_change_and_review(env: Container, tmp_path: Path) -> None:
    create_user(env, "rita", [Role.RISK_MANAGER], PASSWORD)
    create_user(env, "tom", [Role.TRADER], PASSWORD)
    runner.invoke(app, ["lists", "import", str(EXAMPLE / "list.csv"), "--format", "csv", "--list", "example"])
    args = [
        "risk",
        "parties",
        "import",
        str(EXAMPLE / "parties.csv"),
        "--ownership",
        str(EXAMPLE / "ownership.csv"),
    ]
    assert runner.invoke(app, [*args, "--user", "rita"]).exit_code == 6  # a name without its password
    assert runner.invoke(app, [*args, "--user", "tom"], input=PASSWORD + "\n").exit_code == 6  # Forbidden
    r = runner.invoke(app, [*args, "--user", "rita"], input=PASSWORD + "\n")
    assert r.exit_code == 0, r.output
    assert "6 added" in r.output and "2 listed, 2 blocked by ownership" in r.output
    v2 = tmp_path / "v2.csv"
    v2.write_text((EXAMPLE / "list.csv").read_text(encoding="utf-8") + LIST_V2_EXTRA, encoding="utf-8")
    r = runner.invoke(app, ["lists", "import", str(v2), "--format", "csv", "--list", "example"])
    assert r.exit_code == 0, r.output
    assert (
        "of 6 registered parties: 1 new hit(s), 1 party(ies) marked" in r.output
        and "0 hold(s) opened" in r.output
    )
    r = runner.invoke(app, ["risk", "reviews", "--json", "-"])
    due = json.loads(r.stdout)["due"]
    assert due[0]["party_id"] == "P5" and due[0]["flagged"]
    r = runner.invoke(
        app, ["risk", "review", "P5", "--note", "sanctioned: exit", "--user", "rita"], input=PASSWORD + "\n"
    )
    assert r.exit_code == 0 and "prohibited (100)" in r.output
    r = runner.invoke(app, ["risk", "parties", "show", "P6", "--json", "-"])
    shown = json.loads(r.stdout)
    assert shown["summary"]["band"] == "prohibited" and shown["factors"][0]["code"] == "blocked_by_ownership"
    r = runner.invoke(app, ["risk", "rescreen", "example", "--user", "rita"], input=PASSWORD + "\n")
    assert r.exit_code == 0 and "0 new hit(s)" in r.output
