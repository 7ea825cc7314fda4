"""Separation of duties on the command line: writes that need a role authenticate their user."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reechain.bootstrap import Container
from reechain.cli import app
from reechain.services.auth import create_user, issue_token
from reechain.services.compliance import get_hold

from .support import EXAMPLE

runner = CliRunner()
PASSWORD = "correct horse battery"


@pytest.fixture
def cli_db(sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch) -> Container:
    monkeypatch.setenv("REECHAIN_DATABASE_URL", sqlite_file_container.settings.database_url)
    monkeypatch.delenv("REECHAIN_USER", raising=False)
    monkeypatch.delenv("REECHAIN_TOKEN", raising=False)
    for name in ("alice", "bob"):
        create_user(sqlite_file_container, name, ["compliance_officer"], PASSWORD)
    create_user(sqlite_file_container, "tom", ["trader"], PASSWORD)
    return sqlite_file_container


def _held_order(tmp_path: Path) -> int:
    out = tmp_path / "d.json"
    r = runner.invoke(app, ["comply", "check", str(EXAMPLE), "--json", str(out)])
    assert r.exit_code == 0, r.output
    hold = json.loads(out.read_text())["hold_id"]  # no list is loaded: the order is held
    assert isinstance(hold, int)
    return hold


def test_without_credentials_every_role_write_is_refused(cli_db: Container, tmp_path: Path) -> None:
    hold = _held_order(tmp_path)
    for args in (
        ["comply", "approve", str(hold)],
        ["comply", "reject", str(hold)],
        ["comply", "ship", "EX-2026-0042"],
        ["comply", "allow", "revoke", "1"],
    ):
        r = runner.invoke(app, args)
        assert r.exit_code == 6, (args, r.output)
        assert "REECHAIN_TOKEN" in r.output
    assert get_hold(cli_db, hold)["approvals"] == []


def test_a_name_alone_is_not_enough(cli_db: Container, tmp_path: Path) -> None:
    hold = _held_order(tmp_path)
    r = runner.invoke(app, ["comply", "approve", str(hold), "--user", "alice"], input="")
    assert r.exit_code == 6 and "no password given for alice" in r.output
    r = runner.invoke(app, ["comply", "approve", str(hold), "--user", "alice"], input="wrong guess\n")
    assert r.exit_code == 6 and "wrong username or password" in r.output
    assert get_hold(cli_db, hold)["approvals"] == []


def test_the_same_token_twice_does_not_release(cli_db: Container, tmp_path: Path) -> None:
    hold = _held_order(tmp_path)
    alice = {"REECHAIN_TOKEN": issue_token(cli_db, "alice")}
    r = runner.invoke(app, ["comply", "approve", str(hold)], env=alice)
    assert r.exit_code == 0 and "pending" in r.output, r.output
    r = runner.invoke(app, ["comply", "approve", str(hold)], env=alice)
    assert r.exit_code == 5 and "alice has already approved" in r.output
    # alice's token cannot speak for bob
    r = runner.invoke(app, ["comply", "approve", str(hold), "--user", "bob"], env=alice)
    assert r.exit_code == 6 and "token of alice, not of bob" in r.output
    h = get_hold(cli_db, hold)
    assert h["status"] == "pending" and [a["username"] for a in h["approvals"]] == ["alice"]


def test_alice_then_bob_release_with_token_and_password(cli_db: Container, tmp_path: Path) -> None:
    hold = _held_order(tmp_path)
    r = runner.invoke(
        app, ["comply", "approve", str(hold)], env={"REECHAIN_TOKEN": issue_token(cli_db, "alice")}
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["comply", "approve", str(hold), "--user", "bob"], input=PASSWORD + "\n")
    assert r.exit_code == 0 and "released" in r.output, r.output
    assert PASSWORD not in r.output  # the password is not echoed
    h = get_hold(cli_db, hold)
    assert h["status"] == "released" and [a["username"] for a in h["approvals"]] == ["alice", "bob"]


def test_an_authenticated_user_without_the_role_is_refused_by_the_service(
    cli_db: Container, tmp_path: Path
) -> None:
    hold = _held_order(tmp_path)
    r = runner.invoke(
        app, ["comply", "approve", str(hold)], env={"REECHAIN_TOKEN": issue_token(cli_db, "tom")}
    )
    assert r.exit_code == 6 and "Forbidden: this needs the role compliance_officer" in r.output, r.output
    r = runner.invoke(app, ["comply", "approve", str(hold)], env={"REECHAIN_TOKEN": "rc_not-a-token"})
    assert r.exit_code == 6 and "revoked API token" in r.output
    assert get_hold(cli_db, hold)["approvals"] == []


def test_a_revoked_token_is_refused(cli_db: Container, tmp_path: Path) -> None:
    hold = _held_order(tmp_path)
    token = issue_token(cli_db, "alice")
    assert runner.invoke(app, ["user", "revoke-tokens", "alice"]).exit_code == 0
    r = runner.invoke(app, ["comply", "reject", str(hold)], env={"REECHAIN_TOKEN": token})
    assert r.exit_code == 6
    assert get_hold(cli_db, hold)["status"] == "pending"
