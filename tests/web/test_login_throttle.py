"""Failed logins lock a username for a while: 5 free failures, then 30 s doubling to 15 minutes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.errors import TooManyAttempts, Unauthenticated
from reechain.domain.roles import Role
from reechain.services import auth
from reechain.store.tables.auth import LoginThrottleRow

from .helpers import PASSWORD, csrf


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(auth, "_now", c)
    return c


def test_lock_grows_from_30_s_to_15_min() -> None:
    assert [auth.lock_seconds(n) for n in range(1, 13)] == [0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900]


def test_sixth_failure_locks_even_the_right_password_until_the_lock_ends(
    container: Container, clock: Clock
) -> None:
    auth.create_user(container, "alice", [Role.PLANNER], PASSWORD)
    for _ in range(6):
        with pytest.raises(Unauthenticated) as e:
            auth.authenticate(container, "alice", "wrong-password")
        assert not isinstance(e.value, TooManyAttempts)
    with pytest.raises(TooManyAttempts) as locked:
        auth.authenticate(container, "alice", PASSWORD)
    assert locked.value.retry_after_s == 30 and "try again in 30 s" in locked.value.message
    clock.now += timedelta(seconds=29)
    with pytest.raises(TooManyAttempts):
        auth.authenticate(container, "ALICE ", PASSWORD)  # the same username, however typed
    clock.now += timedelta(seconds=2)
    assert auth.authenticate(container, "alice", PASSWORD).username == "alice"
    with container.uow() as uow:  # success clears the count
        assert (
            uow.session.scalar(select(LoginThrottleRow).where(LoginThrottleRow.username == "alice")) is None
        )
    for _ in range(5):  # five free failures again
        with pytest.raises(Unauthenticated) as e:
            auth.authenticate(container, "alice", "wrong-password")
        assert not isinstance(e.value, TooManyAttempts)


def test_next_failure_after_a_lock_doubles_it(container: Container, clock: Clock) -> None:
    auth.create_user(container, "bob", [Role.PLANNER], PASSWORD)
    for _ in range(6):
        with pytest.raises(Unauthenticated):
            auth.authenticate(container, "bob", "wrong-password")
    clock.now += timedelta(seconds=31)
    with pytest.raises(Unauthenticated) as e:
        auth.authenticate(container, "bob", "wrong-password")  # the 7th failure
    assert not isinstance(e.value, TooManyAttempts)
    with pytest.raises(TooManyAttempts) as locked:
        auth.authenticate(container, "bob", PASSWORD)
    assert locked.value.retry_after_s == 60


def test_unknown_usernames_are_locked_the_same_way(container: Container, clock: Clock) -> None:
    for _ in range(6):
        with pytest.raises(Unauthenticated) as e:
            auth.authenticate(container, "nobody", "wrong-password")
        assert str(e.value) == "wrong username or password"
    with pytest.raises(TooManyAttempts):
        auth.authenticate(container, "nobody", "anything-at-all")


def test_login_page_answers_429_with_retry_after(sqlite_file_container: Container) -> None:
    c = sqlite_file_container
    auth.create_user(c, "carol", [Role.ANALYST], PASSWORD)
    client = TestClient(create_app(c))
    for _ in range(6):
        form = {"username": "carol", "password": "wrong-password", "csrf_token": csrf(client)}
        assert client.post("/login", data=form).status_code == 401
    form = {"username": "carol", "password": PASSWORD, "csrf_token": csrf(client)}
    r = client.post("/login", data=form, follow_redirects=False)
    assert r.status_code == 429 and 0 < int(r.headers["Retry-After"]) <= 30
    assert "too many failed logins for this username" in r.text


def test_concurrent_failures_all_count(pg_committing_container: Container) -> None:
    c = pg_committing_container
    auth.create_user(c, "dave", [Role.ANALYST], PASSWORD)

    def fail(_: int) -> str:
        try:
            auth.authenticate(c, "dave", "wrong-password")
        except TooManyAttempts:
            return "locked"
        except Unauthenticated:
            return "wrong"
        return "in"

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(fail, range(8)))
    assert "in" not in outcomes
    with c.uow() as uow:
        row = uow.session.get(LoginThrottleRow, "dave")
        assert row is not None
        # every failure that got as far as the password was counted; later ones met the lock
        assert row.failures == outcomes.count("wrong") and row.failures >= 6
        assert row.locked_until is not None


def test_a_password_change_ends_open_browser_sessions(container: Container) -> None:
    from .helpers import page_client

    client = page_client(container, Role.ANALYST)  # logged in through the form
    assert client.get("/api/me").status_code == 200
    auth.set_password(container, "u-analyst", "a-brand-new-password")
    r = client.get("/api/me")
    assert r.status_code == 401 and "password was changed" in r.json()["message"]
    assert client.get("/api/me").status_code == 401  # the session was cleared, not just refused once
    form = {"username": "u-analyst", "password": "a-brand-new-password", "csrf_token": csrf(client)}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303
    assert client.get("/api/me").json()["username"] == "u-analyst"
