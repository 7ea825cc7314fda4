"""Hostile tests of authentication: CSRF with other Authorization schemes, logout, token expiry, passwords,
ending sessions and tokens (API, CLI, page)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from typer.testing import CliRunner

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.cli import app as cli_app
from reechain.domain.errors import Forbidden, InvalidInput
from reechain.domain.roles import Role
from reechain.services import auth, sessions
from reechain.store.tables.auth import ApiTokenRow
from web.helpers import api_client, csrf, page_client


@pytest.mark.parametrize(
    "authorization", ["Basic dXNlcjpwYXNz", "Bearer not-a-token", "Bearer ", "bearer", "Token abc"]
)
def test_an_authorization_header_that_is_no_valid_token_does_not_skip_csrf(
    container: Container, authorization: str
) -> None:
    client = page_client(container, Role.ANALYST)  # logged in: the session cookie rides along
    r = client.post("/api/tokens", json={"name": "stolen"}, headers={"Authorization": authorization})
    assert r.status_code in (401, 403), r.text
    assert sessions.active_credentials(container, None) == [
        a for a in sessions.active_credentials(container, None) if a.kind == "session"
    ]  # no token was issued


def test_a_non_bearer_header_never_falls_back_to_the_cookie(container: Container) -> None:
    client = page_client(container, Role.ANALYST)
    assert client.get("/api/me").status_code == 200
    assert client.get("/api/me", headers={"Authorization": "Basic dXNlcjpwYXNz"}).status_code == 401


def test_a_valid_bearer_token_still_posts_without_csrf(container: Container) -> None:
    client = api_client(container, Role.ANALYST)
    assert client.post("/api/tokens", json={"name": "script"}).status_code == 201


def test_logout_ends_the_session_on_the_server(container: Container) -> None:
    client = page_client(container, Role.ANALYST)
    copied = dict(client.cookies)
    token = csrf(client, "/")
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    replay = TestClient(create_app(container), raise_server_exceptions=False, cookies=copied)
    r = replay.get("/api/me")
    assert r.status_code == 401 and "logged out" in r.json()["message"]


def test_an_expired_token_is_refused(container: Container) -> None:
    auth.create_user(container, "scripty", [Role.ANALYST], "long-enough-pass")
    token = auth.issue_token(container, "scripty", "nightly", valid_days=1)
    client = TestClient(create_app(container), raise_server_exceptions=False)
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    with container.uow() as uow:
        uow.session.execute(update(ApiTokenRow).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
        uow.commit()
    with pytest.raises(Exception, match="expired"):
        auth.user_for_token(container, token)
    with pytest.raises(InvalidInput):
        auth.issue_token(container, "scripty", valid_days=0)
    with pytest.raises(InvalidInput):
        auth.issue_token(container, "scripty", valid_days=367)


@pytest.mark.parametrize(
    ("username", "password", "reason"),
    [
        ("carol", "        ", "only spaces"),
        ("carol", "carol2026!", "username"),
        ("carol", "  CAROL#1234", "username"),
        ("carol", "password1", "common"),
        ("carol", "Qwertyuiop", "common"),
        ("carol", "short", "at least"),
    ],
)
def test_weak_passwords_are_refused(container: Container, username: str, password: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as e:
        auth.create_user(container, username, [Role.ANALYST], password)
    assert reason in e.value.problems[0].reason
    auth.create_user(container, "dave", [Role.ANALYST], "correct-horse-1")
    with pytest.raises(InvalidInput):
        auth.set_password(container, "dave", "Dave12345")


def test_an_admin_lists_and_ends_sessions_and_tokens(container: Container) -> None:
    analyst = page_client(container, Role.ANALYST)
    admin = api_client(container, Role.ADMIN)
    listed = admin.get("/api/sessions").json()
    mine = [a for a in listed if a["username"] == "u-analyst" and a["kind"] == "session"]
    assert len(mine) == 1 and mine[0]["expires_at"]
    assert any(a["kind"] == "token" and a["username"] == "u-admin" for a in listed)
    assert analyst.get("/api/sessions").status_code == 403
    r = admin.delete(f"/api/sessions/session/{mine[0]['id']}")
    assert r.status_code == 200 and r.json() == {"kind": "session", "id": mine[0]["id"], "ended": True}
    r = analyst.get("/api/me")
    assert r.status_code == 401 and "ended by u-admin" in r.json()["message"]
    assert admin.delete(f"/api/sessions/session/{mine[0]['id']}").status_code == 404
    with pytest.raises(Forbidden):
        sessions.active_credentials(container, auth.get_user(container, "u-analyst"))


def test_the_sessions_page_ends_a_token(container: Container) -> None:
    auth.create_user(container, "bot", [Role.ANALYST], "long-enough-pass")
    auth.issue_token(container, "bot", "nightly import")
    admin = page_client(container, Role.ADMIN)
    page = admin.get("/admin/sessions")
    assert page.status_code == 200 and "nightly import" in page.text
    token_id = next(a.id for a in sessions.active_credentials(container, None) if a.name == "nightly import")
    r = admin.post(
        f"/admin/sessions/token/{token_id}/end", data={"csrf_token": csrf(admin, "/admin/sessions")}
    )
    assert r.status_code == 200 and "Token" in r.text and "ended" in r.text
    assert all(a.name != "nightly import" for a in sessions.active_credentials(container, None))
    assert page_client(container, Role.TRADER).get("/admin/sessions").status_code == 403


def test_cli_lists_and_ends_credentials(
    sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = sqlite_file_container
    monkeypatch.setenv("REECHAIN_DATABASE_URL", c.settings.database_url)
    auth.create_user(c, "bot", [Role.ANALYST], "long-enough-pass")
    auth.issue_token(c, "bot", "nightly import")
    runner = CliRunner()
    listed = runner.invoke(cli_app, ["user", "sessions"])
    assert listed.exit_code == 0 and "nightly import" in listed.output
    token_id = sessions.active_credentials(c, None)[0].id
    ended = runner.invoke(cli_app, ["user", "end", "token", str(token_id)])
    assert ended.exit_code == 0, ended.output
    assert sessions.active_credentials(c, None) == []
    again = runner.invoke(cli_app, ["user", "end", "token", str(token_id)])
    assert again.exit_code != 0


def test_role_checks_hold_in_the_services_not_only_the_routes(container: Container) -> None:
    from reechain.domain.quotas import Quota, QuotaKind
    from reechain.services import quotas, screening

    trader = auth.create_user(container, "tess", [Role.TRADER], "long-enough-pass")
    auditor = auth.create_user(container, "audrey", [Role.AUDITOR, Role.PLANNER], "long-enough-pass")
    quota = Quota(2026, "first", QuotaKind.MINING, "NRE", 10.0, source="test")
    with pytest.raises(Forbidden):
        quotas.define_quota(container, quota, actor=trader)
    with pytest.raises(Forbidden):
        screening.import_list_upload(container, b"", "x.csv", "csv", "x", actor=trader)
    planner = auth.create_user(container, "pia", [Role.PLANNER], "long-enough-pass")
    assert quotas.define_quota(container, quota, actor=planner) > 0
    assert quotas.define_quota(container, quota, actor=auditor) > 0  # planner role counts, auditor adds none
    client = api_client(container, Role.TRADER)
    body = {
        "year": 2026,
        "batch": "first",
        "kind": "mining",
        "holder": "NRE",
        "limit_t_reo": 5,
        "source": "t",
    }
    assert client.post("/api/quotas", json=body).status_code == 403
