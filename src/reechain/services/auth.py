"""Users, roles, passwords and API tokens.

Passwords are hashed with argon2 (argon2-cffi). API tokens are 256 random bits shown once and stored as
their SHA-256 digest, so a token can be looked up by its digest on every request.
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from reechain.bootstrap import Container
from reechain.domain.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    Problem,
    TooManyAttempts,
    Unauthenticated,
)
from reechain.domain.roles import Role
from reechain.store.db import READ_ONLY_OPTION
from reechain.store.tables.auth import ApiTokenRow, LoginThrottleRow, UserRoleRow, UserRow, WebSessionRow

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD_LENGTH = 8
TOKEN_PREFIX = "ree_"

PASSWORD_HASHER = PasswordHasher()
"""argon2id with the library's recommended cost (RFC 9106 low-memory profile: t=3, m=64 MiB, p=4)."""
_hasher = PASSWORD_HASHER
# Verifying against this hash when the user does not exist keeps the timing of a failed login the same.
_DUMMY_HASH = _hasher.hash("no-such-user-password")


@dataclass(frozen=True)
class AuthenticatedUser:
    username: str
    roles: frozenset[Role]
    password_stamp: str = field(default="", compare=False, repr=False)
    """A digest of the stored password hash: a browser session remembers it at login and is refused once
    the password changes (sessions are signed cookies, so this is how a password change ends them)."""

    def has_any(self, roles: Iterable[Role]) -> bool:
        return bool(self.roles & set(roles))


def parse_roles(names: Iterable[str]) -> frozenset[Role]:
    roles: set[Role] = set()
    problems: list[Problem] = []
    for name in names:
        key = name.strip().lower().replace("-", "_").replace(" ", "_")
        try:
            roles.add(Role(key))
        except ValueError:
            known = ", ".join(r.value for r in Role)
            problems.append(Problem(f"unknown role {name!r}; known roles: {known}", field="role"))
    if problems:
        raise InvalidInput("unknown role", problems)
    if not roles:
        raise InvalidInput(
            "a user needs at least one role", [Problem("give at least one role", field="role")]
        )
    return frozenset(roles)


def _common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords of zxcvbn's packaged list (from leaked password sets)."""
    global _COMMON
    if _COMMON is None:
        from zxcvbn.frequency_lists import FREQUENCY_LISTS  # type: ignore[import-untyped]

        _COMMON = frozenset(FREQUENCY_LISTS["passwords"])
    return _COMMON


_COMMON: frozenset[str] | None = None


def _bare(text: str) -> str:
    """TEXT without the digits, spaces and signs around it, case folded: ``" Carol2026!"`` → ``carol``."""
    return text.casefold().strip(string.digits + string.punctuation + string.whitespace)


def _check_password(password: str, username: str) -> None:
    """Refuse a password that is short, only spaces, the username, or a common password."""
    reason = None
    if not password.strip():
        reason = "a password cannot be only spaces"
    elif len(password) < MIN_PASSWORD_LENGTH:
        reason = f"use at least {MIN_PASSWORD_LENGTH} characters"
    elif username and _bare(password) == _bare(username):
        reason = "a password cannot be the username (with or without digits and signs around it)"
    elif password.casefold() in _common_passwords() or password.strip().casefold() in _common_passwords():
        reason = "this is one of the most common passwords; choose another"
    if reason is not None:
        raise InvalidInput("password refused", [Problem(reason, field="password")])


def _now() -> datetime:
    return datetime.now(UTC)


def _user_row(session: Session, username: str) -> UserRow:
    row = session.scalar(select(UserRow).where(UserRow.username == username))
    if row is None:
        raise NotFound(f"no user named {username!r}")
    return row


def _roles_of(session: Session, user_id: int) -> frozenset[Role]:
    names = session.scalars(select(UserRoleRow.role).where(UserRoleRow.user_id == user_id))
    return frozenset(Role(n) for n in names)


def create_user(c: Container, username: str, roles: Iterable[Role | str], password: str) -> AuthenticatedUser:
    username = username.strip().lower()
    if not USERNAME_RE.match(username):
        raise InvalidInput(
            "bad username",
            [Problem("2-64 characters: lower-case letters, digits, '.', '_' or '-'", field="username")],
        )
    role_set = parse_roles(str(r) for r in roles)
    _check_password(password, username)
    with c.uow() as uow:
        s = uow.session
        if s.scalar(select(UserRow.id).where(UserRow.username == username)) is not None:
            raise Conflict(f"a user named {username!r} already exists")
        row = UserRow(username=username, password_hash=_hasher.hash(password), created_at=_now())
        s.add(row)
        s.flush()
        s.add_all(UserRoleRow(user_id=row.id, role=r.value) for r in sorted(role_set))
        uow.commit()
    return AuthenticatedUser(username, role_set)


