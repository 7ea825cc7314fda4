"""Who am I, API tokens and users (REST)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.domain.roles import Role
from reechain.services import auth as auth_service
from reechain.services import sessions as session_service
from reechain.services.auth import AuthenticatedUser

router = APIRouter(prefix="/api", tags=["auth"])


class UserPublic(BaseModel):
    username: str
    roles: list[Role]

    @classmethod
    def of(cls, user: AuthenticatedUser) -> UserPublic:
        return cls(username=user.username, roles=sorted(user.roles))


class UserCreate(BaseModel):
    username: str = Field(min_length=2, max_length=64, pattern=r"^[a-z0-9][a-z0-9._-]{1,63}$")
    roles: list[Role] = Field(min_length=1)
    password: str = Field(min_length=auth_service.MIN_PASSWORD_LENGTH, max_length=1000)


class TokenCreate(BaseModel):
    name: str = Field(default="", max_length=100)
    valid_days: int = Field(default=auth_service.TOKEN_VALID_DAYS, ge=1, le=auth_service.MAX_TOKEN_VALID_DAYS)


class TokenPublic(BaseModel):
    token: str
    username: str
    valid_days: int


class CredentialPublic(BaseModel):
    """An open browser session or a valid API token."""

    kind: Literal["session", "token"]
    id: int
    username: str
    name: str
    created_at: datetime
    expires_at: datetime | None


class CredentialEnded(BaseModel):
    kind: Literal["session", "token"]
    id: int
    ended: bool = True


@router.get("/me", response_model=UserPublic, summary="The user this request is authenticated as")
def me(user: CurrentUser) -> UserPublic:
    return UserPublic.of(user)


@router.post("/tokens", response_model=TokenPublic, status_code=201, summary="A new API token for yourself")
def new_token(body: TokenCreate, c: ContainerDep, user: CurrentUser) -> TokenPublic:
    token = auth_service.issue_token(c, user.username, body.name, valid_days=body.valid_days)
    return TokenPublic(token=token, username=user.username, valid_days=body.valid_days)


@router.get("/users", response_model=list[UserPublic], summary="Every user and their roles (admin)")
def users(
    c: ContainerDep, _: Annotated[AuthenticatedUser, Depends(require_roles(Role.ADMIN))]
) -> list[UserPublic]:
    return [UserPublic.of(u) for u in auth_service.list_users(c)]


@router.post("/users", response_model=UserPublic, status_code=201, summary="Create a user (admin)")
def add_user(
    body: UserCreate, c: ContainerDep, _: Annotated[AuthenticatedUser, Depends(require_roles(Role.ADMIN))]
) -> UserPublic:
    return UserPublic.of(auth_service.create_user(c, body.username, body.roles, body.password))


@router.get(
    "/sessions",
    response_model=list[CredentialPublic],
    summary="Every open browser session and valid API token (admin)",
)
def sessions(c: ContainerDep, user: CurrentUser) -> list[CredentialPublic]:
    return [
        CredentialPublic.model_validate(a, from_attributes=True)
        for a in session_service.active_credentials(c, user)
    ]


@router.delete(
    "/sessions/{kind}/{credential_id}",
    response_model=CredentialEnded,
    summary="End a browser session or revoke an API token (admin)",
)
def end_session(
    kind: Literal["session", "token"],
    credential_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    c: ContainerDep,
    user: CurrentUser,
) -> CredentialEnded:
    session_service.end_credential(c, user, kind, credential_id)
    return CredentialEnded(kind=kind, id=credential_id)
