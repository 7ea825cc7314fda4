from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from reechain.api.app import create_app
from reechain.api.deps import may_write
from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, InvalidInput, Unauthenticated
from reechain.domain.roles import Role
from reechain.services import auth
from reechain.services.auth import AuthenticatedUser

from .helpers import PASSWORD, api_client, csrf, page_client


def test_password_is_stored_hashed_and_checked(container: Container) -> None:
    auth.create_user(container, "alice", [Role.PLANNER], PASSWORD)
    assert auth.authenticate(container, "Alice", PASSWORD) == AuthenticatedUser(
        "alice", frozenset({Role.PLANNER})
    )
    with pytest.raises(Unauthenticated):
        auth.authenticate(container, "alice", PASSWORD + "x")
    with pytest.raises(Unauthenticated):
        auth.authenticate(container, "nobody", PASSWORD)
    from sqlalchemy import select

    from reechain.store.tables.auth import UserRow

    with container.uow() as uow:
        stored = uow.session.scalar(select(UserRow.password_hash).where(UserRow.username == "alice"))
    assert stored is not None and stored.startswith("$argon2") and PASSWORD not in stored


def test_production_hasher_uses_argon2id_with_its_recommended_cost() -> None:
    h = auth.PASSWORD_HASHER
    stored = h.hash(PASSWORD)
    assert stored.startswith("$argon2id$") and "m=65536,t=3" in stored and h.verify(stored, PASSWORD)
    assert auth._DUMMY_HASH.startswith("$argon2id$")


def test_bad_user_input_names_the_field(container: Container) -> None:
    with pytest.raises(InvalidInput) as e:
        auth.create_user(container, "bob", ["pilot"], PASSWORD)
    assert e.value.problems[0].field == "role"
    with pytest.raises(InvalidInput) as e:
        auth.create_user(container, "bob", [Role.TRADER], "short")
    assert e.value.problems[0].field == "password"
    with pytest.raises(InvalidInput):
        auth.create_user(container, "Bob Smith!", [Role.TRADER], PASSWORD)
    auth.create_user(container, "bob", [Role.TRADER], PASSWORD)
    with pytest.raises(Conflict):
        auth.create_user(container, "bob", [Role.ANALYST], PASSWORD)


def test_token_is_stored_as_digest_and_can_be_revoked(container: Container) -> None:
    auth.create_user(container, "carol", [Role.ANALYST, Role.TRADER], PASSWORD)
    token = auth.issue_token(container, "carol")
    assert auth.user_for_token(container, token).roles == {Role.ANALYST, Role.TRADER}
    from sqlalchemy import select

    from reechain.store.tables.auth import ApiTokenRow

    with container.uow() as uow:
        digests = uow.session.scalars(select(ApiTokenRow.token_sha256)).all()
    assert token not in digests and len(digests[0]) == 64
    assert auth.revoke_tokens(container, "carol") == 1
    with pytest.raises(Unauthenticated):
        auth.user_for_token(container, token)


@pytest.mark.parametrize(
    ("roles", "needed", "allowed"),
    [
        ({Role.PLANNER}, (Role.PLANNER,), True),
        ({Role.TRADER}, (Role.PLANNER,), False),
        ({Role.ADMIN}, (Role.PLANNER,), True),
        ({Role.AUDITOR}, (Role.PLANNER,), False),
        ({Role.AUDITOR}, (Role.AUDITOR,), False),  # auditor never passes a write
        ({Role.AUDITOR, Role.TRADER}, (Role.TRADER,), True),
    ],
)
def test_role_rule(roles: set[Role], needed: tuple[Role, ...], allowed: bool) -> None:
    assert may_write(AuthenticatedUser("x", frozenset(roles)), needed) is allowed


def test_api_needs_a_valid_token(container: Container) -> None:
    anonymous = TestClient(create_app(container))
    r = anonymous.get("/api/me")
    assert r.status_code == 401 and r.json()["error"] == "Unauthenticated"
    r = anonymous.get("/api/me", headers={"Authorization": "Bearer ree_not-a-token"})
    assert r.status_code == 401
    client = api_client(container, Role.PLANNER)
    assert client.get("/api/me").json() == {"username": "u-planner", "roles": ["planner"]}


def test_admin_only_endpoint_refuses_others_and_validates(container: Container) -> None:
    auditor = api_client(container, Role.AUDITOR)
    r = auditor.post("/api/users", json={"username": "dave", "roles": ["trader"], "password": PASSWORD})
    assert r.status_code == 403 and r.json()["error"] == "Forbidden"
    admin = api_client(container, Role.ADMIN)
    r = admin.post("/api/users", json={"username": "dave", "roles": ["pilot"], "password": "short"})
    assert r.status_code == 422
    fields = {p["field"] for p in r.json()["problems"]}
    assert {"roles.0", "password"} <= fields
    r = admin.post("/api/users", json={"username": "dave", "roles": ["trader"], "password": PASSWORD})
    assert r.status_code == 201 and r.json() == {"username": "dave", "roles": ["trader"]}
    r = admin.post("/api/users", json={"username": "dave", "roles": ["trader"], "password": PASSWORD})
    assert r.status_code == 409