def set_password(c: Container, username: str, password: str) -> None:
    """A new password; every open browser session of the user ends with it."""
    _check_password(password, username)
    with c.uow() as uow:
        row = _user_row(uow.session, username)
        row.password_hash = _hasher.hash(password)
        now = _now()
        uow.session.execute(
            update(WebSessionRow)
            .where(WebSessionRow.user_id == row.id, WebSessionRow.ended_at.is_(None))
            .values(ended_at=now, ended_by="password change")
        )
        uow.commit()


def set_roles(c: Container, username: str, roles: Iterable[Role | str]) -> AuthenticatedUser:
    role_set = parse_roles(str(r) for r in roles)
    with c.uow() as uow:
        s = uow.session
        row = _user_row(s, username)
        for old in s.scalars(select(UserRoleRow).where(UserRoleRow.user_id == row.id)):
            s.delete(old)
        s.flush()
        s.add_all(UserRoleRow(user_id=row.id, role=r.value) for r in sorted(role_set))
        uow.commit()
    return AuthenticatedUser(username, role_set)


def _read_only(session: Session) -> None:
    session.connection(execution_options={READ_ONLY_OPTION: True})


def get_user(c: Container, username: str) -> AuthenticatedUser:
    with c.uow() as uow:
        _read_only(uow.session)
        row = _user_row(uow.session, username)
        return AuthenticatedUser(row.username, _roles_of(uow.session, row.id), _stamp(row.password_hash))


def _stamp(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def list_users(c: Container) -> list[AuthenticatedUser]:
    with c.uow() as uow:
        rows = uow.session.scalars(select(UserRow).order_by(UserRow.username)).all()
        return [AuthenticatedUser(r.username, _roles_of(uow.session, r.id)) for r in rows]


FREE_LOGIN_FAILURES = 5
"""Failed logins of one username allowed before each further failure locks it for a while."""
FIRST_LOCK_S = 30
MAX_LOCK_S = 15 * 60


def lock_seconds(failures: int) -> int:
    """Lock earned by the n-th consecutive failure: none for the first five, then 30 s doubling to 15 min."""
    if failures <= FREE_LOGIN_FAILURES:
        return 0
    return int(min(MAX_LOCK_S, FIRST_LOCK_S * 2 ** (failures - FREE_LOGIN_FAILURES - 1)))


SESSION_LIFETIME = timedelta(hours=8)


@dataclass(frozen=True)
class LoggedIn:
    user: AuthenticatedUser
    session_key: str
    """Random key of the new server-side session; the browser keeps it in its signed cookie."""


def log_in(c: Container, username: str, password: str) -> LoggedIn:
    """A browser login: check the password (as ``authenticate``) and open a server-side session, in one
    transaction. The session ends at logout, at a password change, when an admin ends it, or after 8 h."""
    result = _authenticate(c, username, password, start_session=True)
    assert isinstance(result, LoggedIn)
    return result


def authenticate(c: Container, username: str, password: str) -> AuthenticatedUser:
    """The user if the password is right; Unauthenticated otherwise (never says which part was wrong).

    After ``FREE_LOGIN_FAILURES`` failures in a row a username (known or not, so the lock tells nothing about
    which usernames exist) is locked for ``lock_seconds``: tries are then refused with TooManyAttempts,
    before the password is even looked at. A successful login clears the count."""
    result = _authenticate(c, username, password, start_session=False)
    assert isinstance(result, AuthenticatedUser)
    return result


def _authenticate(
    c: Container, username: str, password: str, *, start_session: bool
) -> AuthenticatedUser | LoggedIn:
    name = username.strip().lower()[:200]
    wrong = Unauthenticated("wrong username or password")
    with c.uow() as uow:
        s = uow.session
        now = _now()
        throttle = s.get(LoginThrottleRow, name)
        if throttle is not None and throttle.locked_until is not None:
            wait_s = math.ceil((_aware(throttle.locked_until) - now).total_seconds())
            if wait_s > 0:
                raise TooManyAttempts(
                    f"too many failed logins for this username; try again in {wait_s} s", wait_s
                )
        row = s.scalar(select(UserRow).where(UserRow.username == name))
        verified = _verify(row.password_hash if row else _DUMMY_HASH, password)  # same time either way
        if row is None or not verified:
            _count_failure(s, name, now)
            uow.commit()
            raise wrong
        if throttle is not None:
            s.delete(throttle)
        if _hasher.check_needs_rehash(row.password_hash):
            row.password_hash = _hasher.hash(password)
        user = AuthenticatedUser(row.username, _roles_of(s, row.id), _stamp(row.password_hash))
        key = secrets.token_urlsafe(32)
        if start_session:
            s.add(
                WebSessionRow(
                    user_id=row.id,
                    session_sha256=_digest(key),
                    created_at=now,
                    expires_at=now + SESSION_LIFETIME,
                )
            )
        uow.commit()
        return LoggedIn(user, key) if start_session else user


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)  # SQLite drops the zone


