"""Typed dependencies for routes and pages: the container, the current user and role checks."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from reechain.bootstrap import Container
from reechain.domain.errors import Unauthenticated
from reechain.domain.roles import Role
from reechain.services import auth as auth_service
from reechain.services import sessions as session_service
from reechain.services.auth import AuthenticatedUser
from reechain.services.permissions import may_write as may_write  # kept importable from here
from reechain.services.permissions import require_role

SESSION_USER_KEY = "username"
SESSION_STAMP_KEY = "password_stamp"
SESSION_KEY_KEY = "sid"
"""The random key of the server-side session (``web_sessions``), kept in the signed cookie."""
TOKEN_CACHE_SECONDS = 5.0
"""How long a process reuses the user of a bearer token before reading it again: a revoked token or a
changed role takes effect within this many seconds (see docs/compliance.md, "Latency")."""
_TOKEN_CACHE_MAX = 10_000
_token_cache: dict[tuple[int, str], tuple[float, AuthenticatedUser]] = {}  # key -> (kept until, user)
_token_lock = threading.Lock()
_token_reads: dict[tuple[int, str], threading.Lock] = {}  # key -> held while one request reads the token


def _token_key(c: Container, token: str) -> tuple[int, str]:
    return (id(c), hashlib.sha256(token.encode("utf-8")).hexdigest())


def cached_token_user(c: Container, token: str) -> AuthenticatedUser | None:
    """The user kept for TOKEN if it is still within its cache time (no database access), else None."""
    with _token_lock:
        cached = _token_cache.get(_token_key(c, token))
    return cached[1] if cached is not None and time.monotonic() < cached[0] else None


def _reading_lock(key: tuple[int, str]) -> threading.Lock:
    with _token_lock:
        lock = _token_reads.get(key)
        if lock is None:
            if len(_token_reads) >= _TOKEN_CACHE_MAX:
                _token_reads.clear()
            lock = _token_reads[key] = threading.Lock()
        return lock


def user_for_token(c: Container, token: str) -> AuthenticatedUser:
    """``auth.user_for_token`` with a short per-process cache keyed by the token's hash (never the token).
    When the kept user lapses, one request reads the token again and the others arriving meanwhile wait for
    its answer: every request in flight reading it at once would each take a connection (opening new ones
    beyond the pool) at the same moment and stall the process."""
    cached = cached_token_user(c, token)
    if cached is not None:
        return cached
    key = _token_key(c, token)
    with _reading_lock(key):
        cached = cached_token_user(c, token)  # read by the request this one waited for
        if cached is not None:
            return cached
        now = time.monotonic()
        # an invalid or revoked token raises and is not kept; a valid one is kept no longer than it is valid
        user, expires_at = auth_service.token_user_until(c, token)
        left_s = (expires_at - datetime.now(UTC)).total_seconds()
        with _token_lock:
            if len(_token_cache) >= _TOKEN_CACHE_MAX:
                _token_cache.clear()
            _token_cache[key] = (now + min(TOKEN_CACHE_SECONDS, left_s), user)
        return user


async def user_for_token_async(c: Container, token: str) -> AuthenticatedUser:
    """``user_for_token`` from the event loop: a cached user costs no hop to a worker thread, only a look-up
    that needs the database does."""
    cached = cached_token_user(c, token)
    if cached is not None:
        return cached
    return await run_in_threadpool(user_for_token, c, token)


# The dependencies below are coroutines on purpose: FastAPI runs a plain ``def`` dependency in a worker
# thread, one thread hop each per request; only the look-ups that need the database go to a thread.


async def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


ContainerDep = Annotated[Container, Depends(get_container)]

_bearer = HTTPBearer(auto_error=False, description="An API token from `reechain user token USERNAME`.")


async def current_user(
    request: Request,
    c: ContainerDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> AuthenticatedUser:
    """The user of a bearer API token (scripts) or of the session cookie (pages)."""
    if credentials is not None:
        user = await user_for_token_async(c, credentials.credentials)
    elif request.headers.get("authorization"):
        # Another scheme (Basic, an empty Bearer...): never fall back to the cookie, whose requests are the
        # only ones the CSRF check guards.
        raise Unauthenticated("send an API token as 'Authorization: Bearer TOKEN'")
    else:
        session = request.scope.get("session") or {}
        key = session.get(SESSION_KEY_KEY)
        if not key:
            raise Unauthenticated("log in first, or send an API token as 'Authorization: Bearer TOKEN'")
        try:
            user = await run_in_threadpool(session_service.user_for_session, c, str(key))
        except Unauthenticated:
            session.clear()
            raise
    request.state.user = user
    return user


CurrentUser = Annotated[AuthenticatedUser, Depends(current_user)]


def require_roles(*roles: Role) -> Callable[[AuthenticatedUser], Awaitable[AuthenticatedUser]]:
    """A dependency for write endpoints: Forbidden unless the user holds one of ROLES (or is admin)."""

    async def check(user: CurrentUser) -> AuthenticatedUser:
        require_role(user, *roles)  # the services' own check (reechain.services.permissions)
        return user

    return check