def test_malformed_json_is_a_422_not_a_500(container: Container) -> None:
    admin = api_client(container, Role.ADMIN)
    r = admin.post("/api/users", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"] == "InvalidInput"


def test_login_sets_a_hardened_cookie_and_logout_clears_it(container: Container) -> None:
    client = page_client(container, Role.TRADER)
    assert "u-trader" in client.get("/login").text
    client2 = TestClient(create_app(container))
    auth.create_user(container, "erin", [Role.TRADER], PASSWORD)
    r = client2.post(
        "/login",
        data={"username": "erin", "password": PASSWORD, "csrf_token": csrf(client2)},
        follow_redirects=False,
    )
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    r = client2.post("/logout", data={"csrf_token": csrf(client2, "/login")}, follow_redirects=False)
    assert r.status_code == 303
    assert client2.get("/api/me").status_code == 401


def test_wrong_password_redisplays_the_form(container: Container) -> None:
    client = TestClient(create_app(container))
    auth.create_user(container, "frank", [Role.TRADER], PASSWORD)
    r = client.post("/login", data={"username": "frank", "password": "nope-nope", "csrf_token": csrf(client)})
    assert r.status_code == 401 and "wrong username or password" in r.text and 'value="frank"' in r.text


def test_form_post_without_csrf_token_is_refused(container: Container) -> None:
    client = page_client(container, Role.TRADER)
    r = client.post("/logout", data={}, follow_redirects=False)
    assert r.status_code == 403 and "security token" in r.text
    r = client.post("/logout", data={"csrf_token": "forged"}, follow_redirects=False)
    assert r.status_code == 403
    # the session still works
    assert client.get("/api/me").status_code == 200


def test_cookie_api_write_needs_the_csrf_header(container: Container) -> None:
    client = page_client(container, Role.ADMIN)
    body = {"name": "x"}
    assert client.post("/api/tokens", json=body).status_code == 403
    r = client.post("/api/tokens", json=body, headers={"X-CSRF-Token": csrf(client, "/login")})
    assert r.status_code == 201


def test_security_headers_on_every_answer(container: Container) -> None:
    client = TestClient(create_app(container))
    for path in ("/login", "/api/me", "/no-such-page", "/health"):
        h = client.get(path).headers
        assert "default-src 'self'" in h["content-security-policy"]
        assert h["x-frame-options"] == "DENY" and h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"]


def test_logged_out_page_visit_goes_to_login(container: Container) -> None:
    client = TestClient(create_app(container))
    r = client.get("/api/users", follow_redirects=False)
    assert r.status_code == 401
    r = client.get("/no-such-page")
    assert r.status_code == 404 and "Traceback" not in r.text and "Not found" in r.text


def test_static_assets_are_served_locally(container: Container) -> None:
    client = TestClient(create_app(container))
    r = client.get("/static/plotly.min.js")
    assert r.status_code == 200 and len(r.content) > 1_000_000
    r = client.get("/static/htmx.min.js")
    assert r.status_code == 200 and b"htmx" in r.content[:200]
    assert client.get("/health").json() == {"status": "ok"}


def test_unexpected_error_shows_no_trace(container: Container) -> None:
    app = create_app(container)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    @app.get("/boom")
    def boom_page() -> None:
        raise RuntimeError("secret internals")

    client = TestClient(app, raise_server_exceptions=False)
    r = client.get("/api/boom")
    assert r.status_code == 500 and "secret" not in r.text and r.json()["error"] == "InternalError"
    r = client.get("/boom")
    assert r.status_code == 500 and "secret" not in r.text and "Traceback" not in r.text


def test_a_value_the_database_refuses_is_a_422(container: Container) -> None:
    from sqlalchemy.exc import DataError

    app = create_app(container)

    @app.get("/api/refused")
    def refused() -> None:
        raise DataError(
            "INSERT ...", {}, ValueError("PostgreSQL text fields cannot contain NUL (0x00) bytes")
        )

    r = TestClient(app, raise_server_exceptions=False).get("/api/refused")
    assert r.status_code == 422 and r.json()["error"] == "InvalidInput" and "NUL" in r.json()["message"]


def test_secure_cookies_setting_marks_the_cookie_secure(container: Container) -> None:
    from dataclasses import replace

    secure = replace(container, settings=container.settings.model_copy(update={"secure_cookies": True}))
    r = TestClient(create_app(secure)).get("/login")
    assert "secure" in r.headers["set-cookie"].lower()
    assert r.headers["strict-transport-security"].startswith("max-age=")