def _count_failure(s: Session, name: str, now: datetime) -> None:
    """One more failure, counted in one upsert so that concurrent failures all count."""
    T = LoginThrottleRow
    insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    new = insert(T).values(username=name, failures=1, last_failed_at=now)
    failures = s.execute(
        new.on_conflict_do_update(
            index_elements=[T.username],
            set_={"failures": T.failures + 1, "last_failed_at": new.excluded.last_failed_at},
        ).returning(T.failures)
    ).scalar_one()
    lock_s = lock_seconds(failures)
    if lock_s:
        s.execute(update(T).where(T.username == name).values(locked_until=now + timedelta(seconds=lock_s)))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


TOKEN_VALID_DAYS = 90
MAX_TOKEN_VALID_DAYS = 366


def issue_token(c: Container, username: str, name: str = "", *, valid_days: int = TOKEN_VALID_DAYS) -> str:
    """A new API token for USERNAME, valid VALID_DAYS days. The plain token is returned once, never stored."""
    if not 1 <= valid_days <= MAX_TOKEN_VALID_DAYS:
        raise InvalidInput(
            "bad token validity",
            [Problem(f"between 1 and {MAX_TOKEN_VALID_DAYS} days", field="valid_days")],
        )
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = _now()
    with c.uow() as uow:
        row = _user_row(uow.session, username)
        uow.session.add(
            ApiTokenRow(
                user_id=row.id,
                token_sha256=_digest(token),
                name=name[:100],
                created_at=now,
                expires_at=now + timedelta(days=valid_days),
            )
        )
        uow.commit()
    return token


def revoke_token(c: Container, token: str) -> None:
    with c.uow() as uow:
        row = uow.session.scalar(select(ApiTokenRow).where(ApiTokenRow.token_sha256 == _digest(token)))
        if row is None or row.revoked_at is not None:
            raise NotFound("no such active token")
        row.revoked_at = _now()
        uow.commit()


def revoke_tokens(c: Container, username: str) -> int:
    """Revoke every active token of USERNAME; returns how many were revoked."""
    with c.uow() as uow:
        user = _user_row(uow.session, username)
        rows = uow.session.scalars(
            select(ApiTokenRow).where(ApiTokenRow.user_id == user.id, ApiTokenRow.revoked_at.is_(None))
        ).all()
        for row in rows:
            row.revoked_at = _now()
        uow.commit()
        return len(rows)


def user_for_token(c: Container, token: str) -> AuthenticatedUser:
    return token_user_until(c, token)[0]


def token_user_until(c: Container, token: str) -> tuple[AuthenticatedUser, datetime]:
    """The user of a valid API token and the moment the token expires (for callers that keep the answer
    for a while: they must not keep it past then)."""
    with c.uow() as uow:
        _read_only(uow.session)
        s = uow.session
        found = s.execute(
            select(UserRow.id, UserRow.username, ApiTokenRow.expires_at)
            .join(ApiTokenRow, ApiTokenRow.user_id == UserRow.id)
            .where(
                ApiTokenRow.token_sha256 == _digest(token),
                ApiTokenRow.revoked_at.is_(None),
                ApiTokenRow.expires_at > _now(),
            )
        ).first()
        if found is None:
            raise Unauthenticated("invalid, expired or revoked API token")
        return AuthenticatedUser(found.username, _roles_of(s, found.id)), _aware(found.expires_at)


def reset_demo_users(c: Container) -> dict[str, str]:
    """One user per role, named after it, and a second compliance officer (``compliance-officer-2``: a
    hold is released by two different officers), each with a new random password: username → password."""
    passwords: dict[str, str] = {}
    existing = {u.username for u in list_users(c)}
    logins = [(role.value.replace("_", "-"), role) for role in Role]
    logins.append(("compliance-officer-2", Role.COMPLIANCE_OFFICER))
    for username, role in logins:
        password = secrets.token_urlsafe(9)
        if username in existing:
            set_password(c, username, password)
            set_roles(c, username, [role])
        else:
            create_user(c, username, [role], password)
        passwords[username] = password
    return passwords
