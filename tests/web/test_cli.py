"""`reechain user ...` and `reechain demo --no-serve`."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from reechain.bootstrap import Container
from reechain.cli import app
from reechain.services import auth, signals


@pytest.fixture
def cli(sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("REECHAIN_DATABASE_URL", sqlite_file_container.settings.database_url)
    return CliRunner()


def test_user_add_token_list_revoke(cli: CliRunner, sqlite_file_container: Container) -> None:
    r = cli.invoke(
        app, ["user", "add", "alice", "--role", "planner", "--role", "trader", "--password", "pw-123456"]
    )
    assert r.exit_code == 0, r.output
    assert auth.authenticate(sqlite_file_container, "alice", "pw-123456").roles == {"planner", "trader"}
    r = cli.invoke(app, ["user", "token", "alice"])
    token = r.stdout.strip()
    assert r.exit_code == 0 and token.startswith("ree_")
    assert auth.user_for_token(sqlite_file_container, token).username == "alice"
    assert "alice" in cli.invoke(app, ["user", "list"]).stdout
    r = cli.invoke(app, ["user", "revoke-tokens", "alice"])
    assert r.exit_code == 0 and "1 token(s) revoked" in r.stdout


def test_user_add_refuses_bad_input_with_an_exit_code(cli: CliRunner) -> None:
    r = cli.invoke(app, ["user", "add", "bob", "--role", "pilot", "--password", "pw-123456"])
    assert r.exit_code == 2 and "unknown role 'pilot'" in r.output
    r = cli.invoke(app, ["user", "token", "nobody"])
    assert r.exit_code == 3


def test_demo_prepares_sample_and_one_login_per_role(
    cli: CliRunner, sqlite_file_container: Container
) -> None:
    r = cli.invoke(app, ["demo", "--no-serve"])
    assert r.exit_code == 0, r.output
    assert "http://127.0.0.1:8000/" in r.stdout and "sample group loaded" in r.stdout
    logins = dict(re.findall(r"^  ([a-z-]+)\s+(\S+)$", r.stdout, flags=re.M))
    assert set(logins) >= {"planner", "auditor", "admin", "inventory-controller"}
    assert auth.authenticate(sqlite_file_container, "auditor", logins["auditor"]).roles == {"auditor"}
    # the Signals timeline has the sample notices: a Dy export control to start a scenario from
    analyst = auth.authenticate(sqlite_file_container, "analyst", logins["analyst"])
    dy = signals.timeline(sqlite_file_container, user=analyst, element="Dy")
    assert ("export_control", "MOFCOM/GAC 2025 No. 18") in [(e.signal.measure, e.signal.doc_ref) for e in dy]
    assert "sample notices: 4 stored" in r.stdout
    again = cli.invoke(app, ["demo", "--no-serve"])
    assert again.exit_code == 0 and "sample group already loaded" in again.stdout
    assert "sample notices: 0 stored (4 already known)" in again.stdout


def test_demo_gives_two_compliance_officers_to_release_a_hold(
    cli: CliRunner, sqlite_file_container: Container
) -> None:
    from reechain.services import compliance

    r = cli.invoke(app, ["demo", "--no-serve"])
    assert r.exit_code == 0, r.output
    logins = dict(re.findall(r"^  ([a-z0-9-]+)\s+(\S+)$", r.stdout, flags=re.M))
    hold = compliance.list_holds(sqlite_file_container)[0]["hold_id"]
    for name in ("compliance-officer", "compliance-officer-2"):  # the two-person rule, in the demo too
        user = auth.authenticate(sqlite_file_container, name, logins[name])
        assert user.roles == {"compliance_officer"}
        done = compliance.approve_hold(sqlite_file_container, hold, actor=user.username, roles=user.roles)
    assert done["status"] == "released"
