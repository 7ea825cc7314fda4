"""Browser sessions and API tokens as the server knows them: who is logged in, and ending it.

A browser session is a row of ``web_sessions`` found by the SHA-256 digest of the random key kept in the
signed cookie; an API token a row of ``api_tokens``. Either is refused once ended (logout, password change,
an admin) or expired (8 h for a session, the token's own validity). Listing and ending other users'
credentials needs the admin role; ``actor=None`` is the local command line (whoever can run it already
holds the database credentials).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import select, update

from reechain.bootstrap import Container
from reechain.domain.errors import Forbidden, NotFound, Unauthenticated
from reechain.domain.roles import Role
from reechain.services.auth import AuthenticatedUser, _digest, _roles_of, _stamp
from reechain.store.db import READ_ONLY_OPTION
from reechain.store.tables.auth import ApiTokenRow, UserRow, WebSessionRow

CredentialKind = Literal["session", "token"]


@dataclass(frozen=True)
class ActiveCredential:
    kind: CredentialKind
    id: int
    username: str
    name: str
    created_at: datetime
    expires_at: datetime | None


def _now() -> datetime:
    return datetime.now(UTC)


def _require_admin(actor: AuthenticatedUser | None) -> None:
    if actor is not None and Role.ADMIN not in actor.roles:
        raise Forbidden("only an admin can see or end other users' sessions and tokens")


def user_for_session(c: Container, session_key: str) -> AuthenticatedUser:
    """The user of an open, unexpired browser session; Unauthenticated otherwise."""
    with c.uow() as uow:
        s = uow.session
        s.connection(execution_options={READ_ONLY_OPTION: True})
        found = s.execute(
            select(UserRow.id, UserRow.username, UserRow.password_hash)
            .join(WebSessionRow, WebSessionRow.user_id == UserRow.id)
            .where(
                WebSessionRow.session_sha256 == _digest(session_key),
                WebSessionRow.ended_at.is_(None),
                WebSessionRow.expires_at > _now(),
            )
        ).first()
        if found is None:
            raise Unauthenticated(
                _why_ended(
                    s.scalar(
                        select(WebSessionRow).where(WebSessionRow.session_sha256 == _digest(session_key))
                    )
                )
            )
        return AuthenticatedUser(found.username, _roles_of(s, found.id), _stamp(found.password_hash))


def _why_ended(row: WebSessionRow | None) -> str:
    if row is None:
        return "no such session; log in again"
    if row.ended_by == "password change":
        return "your password was changed since you logged in; log in again"
    if row.ended_by == "logout":
        return "you logged out of this session; log in again"
    if row.ended_at is not None:
        return f"your session was ended by {row.ended_by}; log in again"
    return "your session expired; log in again"


def end_session(c: Container, session_key: str) -> None:
    """Logout: the session ends on the server (a copy of the cookie no longer works)."""
    with c.uow() as uow:
        uow.session.execute(
            update(WebSessionRow)
            .where(WebSessionRow.session_sha256 == _digest(session_key), WebSessionRow.ended_at.is_(None))
            .values(ended_at=_now(), ended_by="logout")
        )
        uow.commit()


def active_credentials(c: Container, actor: AuthenticatedUser | None) -> list[ActiveCredential]:
    """Every open browser session and every valid API token, newest first (admin)."""
    _require_admin(actor)
    now = _now()
    with c.uow() as uow:
        s = uow.session
        s.connection(execution_options={READ_ONLY_OPTION: True})
        sessions = s.execute(
            select(WebSessionRow.id, UserRow.username, WebSessionRow.created_at, WebSessionRow.expires_at)
            .join(UserRow, UserRow.id == WebSessionRow.user_id)
            .where(WebSessionRow.ended_at.is_(None), WebSessionRow.expires_at > now)
        ).all()
        tokens = s.execute(
            select(
                ApiTokenRow.id,
                UserRow.username,
                ApiTokenRow.name,
                ApiTokenRow.created_at,
                ApiTokenRow.expires_at,
            )
            .join(UserRow, UserRow.id == ApiTokenRow.user_id)
            .where(ApiTokenRow.revoked_at.is_(None), ApiTokenRow.expires_at > now)
        ).all()
    found = [
        ActiveCredential("session", r.id, r.username, "browser", _aware(r.created_at), _aware(r.expires_at))
        for r in sessions
    ] + [
        ActiveCredential("token", r.id, r.username, r.name, _aware(r.created_at), _aware(r.expires_at))
        for r in tokens
    ]
    return sorted(found, key=lambda a: (a.created_at, a.kind, a.id), reverse=True)


def end_credential(
    c: Container, actor: AuthenticatedUser | None, kind: CredentialKind, credential_id: int
) -> None:
    """End one session or revoke one token (admin); NotFound if it is not open."""
    _require_admin(actor)
    by = actor.username if actor is not None else "command line"
    with c.uow() as uow:
        s = uow.session
        if kind == "session":
            row = s.get(WebSessionRow, credential_id)
            if row is None or row.ended_at is not None:
                raise NotFound(f"no open session {credential_id}")
            row.ended_at, row.ended_by = _now(), by[:64]
        else:
            token = s.get(ApiTokenRow, credential_id)
            if token is None or token.revoked_at is not None:
                raise NotFound(f"no active token {credential_id}")
            token.revoked_at = _now()
        uow.commit()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
